#!/usr/bin/env bash
# The package as a user installs it, on this machine (root, apt): it
# installs with apt-get, `hep` runs, `man hep` opens and bash completes
# hep's commands; then it is removed. For CI (.ci/run), not the suite:
#   bash tests/deb_install.sh BUILD_DIR   (a build with its .deb made)
set -u
deb=$(ls "$1"/hep_*_amd64.deb "$1"/hep_*.deb 2>/dev/null | head -n 1)
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; shift; printf '  %s\n' "$@"; }
[[ -n $deb ]] || { echo "FAIL no .deb in $1"; exit 1; }
[[ $deb == /* ]] || deb=$PWD/$deb
if apt-get install -y -qq "$deb" >/dev/null 2>&1; then ok apt_installs; else
	bad apt_installs "apt-get install $deb failed"; echo "$pass passed, $fail failed"; exit 1
fi
out=$(cd / && env -i PATH=/usr/bin:/bin HOME=/nonexistent hep --version 2>&1)
[[ $out == "hep $(dpkg-query -W -f '${Version}' hep)" ]] && ok "runs ($out)" || bad runs "$out"
# A minimal image may tell dpkg to leave manual pages out; then there is
# nothing for man to open, and that is the image's choice, said as such.
if [[ -f /usr/share/man/man1/hep.1.gz ]]; then
	MANPAGER=cat MANWIDTH=80 man hep 2>/dev/null | grep -q "home exercise program" &&
		ok man_hep_opens || bad man_hep_opens "man hep: $(man -w hep 2>&1)"
else
	echo "skip man_hep_opens: this system's dpkg leaves out /usr/share/man"
fi
words=$(bash -c 'source /usr/share/bash-completion/bash_completion 2>/dev/null
	_completion_loader hep 2>/dev/null
	COMP_WORDS=(hep to); COMP_CWORD=1; COMP_LINE="hep to"; COMP_POINT=6
	$(complete -p hep | sed "s/.*-F \([^ ]*\) .*/\1/") hep to hep 2>/dev/null
	echo "${COMPREPLY[*]}"')
[[ $words == *today* ]] && ok bash_completes_hep || bad bash_completes_hep "'hep to<Tab>' gave '$words'"
apt-get remove -y -qq hep >/dev/null 2>&1 && ok removes || bad removes
echo "$pass passed, $fail failed"
((fail == 0))
