#!/usr/bin/env bash
# `cpack -G DEB` makes a Debian package of the build that installs the
# program, the man page, the bash completion and the sample prescription,
# depends on what dpkg-shlibdeps finds (libsqlite3, libconfig, ncurses),
# and, unpacked into a scratch root, runs.
#   bash tests/deb.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; shift; printf '  %s\n' "$@"; }
for tool in cpack dpkg-deb dpkg-shlibdeps; do
	if ! command -v "$tool" >/dev/null; then
		echo "skip: $tool not found (Debian packages cmake and dpkg-dev)"
		exit 77
	fi
done
if (cd "$T" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$T/out") >"$T/cpack.log" 2>&1; then
	ok cpack_makes_a_deb
else
	bad cpack_makes_a_deb "$(tail -5 "$T/cpack.log")"
	echo "$pass passed, $fail failed"
	exit 1
fi
deb=$(ls "$T"/out/*.deb 2>/dev/null | head -n 1)
[[ -n $deb ]] && ok "deb_file ($(basename "$deb"))" || bad deb_file "no .deb in $T/out"
depends=$(dpkg-deb -f "$deb" Depends 2>/dev/null)
missing=
for lib in libsqlite3 libconfig libncursesw6 libtinfo6; do
	[[ $depends == *"$lib"* ]] || missing+=" $lib"
done
[[ -z $missing ]] && ok "depends ($depends)" || bad depends "lacks:$missing" "Depends: $depends"
dpkg-deb -x "$deb" "$T/root" && ok unpacks || bad unpacks
missing=
for f in usr/bin/hep usr/share/man/man1/hep.1.gz usr/share/bash-completion/completions/hep \
	usr/share/hep/prescription.cfg usr/share/hep/examples/otago.cfg \
	usr/share/doc/hep/copyright usr/share/doc/hep/changelog.gz; do
	[[ -f $T/root/$f ]] || missing+=" $f"
done
[[ -z $missing ]] && ok installs_every_file || bad installs_every_file "missing:$missing"
out=$("$T/root/usr/bin/hep" --version 2>&1)
[[ $out == "hep "* ]] && ok "runs ($out)" || bad runs "$out"
# One version: the program's, the package's, NEWS.md's newest and the
# changelog's.
version=$(dpkg-deb -f "$deb" Version 2>/dev/null)
news=$(sed -n 's/^## \([0-9.]*\) (.*/\1/p' "$src/NEWS.md" | head -n 1)
changelog=$(gzip -dc "$T/root/usr/share/doc/hep/changelog.gz" | sed -n '1s/^hep (\(.*\)) .*/\1/p')
[[ $out == "hep $version" && $version == "$news" && $version == "$changelog" ]] &&
	ok "one_version ($version)" ||
	bad one_version "hep says '$out', the package '$version', NEWS.md '$news', the changelog '$changelog'"
# The copyright file is machine-readable (DEP-5), its licence whole.
copyright=$T/root/usr/share/doc/hep/copyright
head -1 "$copyright" | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/$' &&
	grep -q '^License: MIT$' "$copyright" && grep -q '^ THE SOFTWARE IS PROVIDED "AS IS"' "$copyright" &&
	ok copyright_dep5 || bad copyright_dep5 "$(head -3 "$copyright")"
# Stripped: no symbol table, no debug information.
if readelf -S "$T/root/usr/bin/hep" | grep -qE '\.symtab|\.debug_'; then
	bad stripped "usr/bin/hep holds a symbol table or debug information"
else
	ok stripped
fi
# The unpacked program finds the sample beside it, in ../share/hep.
out=$(cd "$T" && env -i PATH="$PATH" HOME="$T" "$T/root/usr/bin/hep" check 2>&1)
[[ $out == "$T/root/usr/bin/../share/hep/prescription.cfg: ok, "*"(the bundled sample)" ]] &&
	ok finds_its_sample || bad finds_its_sample "$out"
# ... and the published programs beside it, in ../share/hep/examples.
out=$(cd "$T" && env -i PATH="$PATH" HOME="$T" "$T/root/usr/bin/hep" init --list 2>&1)
[[ $(grep -c '^[a-z]' <<<"$out") -ge 14 && $out == *"nordic-hamstring "* ]] &&
	ok lists_its_examples || bad lists_its_examples "$out"
if command -v man >/dev/null; then
	if MANPAGER=cat MANWIDTH=80 man -l "$T/root/usr/share/man/man1/hep.1.gz" 2>"$T/man.err" | grep -q "home exercise program"; then
		ok man_page_reads
	else
		bad man_page_reads "$(head -3 "$T/man.err")"
	fi
fi
echo "$pass passed, $fail failed"
((fail == 0))
