#!/usr/bin/env bash
# The committed .clang-format is the style: every C file must already be in
# it (clang-format -i fixes one that is not). Skipped without clang-format.
set -u
root=$1
cd "$root" || exit 1
if ! command -v clang-format >/dev/null; then
	echo "skip: clang-format is not installed"
	exit 77
fi
files=(src/*.c include/hep/*.h ui/*.c ui/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/tools/*.c)
# One run for the clean case; file by file only to name the ones off.
if clang-format --dry-run -Werror "${files[@]}" >/dev/null 2>&1; then
	echo "${#files[@]} passed, 0 failed"
	exit 0
fi
bad=0
for f in "${files[@]}"; do
	if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
		echo "FAIL $f is not formatted (clang-format -i $f)"
		bad=$((bad + 1))
	fi
done
echo "$((${#files[@]} - bad)) passed, $bad failed"
((bad == 0)) && echo "FAIL: clang-format refused the files together" && exit 1
exit 1
