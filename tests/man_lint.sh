#!/usr/bin/env bash
# doc/hep.1 passes mandoc's lint at the level of warnings; Skipped where
# mandoc is not installed (Debian package mandoc).
set -u
man=$1
if ! command -v mandoc >/dev/null; then
	echo "skip: mandoc is not installed"
	exit 77
fi
if mandoc -T lint -W warning "$man" >/dev/null 2>&1; then
	echo "ok man_lint"
	echo "1 passed, 0 failed"
else
	echo "FAIL man_lint"
	mandoc -T lint -W warning "$man" 2>&1 | head -5 | sed 's/^/  /'
	echo "0 passed, 1 failed"
	exit 1
fi
