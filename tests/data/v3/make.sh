#!/usr/bin/env bash
# Makes the migration fixture: a data file of schema version 3 as hep 0.1.0
# (commit 69cfbf9, the last release before the diary) wrote it, and what
# that hep answered about it under HEP_NOW=2026-11-26T07:30. It is kept as
# made; tests/cli/migrate.sh opens it with today's hep and compares.
#
#   bash tests/data/v3/make.sh PATH/TO/OLD/hep
#
# Seven and a half weeks of a patient's use: two prescriptions (the change
# on 2026-11-02), misses, partial days, every skip reason, a session after
# a `time` skip, pain and notes (commas, quotes, a line break, UTF-8), late
# back-fills, a session before day_starts, an undo, and two sessions of one
# day logged out of order (the clock set back), which version 3 numbered
# against the clock.
set -euo pipefail
hep=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
rm -f hep.db
export TZ=UTC LC_ALL=C.UTF-8 HEP_DB=$here/hep.db HEP_CONFIG=$here/rx-before.cfg
unset XDG_DATA_HOME XDG_CONFIG_HOME
at() { local now=$1; shift; HEP_NOW=$now "$hep" "$@" >/dev/null; }

at 2026-10-05T07:00 today
for ((k = 0; k < 52; k++)); do
	d=$(date -d "2026-10-05 +$k days" +%F)
	dow=$(date -d "$d" +%a)
	[[ $d == 2026-11-02 ]] && export HEP_CONFIG=$here/rx.cfg
	case $d in
	2026-10-17) at "${d}T08:00" skip quad-set --reason travel --note 'train, all day'; continue ;;
	2026-10-28) at "${d}T08:00" skip --all --reason sick --note 'a cold'; continue ;;
	2026-11-13) continue ;; # forgotten altogether
	esac
	if [[ $d == 2026-11-24 ]]; then
		# Logged out of order: the clock was set back in between.
		at "${d}T20:00" done quad-set --pain 4
		at "${d}T09:00" done quad-set --note 'morning, really'
	else
		((k % 7 == 3)) || at "${d}T07:45" done quad-set $(((k % 5 == 1)) && echo --pain $((k % 4 + 2)))
		((k % 6 == 4)) || at "${d}T18:30" done quad-set
	fi
	if [[ $dow == Mon || $dow == Wed || $dow == Fri ]]; then
		((k % 9 == 4)) || [[ $d == 2026-10-23 || $d == 2026-11-09 ]] || at "${d}T08:10" done slr
	fi
	if [[ $d < 2026-11-02 ]]; then
		case $d in
		2026-10-12) at "${d}T08:20" skip heel-slide --reason pain --note 'knee swollen' ;;
		2026-10-19) ;; # back-filled the next day, below
		*) ((k % 8 == 6)) || at "${d}T08:20" done heel-slide ;;
		esac
	elif [[ $dow == Tue || $dow == Thu || $dow == Sat ]]; then
		at "${d}T17:00" done bridge
	fi
	case $d in
	2026-10-20) at "${d}T09:00" done heel-slide --date 2026-10-19 ;; # late
	2026-10-14) at "${d}T12:00" undo heel-slide
		at "${d}T12:05" done heel-slide --note 'sore, "a bit"' ;;
	2026-10-23) at "${d}T07:00" skip slr --reason time
		at "${d}T19:00" done slr --pain 2 --note $'did it after all\nin the evening' ;;
	2026-11-04) at "${d}T08:30" skip bridge --reason other --note '膝 hurt on the stairs' ;;
	2026-11-09) at 2026-11-10T02:30 done slr --note 'before bed' ;; # still the 9th
	esac
done
at 2026-11-26T07:30 done quad-set --pain 3 --note 'morning'

export HEP_NOW=2026-11-26T07:30
"$hep" today --json >today.json
"$hep" today >today.txt
"$hep" week --json >week.json
"$hep" week --json --date 2026-10-14 >week-old.json
"$hep" streak --json >streak.json
"$hep" report --format json --from 2026-10-05 >report.json
"$hep" report --from 2026-10-05 >report.txt
"$hep" history --json >history.json
"$hep" export >export.csv
"$hep" export --format json >export.json
sqlite3 hep.db 'PRAGMA user_version' >version.txt
