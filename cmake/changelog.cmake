# NEWS.md as a Debian changelog (the package's changelog.gz), made at build
# time:  cmake -DNEWS=NEWS.md -DOUT=changelog -DMAINTAINER="..." -P changelog.cmake
# Each "## VERSION (YYYY-MM-DD)" is an entry; its "- " items become "  * ",
# their following lines "    "; Markdown's ** and ` are dropped.
file(STRINGS "${NEWS}" lines)
set(out "")
set(date "")
macro(close_entry)
  if(NOT date STREQUAL "")
    execute_process(COMMAND date -u -R -d "${date}"
      OUTPUT_VARIABLE when OUTPUT_STRIP_TRAILING_WHITESPACE
      RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${NEWS}: '${date}' is not a date")
    endif()
    string(APPEND out "\n -- ${MAINTAINER}  ${when}\n\n")
  endif()
endmacro()
foreach(line IN LISTS lines)
  if(line MATCHES "^## ([0-9]+\\.[0-9]+\\.[0-9]+) \\(([0-9-]+)\\)$")
    close_entry()
    set(date "${CMAKE_MATCH_2}")
    string(APPEND out "hep (${CMAKE_MATCH_1}) unstable; urgency=medium\n\n")
  elseif(date STREQUAL "")
    # the file's own introduction: not part of any entry
  elseif(line MATCHES "^- (.*)$")
    string(APPEND out "  * ${CMAKE_MATCH_1}\n")
  elseif(line MATCHES "^  (.+)$")
    string(APPEND out "    ${CMAKE_MATCH_1}\n")
  endif()
endforeach()
close_entry()
if(out STREQUAL "")
  message(FATAL_ERROR "${NEWS}: no '## VERSION (DATE)' entry")
endif()
string(REPLACE "**" "" out "${out}")
string(REPLACE "`" "'" out "${out}")
string(REGEX REPLACE "\n\n$" "\n" out "${out}")
file(WRITE "${OUT}" "${out}")
