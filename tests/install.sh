#!/usr/bin/env bash
# cmake --install puts the program, the sample prescription, the man page
# and the bash completion where they belong, and the installed program
# runs.
set -u
build=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
cmake --install "$build" --prefix "$T/usr" >/dev/null || { echo "FAIL install"; echo "0 passed, 1 failed"; exit 1; }
for f in bin/hep share/hep/prescription.cfg share/hep/examples/otago.cfg share/man/man1/hep.1.gz share/doc/hep/changelog.gz share/doc/hep/copyright share/bash-completion/completions/hep; do
	if [[ -f $T/usr/$f ]]; then pass=$((pass + 1)); echo "ok $f"; else fail=$((fail + 1)); echo "FAIL $f missing"; fi
done
if "$T/usr/bin/hep" check --config "$T/usr/share/hep/prescription.cfg" >/dev/null; then
	pass=$((pass + 1)); echo "ok installed hep checks the installed sample"
else
	fail=$((fail + 1)); echo "FAIL installed hep"
fi
echo "$pass passed, $fail failed"
((fail == 0))
