#!/usr/bin/env bash
# The house rules of CONTRIBUTING.md ("The layers"), checked: curses only
# in ui/, SQLite only in src/store*.c (and store_impl.h), libconfig only in
# src/rx_file.c (the prescription file's reader).
set -u
root=$1
fail=0
check() { # pattern, allowed file regex, what
	local hits
	hits=$(cd "$root" && grep -rlE "#[[:space:]]*include[[:space:]]*[<\"]($1)" src include ui tests/unit 2>/dev/null |
		grep -vE "$2" || true)
	if [[ -n $hits ]]; then
		echo "FAIL: $3 included outside its module: $hits"
		fail=1
	fi
}
check 'n?curses\.h|ncursesw/curses\.h|term\.h' '^ui/' 'curses'
check 'sqlite3\.h' '^src/store(_[a-z]+)?\.(c|h)$|^tests/unit/test_store\.c$' 'sqlite3.h'
check 'libconfig\.h' '^src/rx_file\.c$' 'libconfig.h'
if ((fail == 0)); then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $fail
