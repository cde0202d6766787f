#!/usr/bin/env bash
# Lintian, as Debian would run it, on the package of a build: no error, no
# warning and no hardening tag (-I shows the informational tags, which are
# printed but pass). Skipped where lintian is missing, or where the build
# is not a hardened one (Debug, the sanitizers):
#   bash tests/lintian.sh BUILD_DIR HARDENED(0|1)
set -u
build=$(cd "$1" && pwd)
if [[ ${2:-1} != 1 ]]; then
	echo "skip: this build is not hardened (a Debug or sanitizer build)"
	exit 77
fi
for tool in lintian cpack dpkg-shlibdeps; do
	if ! command -v "$tool" >/dev/null; then
		echo "skip: $tool is not installed (Debian packages lintian, cmake, dpkg-dev)"
		exit 77
	fi
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if ! (cd "$T" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$T/out") >"$T/cpack.log" 2>&1; then
	echo "FAIL cpack"
	tail -5 "$T/cpack.log"
	echo "0 passed, 1 failed"
	exit 1
fi
deb=$(ls "$T"/out/*.deb | head -n 1)
lintian -I "$deb" 2>/dev/null | tee "$T/tags"
if grep -qE '^[EW]: |hardening-' "$T/tags"; then
	echo "FAIL lintian: an error, a warning or a hardening tag above"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "ok lintian ($(basename "$deb"))"
echo "1 passed, 0 failed"
