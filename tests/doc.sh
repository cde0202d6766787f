#!/usr/bin/env bash
# The man page and the bash completion hold to the program:
#   bash tests/doc.sh /path/to/hep /path/to/source-root
# (the second argument may also be the source's tests/ folder).
# doc/hep.1 renders with groff without a warning (mandoc's lint is
# tests/man_lint.sh), has its sections, and names every command and
# option that `hep --help` lists; completions/hep.bash loads in a bare bash
# and completes commands, options, reasons, formats and today's exercise
# ids, printing nothing and creating nothing when hep cannot answer.
source "$(dirname "$0")/cli/lib.sh"
[[ $hep == /* ]] || hep=$PWD/$hep
if [[ -f $src/doc/hep.1 ]]; then
	root=$src
elif [[ -f $src/../doc/hep.1 ]]; then
	root=$src/..
else
	echo "doc.sh: no doc/hep.1 in $src or its parent" >&2
	exit 2
fi
man=$root/doc/hep.1
comp=$root/completions/hep.bash
spec=$root/tests/data/spec.cfg
export TZ=UTC LC_ALL=C.UTF-8
# The man page names the version hep says, NEWS.md's newest.
th=$(sed -n '1s/^\.TH HEP 1 "[^"]*" "\(hep [0-9.]*\)".*/\1/p' "$man")
[[ -n $th && $th == "$("$hep" --version)" ]] && ok man_names_the_version ||
	bad man_names_the_version "the man page says '$th', hep '$("$hep" --version)'"
# stop: the summary, then out (when nothing further can be checked).
stop() {
	finish
	exit
}

# The commands and options of `hep --help`: the words at the start of the
# lines of its Commands: and Options: blocks.
if ! timeout 20 "$hep" --help >"$T/help" 2>"$T/help.err"; then
	bad hep_help "hep --help failed:" "$(cat "$T/help.err")"
	stop
fi
help_commands=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p' "$T/help")
help_options=$(sed -n '/^Options:/,/^$/s/^  \(--[a-z-]*\).*/\1/p' "$T/help")
if [[ -z $help_commands || -z $help_options ]]; then
	bad hep_help "no Commands: or Options: block in hep --help"
	stop
fi

# ---- the spec inside the repository ----------------------------------------

# Every "SPEC section N" the code, the tests and the docs cite is a heading
# of doc/SPEC.md ("## N." or "### N.M").
missing=
cites=0
while IFS=: read -r file num; do
	cites=$((cites + 1))
	grep -qE "^#{2,3} ${num//./\\.}[. ]" "$root/doc/SPEC.md" || missing+=" $file:$num"
done < <(cd "$root" && grep -rhoE --include='*.c' --include='*.h' --include='*.sh' \
	--include='*.md' --include='*.py' --include='*.txt' 'SPEC section [0-9]+(\.[0-9]+)?' \
	src include ui tests README.md CONTRIBUTING.md CMakeLists.txt 2>/dev/null |
	sed -E 's/^SPEC section /x:/; s/\.$//' | sort -u)
((cites > 5)) && [[ -z $missing ]] && ok "spec_citations_resolve ($cites sections cited)" ||
	bad spec_citations_resolve "not a heading of doc/SPEC.md:$missing (cites: $cites)"
# The README's layout names every module and screen; its test command is
# the one CI runs.
missing=
for f in "$root"/src/*.c "$root"/ui/*.c; do
	name=$(basename "$f" .c)
	[[ $name == main ]] && continue
	grep -q "\`$name\`\|\`$name\.c\`" "$root/README.md" || missing+=" ${f#"$root"/}"
done
[[ -z $missing ]] && ok readme_names_every_module || bad readme_names_every_module "not in README.md:$missing"
test_line=$(grep -m1 -- '-DHEP_TESTS=ON -DHEP_WERROR=ON' "$root/README.md")
[[ -n $test_line ]] && grep -qxF -- "$test_line" "$root/.ci/run" && ok ci_runs_the_readme_test_command ||
	bad ci_runs_the_readme_test_command "README: $test_line"
[[ -f $root/LICENSE && -f $root/CONTRIBUTING.md ]] && ok licence_and_house_rules ||
	bad licence_and_house_rules "LICENSE or CONTRIBUTING.md missing"

# ---- the man page --------------------------------------------------------

if command -v groff >/dev/null; then
	if groff -man -Tutf8 -ww -z "$man" 2>"$T/groff.err" && [[ ! -s $T/groff.err ]]; then
		ok man_renders_cleanly
	else
		bad man_renders_cleanly "$(head -5 "$T/groff.err")"
	fi
	# Plain text: no SGR, no overstriking.
	groff -man -Tutf8 -P-c -P-b -P-o -P-u "$man" >"$T/man.txt" 2>/dev/null
else
	bad man_renders_cleanly "groff not found (Debian package groff-base)"
	: >"$T/man.txt"
fi

missing=
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "THE SCREEN" \
	"PRESCRIPTION FILE" "DAYS, STREAKS AND ADHERENCE" FILES ENVIRONMENT \
	"EXIT STATUS" EXAMPLES "SEE ALSO"; do
	grep -qx "$s" "$T/man.txt" || missing+=" '$s'"
done
[[ -z $missing ]] && ok man_has_sections || bad man_has_sections "missing:$missing"

# section NAME: the rendered text of one section, up to the next heading.
section() { awk -v s="$1" '/^[A-Z]/ { on = ($0 == s) ; next } on' "$T/man.txt"; }

section COMMANDS >"$T/commands.txt"
missing=
for c in $help_commands; do
	grep -Eq "^ {7}$c( |\$)" "$T/commands.txt" || missing+=" $c"
done
[[ -z $missing ]] && ok man_lists_every_command ||
	bad man_lists_every_command "not a heading in COMMANDS:$missing"

# The SYNOPSIS names every command of `hep --help` and every option its
# usage lines give (issue 22: measure, psfs and outcomes were missing).
section SYNOPSIS >"$T/synopsis.txt"
usage_options=$(sed -n '/^Commands:/,/^$/p' "$T/help" | grep -o -- '--[a-z-]*' | sort -u)
missing=
for c in $help_commands; do
	grep -Eq "(^|[ |])$c([ |]|\$)" "$T/synopsis.txt" || missing+=" $c"
done
for o in $usage_options; do
	grep -Eq -- "(^|[ |[])$o([] |]|\$)" "$T/synopsis.txt" || missing+=" $o"
done
[[ -n $(tr -d ' \n' <"$T/synopsis.txt") && -z $missing ]] && ok man_synopsis_whole ||
	bad man_synopsis_whole "not in SYNOPSIS:$missing"

# The man page's export names every key of the JSON back-up (issue 22: it
# told of sessions and prescriptions only).
keys=$(HEP_NOW=2026-11-26T08:00 timeout 20 "$hep" export --config "$root/tests/data/outcomes.cfg" \
	--db "$T/export.db" 2>/dev/null | python3 -c 'import json, sys; print(*json.load(sys.stdin))')
awk '/^       export/ { on = 1; next } /^       [a-z]/ { on = 0 } on' "$T/commands.txt" | tr -s ' \n' ' ' >"$T/export_man"
missing=
for k in $keys; do grep -qw -- "$k" "$T/export_man" || missing+=" $k"; done
[[ -n $keys && -z $missing ]] && ok man_export_names_every_key ||
	bad man_export_names_every_key "keys '$keys'; not in the man page's export:$missing"

section OPTIONS >"$T/options.txt"
missing=
for o in $help_options; do
	grep -Eq "^ {7}(.*, )?$o( |,|\$)" "$T/options.txt" || missing+=" $o"
done
[[ -z $missing ]] && ok man_lists_every_option ||
	bad man_lists_every_option "not a heading in OPTIONS:$missing"

# ---- the bash completion -------------------------------------------------

# The completion runs `hep` from PATH: give it this build's, by that name
# (under valgrind $hep is a wrapper script with another name).
mkdir -p "$T/bin"
ln -s "$hep" "$T/bin/hep"

# complete LINE: the completion's offers for the last word of LINE (split on
# spaces; a trailing space starts an empty word), space-separated; what it
# prints on stderr goes to $T/comp.err.
complete_line() {
	PATH=$T/bin:$PATH timeout 20 bash --norc --noprofile -c '
		source "$1" || exit 1
		read -ra COMP_WORDS <<<"$2"
		[[ $2 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_hep
		echo "${COMPREPLY[*]}"' _ "$comp" "$1" 2>"$T/comp.err"
}

# expect_completion NAME LINE WANTED
expect_completion() {
	local got
	got=$(complete_line "$2")
	if [[ $got == "$3" && ! -s $T/comp.err ]]; then
		ok "$1"
	else
		bad "$1" "'$2<TAB>': got '$got', wanted '$3'"
		[[ -s $T/comp.err ]] && sed 's/^/  stderr: /' "$T/comp.err" | head -3
	fi
}

got=$(bash --norc --noprofile -c 'source "$1" && complete -p hep' _ "$comp" 2>"$T/comp.err")
if [[ $got == "complete -F _hep hep" && ! -s $T/comp.err ]]; then
	ok completion_loads
else
	bad completion_loads "got '$got'"
	sed 's/^/  stderr: /' "$T/comp.err" | head -3
fi

expect_completion completes_command "hep do" "done"
expect_completion completes_every_command "hep " "${help_commands//$'\n'/ }"
expect_completion completes_options "hep remind --" "--config --db --date --quiet --now"
# Each command's options, as its usage line in `hep --help` names them
# (the help is made from the command table), and no others.
missing=
for c in $help_commands; do
	want=$(awk -v c="$c" '
		/^Commands:/ { on = 1; next }
		/^$/ { on = 0 }
		on && $0 ~ "^  " c "( |$)" { grab = 1; print; next }
		on && grab && /^      +\[/ { print; next }
		on { grab = 0 }' "$T/help" | grep -o -- '--[a-z-]*' | tr '\n' ' ')
	# (remind alone has no --json: its answer is its exit status)
	want="--config --db --date$([[ $c == remind ]] || echo ' --json') ${want% }"
	got=$(complete_line "hep $c --")
	[[ $(tr ' ' '\n' <<<"$got" | sort | tr '\n' ' ') == $(tr ' ' '\n' <<<"${want% }" | sort | tr '\n' ' ') ]] ||
		missing+=" $c (got '$got', help says '${want% }')"
done
[[ -z $missing ]] && ok completes_each_commands_options || bad completes_each_commands_options "$missing"
expect_completion completes_edit_pain "hep edit x --pain " "0 1 2 3 4 5 6 7 8 9 10 none"
expect_completion completes_reason "hep skip x --reason p" pain
# The skip reasons, as hep's one table names them (its message for a
# reason it does not know lists them): the completion offers them, and the
# help and the man page's skip say each.
reasons=$(timeout 20 "$hep" skip x --reason '?' 2>&1 |
	sed -n "s/^hep: --reason must be \(.*\), not '?'\$/\1/p" | sed 's/,//g; s/ or / /')
[[ -n $reasons ]] || bad reasons_from_hep "no reasons in hep's message for --reason '?'"
expect_completion completes_reasons "hep skip x --reason " "$reasons"
awk '/^  [a-z]/ { on = /^  skip / } on' "$T/help" >"$T/skip_help"
awk -v cmds="$(tr '\n' ' ' <<<"$help_commands")" '
	BEGIN { n = split(cmds, c, " "); for (i = 1; i <= n; i++) is[c[i]] = 1 }
	/^       [a-z]/ { split(substr($0, 8), w, " "); if (w[1] in is) on = (w[1] == "skip") }
	on' "$T/commands.txt" >"$T/skip_man"
missing=
for r in $reasons; do
	grep -qw "$r" "$T/skip_help" || missing+=" $r (hep --help)"
	grep -qw "$r" "$T/skip_man" || missing+=" $r (man page)"
done
[[ -n $reasons && -z $missing ]] && ok help_and_man_name_every_reason ||
	bad help_and_man_name_every_reason "not named for skip:$missing"
# The report's formats are one table in hep (report_format.c), which its
# message for an unknown one reads; the completion, the man page and the
# command lines of README.md and doc/SPEC.md list them by hand, and must
# list the same, in the same order.
formats=$("$hep" report --format '?' 2>&1 |
	sed -n "s/.*--format for 'report' is \(.*\), not .*/\1/p" | sed 's/, / /g; s/ or / /')
[[ $formats == *' '* ]] && ok report_formats_from_hep || bad report_formats_from_hep "got '$formats'"
expect_completion completes_report_formats "hep report --format " "$formats"
got=$(awk '/^\.BI \\-\\-format " FORMAT"/ {on = 1; next}
	on && /^\.BR? / {print $2; next} on && /^(\(|or$)/ {next} on {exit}' "$man" | tr '\n' ' ')
[[ $got == "$formats " ]] && ok man_lists_report_formats ||
	bad man_lists_report_formats "the man page's --format lists '$got', hep '$formats'"
missing=
for f in "$root/README.md" "$root/doc/SPEC.md"; do
	grep -qF -- "[--format ${formats// /\\|}]" "$f" || missing+=" ${f#"$root"/}"
done
[[ -z $missing ]] && ok docs_list_report_formats ||
	bad docs_list_report_formats "no '[--format ${formats// /\\|}]' in:$missing"
expect_completion completes_export_formats "hep export --format " "csv json"
expect_completion completes_config_file "hep --config $root/tests/data/spe" "$root/tests/data/spec.cfg"

# Today's ids, asked of hep with the --config and --db on the line: on Wed
# 2026-11-25 the SPEC's prescription lists quad-set, slr (Mon, Wed, Fri)
# and bridge (from Nov 16).
export HEP_NOW=2026-11-25T08:00
if timeout 20 "$hep" today --config "$spec" --db "$T/c.db" >/dev/null 2>"$T/err"; then
	expect_completion completes_ids "hep done --config $spec --db $T/c.db " "quad-set slr bridge"
	expect_completion completes_ids_of_date \
		"hep undo --config $spec --db $T/c.db --date 2026-11-24 " "quad-set bridge"
	expect_completion completes_id_prefix "hep skip --config $spec --db $T/c.db s" "slr"
	expect_completion completes_one_id_only "hep done --config $spec --db $T/c.db slr " ""
	expect_completion completes_nothing_when_hep_fails \
		"hep done --config $T/missing.cfg --db $T/c.db " ""
else
	bad completes_ids "hep today on spec.cfg failed:" "$(cat "$T/err")"
fi
expect_completion completes_nothing_without_data_file \
	"hep done --config $spec --db $T/new.db " ""
[[ ! -e $T/new.db ]] && ok completion_creates_no_data_file ||
	bad completion_creates_no_data_file "$T/new.db was created"
unset HEP_NOW

finish
