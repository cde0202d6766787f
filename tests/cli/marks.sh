#!/usr/bin/env bash
# Streak marks (issue 6): a start resumes the streak walks from a mark
# stored at the end of last week instead of walking every day since the
# program began. The mark is a cache: every answer must be the one a file
# without marks gives, after back-fills, skips, undo, a prescription
# change, another week start and a clock set back.
source "$(dirname "$0")/lib.sh"

sed 's/start      = "2026-11-02";/start = "2026-09-28";/' "$src/data/spec.cfg" >"$T/rx.cfg"
export HEP_CONFIG=$T/rx.cfg HEP_DB=$T/hep.db HEP_NOW=2026-11-26T07:30
marks() { sqlite3 "$HEP_DB" "SELECT count(DISTINCT day) || ' ' || coalesce(max(day), '-') FROM streak_mark"; }

# Eight weeks with misses, partial days and a per-week exercise; the
# prescription first stored on the first day. Each day is recorded on its
# own evening (the clock moves on: SPEC 6.2 refuses a write with a clock
# behind the record), and every write and open stores the mark of the week
# before, as a patient leaves them, up to STORE_MARKS_KEPT (8).
HEP_NOW=2026-09-28T08:00 "$hep" today >/dev/null
for ((k = 0; k < 59; k++)); do
	d=$(date -d "2026-09-28 +$k days" +%F)
	export HEP_NOW=${d}T20:00
	if ((k % 13 != 7)); then
		"$hep" done quad-set --date "$d" >/dev/null || echo "setup failed on $d"
		((k % 11 == 5)) || "$hep" done quad-set --date "$d" >/dev/null
	fi
	case $(date -d "$d" +%a) in Mon | Wed | Fri) ((k % 9 == 4)) || "$hep" done slr --date "$d" >/dev/null ;; esac
	case $(date -d "$d" +%a) in Tue | Thu | Sat) [[ $d > 2026-11-15 ]] && "$hep" done bridge --date "$d" >/dev/null ;; esac
done
export HEP_NOW=2026-11-26T07:30
[[ $(marks) == "8 2026-11-22" ]] && ok marks_stored_weekly || bad marks_stored_weekly "$(marks)"
sqlite3 "$HEP_DB" "DELETE FROM streak_mark WHERE day = '2026-11-22'"
"$hep" today >/dev/null
[[ $(marks) == "8 2026-11-22" ]] && ok mark_renewed_at_last_weeks_end || bad mark_renewed_at_last_weeks_end "$(marks)"

# same NAME ARGS...: hep's answer equals the one from a copy without marks.
same() {
	local name=$1
	shift
	cp "$HEP_DB" "$T/fresh.db"
	sqlite3 "$T/fresh.db" 'DELETE FROM streak_mark'
	"$hep" "$@" >"$T/with" 2>&1
	HEP_DB=$T/fresh.db "$hep" "$@" >"$T/without" 2>&1
	if cmp -s "$T/with" "$T/without"; then ok "$name"; else bad "$name" "$(diff "$T/without" "$T/with")"; fi
}
all() {
	local name=$1
	shift
	same "${name}_streak" streak --json "$@"
	same "${name}_week" week --json "$@"
	same "${name}_old_week" week --json --date 2026-10-07 "$@"
	same "${name}_today" today --json "$@"
	same "${name}_report" report --format json --from 2026-09-28 "$@"
}
all plain
# The streaks really come from the mark: a forged one shows (and is then
# dropped by the next change before it).
sqlite3 "$HEP_DB" "UPDATE streak_mark SET longest = 99 WHERE day = '2026-11-22' AND exercise = ''"
"$hep" streak --json >"$T/forged"
grep -q '"longest": 99' "$T/forged" && ok mark_is_read || bad mark_is_read "$(cat "$T/forged")"

# A back-fill last week drops the marks from that day; older ones stay.
"$hep" done slr --date 2026-11-16 >/dev/null
[[ $(marks) == "7 2026-11-15" ]] && ok backfill_drops_later_marks || bad backfill_drops_later_marks "$(marks)"
all backfill
[[ $(marks) == "8 2026-11-22" ]] && ok backfill_mark_renewed || bad backfill_mark_renewed "$(marks)"
# On the mark's own day: an undo breaks the run there, a redo mends it.
expect undo_on_mark_day 0 -- "$hep" undo quad-set --date 2026-11-22
all undo_on_mark_day
expect redo_on_mark_day 0 -- "$hep" done quad-set --date 2026-11-22
all redo_on_mark_day
# Further back: a skip, an undo, a session in a long-past week.
expect skip_recorded 0 -- "$hep" skip quad-set --reason pain --date 2026-10-14
all skip
expect undo_recorded 0 -- "$hep" undo quad-set --date 2026-10-14
all undo
expect old_session_recorded 0 -- "$hep" done quad-set --date 2026-10-05
all old_session
# A prescription change (a snapshot dated today) keeps the marks before it.
sed 's/reps = 12;/reps = 15;/' "$T/rx.cfg" >"$T/rx2.cfg"
before=$(marks)
HEP_CONFIG=$T/rx2.cfg "$hep" today >/dev/null
[[ $(sqlite3 "$HEP_DB" 'SELECT count(*) FROM snapshot') == 2 && $(marks) == "$before" ]] &&
	ok rx_change_keeps_marks || bad rx_change_keeps_marks "$before, then $(marks)"
HEP_CONFIG=$T/rx2.cfg all rx_change
# Weeks from Sunday, another start: the marks do not fit, and are replaced.
sed 's/week_starts = "monday"/week_starts = "sunday"/' "$T/rx.cfg" >"$T/rx3.cfg"
HEP_CONFIG=$T/rx3.cfg all sunday
[[ $(sqlite3 "$HEP_DB" "SELECT DISTINCT week_starts FROM streak_mark") == 6 ]] &&
	ok sunday_marks_replace || bad sunday_marks_replace "$(sqlite3 "$HEP_DB" 'SELECT DISTINCT day, week_starts FROM streak_mark')"
sed 's/start = "2026-09-28";/start = "2026-10-01";/' "$T/rx.cfg" >"$T/rx4.cfg"
HEP_CONFIG=$T/rx4.cfg all other_start
# A clock set back before the marks.
HEP_NOW=2026-10-10T09:00 all clock_back

# A start reads only the snapshots in force since its mark; an import still
# compares its prescriptions with every stored one, however old, and keeps
# the stored snapshot of a date it also has.
old=(env HEP_DB="$T/old.db")
"${old[@]}" HEP_NOW=2026-09-28T08:00 "$hep" today >/dev/null
"${old[@]}" HEP_NOW=2026-10-20T08:00 HEP_CONFIG=$T/rx2.cfg "$hep" today >/dev/null
"${old[@]}" HEP_CONFIG=$T/rx2.cfg "$hep" today >/dev/null
"${old[@]}" "$hep" history --json >"$T/old.before"
"${old[@]}" "$hep" export --format json |
	python3 -c 'import json,sys; d=json.load(sys.stdin); d["prescriptions"][0]["exercises"][0]["name"]="Renamed"; json.dump(d,sys.stdout)' >"$T/old.json"
"${old[@]}" HEP_CONFIG=$T/rx2.cfg "$hep" import "$T/old.json" >/dev/null
"${old[@]}" "$hep" history --json >"$T/old.after"
[[ $(sqlite3 "$T/old.db" "SELECT group_concat(name) FROM snapshot_exercise WHERE pos = 0") == "Quad sets,Quad sets,Quad sets" ]] &&
	cmp -s "$T/old.before" "$T/old.after" &&
	ok import_keeps_old_snapshot || bad import_keeps_old_snapshot "$(diff "$T/old.before" "$T/old.after" | head -5)"
finish
