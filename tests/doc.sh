#!/usr/bin/env bash
# The man page renders without a warning and names every command of
# `hep --help`; the bash completion completes commands, reasons, formats
# and today's exercise ids.
source "$(dirname "$0")/cli/lib.sh"
root=$src/..

if command -v groff >/dev/null; then
	groff -man -Tutf8 -ww -z "$root/doc/hep.1" 2>"$T/groff.err"
	[[ ! -s $T/groff.err ]] && ok man_renders_cleanly || bad man_renders_cleanly "$(head -5 "$T/groff.err")"
fi
missing=
for c in $("$hep" --help | sed -n 's/^  \([a-z]\+\) .*/\1/p'); do
	grep -q "^\.B.* $c\|^\.B $c\|^\.BI* \"$c \|^\.BR $c" "$root/doc/hep.1" || missing+=" $c"
done
[[ -z $missing ]] && ok man_lists_every_command || bad man_lists_every_command "missing:$missing"

# The completion runs `hep` from PATH: give it this build's, by that name
# (under valgrind $hep is a wrapper script with another name).
mkdir -p "$T/bin"
ln -s "$hep" "$T/bin/hep"
# complete LINE: what the completion offers for the last word of LINE.
complete_line() {
	PATH=$T/bin:$PATH bash --norc --noprofile -c '
		source "$1"
		read -ra COMP_WORDS <<<"$2"
		[[ $2 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_hep
		echo "${COMPREPLY[*]}"' _ "$root/completions/hep.bash" "$1"
}
[[ $(complete_line "hep do") == done ]] && ok completes_commands || bad completes_commands "$(complete_line "hep do")"
[[ $(complete_line "hep skip x --reason p") == pain ]] && ok completes_reasons || bad completes_reasons "$(complete_line "hep skip x --reason p")"
[[ $(complete_line "hep export --format ") == "csv json" ]] && ok completes_formats || bad completes_formats "$(complete_line "hep export --format ")"
export HEP_NOW=2026-11-25T08:00
got=$(complete_line "hep done --config $src/data/spec.cfg --db $T/c.db ")
[[ $got == "quad-set slr bridge" ]] && ok completes_ids || bad completes_ids "got '$got'"
finish
