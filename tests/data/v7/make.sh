#!/usr/bin/env bash
# Makes the migration fixture: a data file of schema version 7 as hep at
# commit 107d735 (schema 7, the release that keeps the measures' versions,
# before schema 8, which gives every entry its identity (SPEC 6.2); its
# `hep --version` says 0.2.0) wrote it, and what that hep answered about
# it under HEP_NOW=2026-11-26T07:30. It is kept as made; tests/cli/migrate.sh
# opens it with today's hep and compares.
#
#   bash tests/data/v7/make.sh PATH/TO/OLD/hep
#
# The record is v6's (tests/data/v6/make.sh, the same days and actions),
# with what schema 7 keeps (the measures' versions: rx.cfg changes them on
# Nov 2) and two things schema 8 reads anew: an excused skip recorded late
# (slr's Nov 13, on Nov 14: since SPEC 6.2 it excuses the day for adherence
# but not for on-time adherence, the one number that may change), and a
# day whose undo and redo move along a correction and a session made in
# the same second.
#
# Seven and a half weeks, Oct 5 to the morning of Nov 26, under two
# prescriptions (rx-before.cfg, then rx.cfg from Nov 2: a dose changed, a
# step and an exercise added, one dropped) that use what schema 5 added
# (SPEC 2.1): quad-set's ranges, `at` labels with per_day = 2 and a link;
# heel-raise's steps (the load and reps change at "week 3", and again at
# "week 7" from Nov 2), tempo, side = "alternate" and every = 2; slr's
# pause and its own pain_limit (3), the program's (5) and its advice, pains
# above both, one corrected away and one raised above by a correction; a
# walk by duration ("20 min"), per week, with a step at "week 6" to a range
# of 20-30 min and 4 days a week; bridge's rest in units; press-ups as
# needed, several on some days. And the diary: undo and redo of sessions,
# skips and corrections; corrections of pain, pain before and note, of the
# latest session, of another (--session) and of another day (--date); pain
# before and after; skips of every reason, a pain skip with its pain, a
# `time` skip withdrawn by a session after it; late back-fills with --date;
# skip --all with a note (as-needed exercises passed over).
#
# And the outcomes schema 6 added (SPEC 8): the measures and the PSFS of
# each prescription. rx-before.cfg has a knee bend (weekly, goal 120,
# higher), a chair stand (weekly, no goal) and a timed up and go (at each
# visit, goal 10 s, lower), and three PSFS activities; rx.cfg moves the
# knee bend's goal to 125, adds a visit (Nov 23) and a daily swelling (cm,
# -5 to 5, goal 0.5, lower), and changes one PSFS activity (so the PSFS's
# first check-in is the first with the new list, Nov 2). Recorded: the knee
# bend and the PSFS each Monday, the chair stand each Tuesday, the timed up
# and go at each visit, the swelling on some days from Nov 2; a value with
# a decimal (92.5) and many more; the latest knee bend corrected the same
# day by a second value (Nov 23, 123 then 126 with a note: the goal of 125
# is met only by the correction); a chair stand back-filled late with
# --date (Oct 27's, on Oct 29); a PSFS check-in back-filled late (Nov 9's,
# on Nov 10).
set -euo pipefail
hep=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
rm -f hep.db
export TZ=UTC LC_ALL=C.UTF-8 HEP_DB=$here/hep.db HEP_CONFIG=$here/rx-before.cfg
unset XDG_DATA_HOME XDG_CONFIG_HOME
at() { local now=$1; shift; HEP_NOW=$now "$hep" "$@" >/dev/null; }

# The outcomes' values by day (SPEC 8): weekly on Mondays and Tuesdays, at
# the visits, daily now and then from Nov 2.
declare -A knee=([2026-10-05]=85 [2026-10-12]=92.5 [2026-10-19]=98 [2026-10-26]=104
	[2026-11-02]=108 [2026-11-09]=113 [2026-11-16]=119 [2026-11-23]=123)
declare -A chair=([2026-10-06]=8 [2026-10-13]=9 [2026-10-20]=10
	[2026-11-03]=12 [2026-11-10]=12 [2026-11-17]=14 [2026-11-24]=15)
declare -A tug=([2026-10-05]=14.2 [2026-11-02]=11.5 [2026-11-23]=9.8)
declare -A swelling=([2026-11-02]=2.5 [2026-11-03]=2.2 [2026-11-05]=1.8 [2026-11-08]=1.5
	[2026-11-12]=1.3 [2026-11-19]=1 [2026-11-25]=0.8)
declare -A psfs=([2026-10-05]='2 3 4' [2026-10-12]='3 3 4' [2026-10-19]='3 4 5'
	[2026-10-26]='4 4 5' [2026-11-02]='4 4 3' [2026-11-16]='6 5 5' [2026-11-23]='7 6 6')

at 2026-10-05T07:00 today
for ((k = 0; k < 52; k++)); do
	d=$(date -d "2026-10-05 +$k days" +%F)
	dow=$(date -d "$d" +%a)
	[[ $d == 2026-11-02 ]] && export HEP_CONFIG=$here/rx.cfg
	case $d in
	2026-10-17) at "${d}T08:00" skip --all --reason travel --note 'train, all day'; continue ;;
	2026-10-28) at "${d}T08:00" skip --all --reason sick --note 'a cold'
		at "${d}T15:00" done press-up; continue ;; # as needed: still ticked
	2026-11-13) continue ;; # forgotten altogether (slr's excused on the 14th)
	esac
	# The outcomes (SPEC 8), before the day's exercises.
	[[ -z ${knee[$d]-} ]] || at "${d}T07:30" measure knee-bend "${knee[$d]}"
	[[ -z ${chair[$d]-} ]] || at "${d}T07:32" measure chair-stand "${chair[$d]}"
	[[ -z ${swelling[$d]-} ]] || at "${d}T07:34" measure swelling "${swelling[$d]}"
	[[ -z ${psfs[$d]-} ]] || at "${d}T07:36" psfs ${psfs[$d]}
	case $d in
	2026-11-23) at "${d}T07:40" measure knee-bend 126 --note 'again, after the warm-up' ;; # corrects 123
	2026-10-29) at "${d}T18:00" measure chair-stand 11 --date 2026-10-27 ;; # late
	2026-11-10) at "${d}T07:36" psfs 5 5 4 --date 2026-11-09 ;; # late
	esac
	# Actions before the day's usual ones.
	case $d in
	2026-11-06) at "${d}T07:00" skip slr --reason rest # by mistake:
		at "${d}T07:05" undo slr ;;                 # taken back
	2026-11-18) at "${d}T07:20" skip slr --reason pain --pain 6 --note 'sharp at the front of the knee' ;;
	2026-11-21) at "${d}T07:30" skip bridge --reason time ;; # done after all, below
	esac
	# quad-set, morning and evening (at labels); from Nov 16 on the
	# morning session also records pain before it.
	before=()
	[[ $d < 2026-11-16 ]] || before=(--pain-before $((k % 4 + 3)))
	if [[ $d == 2026-10-09 ]]; then
		at "${d}T07:45" done quad-set --pain 7 --note 'swollen after the stairs' # above 5
		at "${d}T18:30" done quad-set --pain 4
	elif [[ $d != 2026-11-24 ]]; then # Nov 24's are back-filled on the 25th
		((k % 7 == 3)) || at "${d}T07:45" done quad-set $(((k % 5 == 1)) && echo --pain $((k % 4 + 2))) ${before[@]+"${before[@]}"}
		((k % 6 == 4)) || at "${d}T18:30" done quad-set
	fi
	# heel-raise, every 2nd day from Oct 5 (k even); a miss now and then.
	if ((k % 2 == 0)); then
		case $d in
		2026-11-04) at "${d}T08:00" skip heel-raise --reason other --note '膝 hurt on the stairs' ;;
		*) ((k % 10 == 6)) || at "${d}T08:00" done heel-raise $(((k % 6 == 2)) && echo --pain 1) ;;
		esac
	fi
	# slr, Mon Wed Fri.
	if [[ $dow == Mon || $dow == Wed || $dow == Fri ]]; then
		case $d in
		2026-10-16) at "${d}T08:10" done slr --pain 4 --note 'a pull behind the knee' ;; # above its 3
		2026-10-23 | 2026-11-09 | 2026-11-18) ;;
		2026-11-11) at "${d}T08:10" done slr --pain 5 # above 3, by mistake:
			at "${d}T08:12" edit slr --pain 2 ;;       # corrected away
		*) ((k % 9 == 4)) || at "${d}T08:10" done slr ;;
		esac
	fi
	# walk, any 3 days a week (4 from Nov 9, week 6): Tue Thu Sat, and
	# Sun from week 6 on.
	if [[ $dow == Tue || $dow == Thu || $dow == Sat ]] || { [[ $dow == Sun ]] && [[ ! $d < 2026-11-09 ]]; }; then
		case $d$dow in
		2026-10-24*) ;;                                   # week 3 not met
		2026-11-07*) at "${d}T16:00" skip walk --reason rest ;;
		2026-11-14*) ;;                                   # back-filled the next day
		*Sun) at "${d}T17:00" done walk --note 'with the dog' ;;
		*) at "${d}T17:00" done walk ;;
		esac
	fi
	# heel-slide every day until Nov 2; bridge Tue Thu Sat from Nov 2.
	if [[ $d < 2026-11-02 ]]; then
		case $d in
		2026-10-12) at "${d}T08:20" skip heel-slide --reason pain --pain 7 --note 'knee swollen' ;;
		2026-10-19) ;; # back-filled the next day, below
		*) ((k % 8 == 6)) || at "${d}T08:20" done heel-slide ;;
		esac
	elif [[ $dow == Tue || $dow == Thu || $dow == Sat ]]; then
		[[ $d == 2026-11-21 ]] || at "${d}T17:30" done bridge
	fi
	# press-up, as needed: one on some days, three on others.
	if ((k % 10 == 7)); then
		at "${d}T12:00" done press-up
		at "${d}T15:00" done press-up --pain 2
		at "${d}T21:00" done press-up --note 'after the walk'
	elif ((k % 5 == 2)); then
		at "${d}T12:00" done press-up
	fi
	# The day's other actions.
	case $d in
	2026-10-14) at "${d}T12:00" undo heel-slide
		at "${d}T12:05" done heel-slide --note 'sore, "a bit"' ;;
	2026-10-20) at "${d}T09:00" done heel-slide --date 2026-10-19 ;; # late
	2026-10-21) at "${d}T08:30" undo quad-set # the morning session, by mistake
		at "${d}T08:31" redo quad-set ;;       # brought back
	2026-10-22) at "${d}T21:05" undo press-up # the third, by mistake
		at "${d}T21:06" redo press-up
		at "${d}T21:07" undo press-up ;;       # taken back after all
	2026-10-23) at "${d}T07:00" skip slr --reason time
		at "${d}T19:00" done slr --pain 2 --note $'did it after all\nin the evening' ;;
	2026-11-09) at 2026-11-10T02:30 done slr --note 'before bed' ;; # still the 9th
	2026-11-12) at "${d}T19:00" edit quad-set --pain 6 ;; # raised above 5
	2026-11-14) at "${d}T06:00" skip slr --reason sick --date 2026-11-13 ;; # late
	2026-11-15) at "${d}T09:00" done walk --date 2026-11-14 --pain 1 ;; # late
	2026-11-16) at "${d}T19:00" edit quad-set --pain 5 # the latest, session 2
		at "${d}T19:01" undo quad-set # the correction
		at "${d}T19:02" redo quad-set ;;
	2026-11-18) at "${d}T20:00" edit quad-set --session 1 --note 'stiff in the morning'
		at "${d}T20:01" edit quad-set --pain 1 ;; # the latest, session 2
	2026-11-19) at "${d}T19:00" edit bridge --pain 3 --note 'tired, "heavy" legs' --pain-before 2
		at "${d}T19:05" edit bridge --pain none --no-note ;;
	2026-11-20) at "${d}T08:15" edit slr --note 'with a 1 kg cuff' ;;
	2026-11-21) at "${d}T17:30" done bridge # withdraws the time skip
		at "${d}T17:35" undo bridge # the skip stands again
		at "${d}T17:36" redo bridge ;;       # and is withdrawn again
	2026-11-22) at "${d}T10:00" edit quad-set --date 2026-11-21 --session 2 --pain 2 ;;
	2026-11-25) at "${d}T07:00" done quad-set --date 2026-11-24 --pain-before 4 --pain 3 # late
		at "${d}T07:01" done quad-set --date 2026-11-24 --note 'evening, late'
		at "${d}T07:02" edit quad-set --date 2026-11-24 --session 1 --pain-before none ;;
	esac
	# The clinic's timed up and go, written down in the evening of a visit.
	[[ -z ${tug[$d]-} ]] || at "${d}T22:00" measure tug "${tug[$d]}" --note 'at the clinic'
done

at 2026-11-26T07:00 done press-up
at 2026-11-26T07:30 done quad-set --pain 3 --pain-before 5 --note 'morning'
at 2026-11-26T07:30 edit quad-set --pain 2
at 2026-11-26T07:30 undo quad-set # the correction, in the same second
at 2026-11-26T07:30 redo quad-set

# The kept answers: today Thu Nov 26 (week 8; quad-set's morning done and
# corrected; the swelling due), the week of Oct 12 (week 2, before the
# step), the whole program from Oct 5, and the outcomes.
export HEP_NOW=2026-11-26T07:30
"$hep" today --json >today.json
"$hep" today >today.txt
"$hep" week --json >week.json
"$hep" week --json --date 2026-10-14 >week-old.json
"$hep" streak --json >streak.json
"$hep" outcomes --json >outcomes.json
"$hep" outcomes >outcomes.txt
"$hep" report --format json --from 2026-10-05 >report.json
"$hep" report --from 2026-10-05 >report.txt
"$hep" report --format csv --from 2026-10-05 >report.csv
"$hep" history --json >history.json
"$hep" history >history.txt
"$hep" export >export.csv
"$hep" export --format json >export.json
"$hep" log --json >log.json
sqlite3 hep.db 'PRAGMA user_version' >version.txt
