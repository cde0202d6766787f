#!/usr/bin/env bash
# Makes the migration fixture: a data file of schema version 8 as hep
# 0.3.0 left it (built at commit c2e7f87: the release 1d007ba with three
# commands moved between files), the last release before the keys of SPEC
# 2.2, and what that hep answered about it under HEP_NOW=2026-12-07T07:30.
# It is kept as made; tests/cli/migrate.sh opens it with today's hep and
# compares.
#
#   bash tests/data/v8/make.sh PATH/TO/OLD/hep
#
# The record starts as tests/data/v7's file (Oct 5 to the morning of Nov
# 26, under rx-before.cfg then rx.cfg: see tests/data/v7/make.sh), which
# that hep migrates to schema 8 (every entry given its id, stamp and
# target), and goes on to Dec 6 with entries schema 8 made itself: each
# with its own id and stamp, a late excused skip, an undo and a redo of a
# correction, skip --all, and a back-up of that release (export.json) that
# today's hep must import.
set -euo pipefail
hep=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
rm -f hep.db
cp ../v7/hep.db hep.db
export TZ=UTC LC_ALL=C.UTF-8 HEP_DB=$here/hep.db HEP_CONFIG=$here/rx.cfg
unset XDG_DATA_HOME XDG_CONFIG_HOME
at() { local now=$1; shift; HEP_NOW=$now "$hep" "$@" >/dev/null; }

at 2026-11-26T08:00 today # migrates
for ((k = 0; k < 11; k++)); do
	d=$(date -d "2026-11-26 +$k days" +%F)
	dow=$(date -d "$d" +%a)
	case $d in
	2026-12-01) at "${d}T08:00" skip --all --reason sick --note 'flu'; continue ;;
	2026-12-02) continue ;; # forgotten; slr excused late, below
	esac
	[[ $d == 2026-12-04 ]] && at "${d}T06:50" skip slr --reason sick --date 2026-12-02 --note 'still the flu' # late
	[[ $dow == Mon ]] && at "${d}T07:30" measure knee-bend $((124 + k / 3)) && at "${d}T07:31" psfs 7 6 7
	[[ $dow == Tue ]] && at "${d}T07:32" measure chair-stand $((15 + k / 5))
	[[ $d == 2026-11-30 ]] && at "${d}T07:40" skip quad-set --reason time # withdrawn by the next
	[[ $d == 2026-11-26 ]] || at "${d}T07:45" done quad-set $(((k % 3 == 1)) && echo --pain 2 --pain-before 3)
	((k % 2 == 0)) && at "${d}T08:00" done heel-raise $(((k % 4 == 0)) && echo --pain 1)
	if [[ $dow == Mon || $dow == Wed || $dow == Fri ]]; then
		at "${d}T08:10" done slr
	fi
	((k % 3 == 2)) && at "${d}T12:00" done press-up
	[[ $dow == Tue || $dow == Thu || $dow == Sat ]] && at "${d}T17:00" done walk && at "${d}T17:30" done bridge
	[[ $dow == Sun ]] && at "${d}T17:00" done walk --note 'by the river'
	case $d in
	2026-11-28) at "${d}T18:00" edit bridge --pain 4 --note 'heavy legs'
		at "${d}T18:01" undo bridge # the correction
		at "${d}T18:02" redo bridge ;;
	esac
	at "${d}T18:30" done quad-set
done
at 2026-12-07T07:20 done quad-set --pain 3 --note 'morning'
at 2026-12-07T07:25 edit quad-set --pain 2

# The kept answers: today Mon Dec 7 (week 10; quad-set's morning done and
# corrected; the knee bend and the PSFS due), the week of Nov 30, the whole
# program from Oct 5, and the outcomes.
export HEP_NOW=2026-12-07T07:30
"$hep" today --json >today.json
"$hep" today >today.txt
"$hep" week --json >week.json
"$hep" week --json --date 2026-12-02 >week-old.json
"$hep" streak --json >streak.json
"$hep" outcomes --json >outcomes.json
"$hep" outcomes >outcomes.txt
"$hep" report --format json --from 2026-10-05 >report.json
"$hep" report --from 2026-10-05 >report.txt
"$hep" report --format csv --from 2026-10-05 >report.csv
"$hep" history --json >history.json
"$hep" history >history.txt
"$hep" export --format csv >export.csv
"$hep" export --format json >export.json
"$hep" log --json >log.json
sqlite3 hep.db 'PRAGMA user_version' >version.txt
