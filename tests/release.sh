#!/usr/bin/env bash
# The program a packager builds (-DHEP_TESTS=OFF, the default) holds no
# test seam and no path of the machine that built it, and finds the sample
# beside itself:  bash tests/release.sh BUILD-FOLDER SOURCE-ROOT
set -u
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; shift; printf '  %s\n' "$@"; }
hep=$build/hep
grep -q 'HEP_TESTS:BOOL=OFF' "$build/CMakeCache.txt" && ok built_without_tests ||
	bad built_without_tests "configure it with -DHEP_TESTS=OFF"
# Every seam's variable, by name (CONTRIBUTING.md, "Tests").
hooks=$(grep -ohE '"HEP_(TEST_[A-Z_]+|NOW_FILE)"' "$src"/src/*.c "$src"/ui/*.c | sort -u | tr -d '"')
[[ -n $hooks ]] || bad seams_found "no seam named in the sources: this check would prove nothing"
for h in $hooks; do
	if grep -aq "$h" "$hep"; then bad "no_seam_$h" "$hep holds $h"; else ok "no_seam_$h"; fi
done
for p in "$src" "$build"; do
	if grep -aqF "$p" "$hep"; then bad no_build_path "$hep holds $p"; else ok "no_build_path"; fi
done
out=$("$hep" check 2>&1)
[[ $out == "$build/share/hep/prescription.cfg: ok, "*"(the bundled sample)" ]] &&
	ok finds_its_sample || bad finds_its_sample "$out"
echo "$pass passed, $fail failed"
((fail == 0))
