#!/usr/bin/env bash
# The committed .clang-format is the style: every C file must already be in
# it (clang-format -i fixes one that is not).
set -u
root=$1
cd "$root" || exit 1
bad=0
files=0
for f in src/*.c include/hep/*.h ui/*.c ui/*.h tests/unit/*.c tests/fuzz/*.c; do
	files=$((files + 1))
	if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
		echo "FAIL $f is not formatted (clang-format -i $f)"
		bad=$((bad + 1))
	fi
done
echo "$((files - bad)) passed, $bad failed"
((bad == 0))
