#!/usr/bin/env bash
# Makes the migration fixture: a data file of schema version 4 as hep at
# commit b92f302 (schema 4, the last release before the 2.1 keys; its
# `hep --version` says 0.1.0) wrote it, and what that hep answered about
# it under HEP_NOW=2026-11-26T07:30. It is kept as made;
# tests/cli/migrate.sh opens it with today's hep and compares.
#
#   bash tests/data/v4/make.sh PATH/TO/OLD/hep
#
# The seven and a half weeks of tests/data/v3/make.sh (the same two
# prescriptions, misses, partial days, every skip reason, pain and notes,
# late back-fills, a session before day_starts, two sessions of one day
# logged out of order), and the diary's actions only schema 4 has: undo and
# redo of sessions, skips and corrections; corrections of pain, pain
# before and note, of the latest session, of another (--session), of
# another day (--date); pain before a session; a pain skip with its pain
# score; sessions after `time` skips, which withdraw them, one withdrawal
# taken back and brought back again; and a JSON back-up from a second data
# file imported with its entries.
set -euo pipefail
hep=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
rm -f hep.db
other=$(mktemp -d)
trap 'rm -rf "$other"' EXIT
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
	# Schema 4's actions before the day's usual ones.
	case $d in
	2026-11-06) at "${d}T07:00" skip slr --reason rest # by mistake:
		at "${d}T07:05" undo slr ;;                 # taken back
	2026-11-18) at "${d}T07:20" skip slr --reason pain --pain 6 --note 'sharp at the front of the knee' ;;
	2026-11-21) at "${d}T07:30" skip bridge --reason time ;; # done after all, below
	esac
	# From Nov 16 on, the morning session also records pain before it.
	before=()
	[[ $d < 2026-11-16 ]] || before=(--pain-before $((k % 4 + 3)))
	if [[ $d == 2026-11-24 ]]; then
		# Logged out of order: the clock was set back in between.
		at "${d}T20:00" done quad-set --pain 4
		at "${d}T09:00" done quad-set --note 'morning, really'
	else
		((k % 7 == 3)) || at "${d}T07:45" done quad-set $(((k % 5 == 1)) && echo --pain $((k % 4 + 2))) ${before[@]+"${before[@]}"}
		((k % 6 == 4)) || at "${d}T18:30" done quad-set
	fi
	if [[ $dow == Mon || $dow == Wed || $dow == Fri ]]; then
		((k % 9 == 4)) || [[ $d == 2026-10-23 || $d == 2026-11-09 || $d == 2026-11-18 ]] || at "${d}T08:10" done slr
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
	2026-10-21) at "${d}T08:30" undo quad-set # the morning session, by mistake
		at "${d}T08:31" redo quad-set ;;       # brought back
	2026-10-23) at "${d}T07:00" skip slr --reason time
		at "${d}T19:00" done slr --pain 2 --note $'did it after all\nin the evening' ;;
	2026-11-04) at "${d}T08:30" skip bridge --reason other --note '膝 hurt on the stairs' ;;
	2026-11-09) at 2026-11-10T02:30 done slr --note 'before bed' ;; # still the 9th
	2026-11-16) at "${d}T19:00" edit quad-set --pain 5 # the latest, session 2
		at "${d}T19:01" undo quad-set # the correction
		at "${d}T19:02" redo quad-set ;;
	2026-11-18) at "${d}T20:00" edit quad-set --session 1 --note 'stiff in the morning'
		at "${d}T20:01" edit quad-set --pain 1 ;; # the latest, session 2
	2026-11-19) at "${d}T19:00" edit bridge --pain 3 --note 'tired, "heavy" legs' --pain-before 2
		at "${d}T19:05" edit bridge --pain none --no-note ;;
	2026-11-20) at "${d}T08:15" edit slr --note 'with a 1 kg cuff' ;;
	2026-11-21) at "${d}T17:05" undo bridge # the skip stands again
		at "${d}T17:06" redo bridge ;;       # and is withdrawn again
	2026-11-22) at "${d}T10:00" edit quad-set --date 2026-11-21 --session 2 --pain 2 ;;
	esac
done

# Nov 23: slr done on a second data file (a laptop, away from home),
# whose JSON back-up is imported here two days later.
HEP_DB=$other/laptop.db at 2026-11-23T19:00 done slr --pain-before 3 --pain 2 --note 'at my sister'\''s'
HEP_DB=$other/laptop.db at 2026-11-23T19:02 edit slr --pain 1
HEP_DB=$other/laptop.db HEP_NOW=2026-11-25T20:00 "$hep" export --format json >"$other/laptop.json"
at 2026-11-25T20:05 import "$other/laptop.json"

at 2026-11-26T07:30 done quad-set --pain 3 --pain-before 5 --note 'morning'
at 2026-11-26T07:30 edit quad-set --pain 2

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
"$hep" log --json >log.json
sqlite3 hep.db 'PRAGMA user_version' >version.txt
