# Sessions at times of day (SPEC 2.2, settled point 12): an `at` of times
# makes an exercise timed; a tick takes the untaken slot nearest the clock
# (ties: the earlier), a back-filled one the first untaken, `--slot HH:MM`
# the one named. The slot is stored on the session's entry: undo frees it,
# the back-up keeps it ("slot"), a back-up without it still imports.
source "$(dirname "$0")/lib.sh"

cat >"$T/rx.cfg" <<'CFG'
version = 1;
program: { title = "After surgery"; start = "2026-11-02"; day_starts = "03:00"; };
exercises = (
  { id = "spiro"; name = "Incentive spirometer"; reps = 10; hold = "3 s";
    at = ["08:00", "10:00", "12:00", "14:00", "22:00", "02:00"]; }
);
CFG
export HEP_CONFIG=$T/rx.cfg HEP_DB=$T/hep.db

expect check_times 0 --out "$T/rx.cfg: ok, 1 exercise" -- "$hep" check
expect nearest_slot 0 \
	--out "Incentive spirometer: session 1 of 6 (10:00) recorded for 2026-11-03" -- \
	env HEP_NOW=2026-11-03T09:10 "$hep" done spiro
expect nearest_untaken_slot 0 \
	--out "Incentive spirometer: session 2 of 6 (08:00) recorded for 2026-11-03" -- \
	env HEP_NOW=2026-11-03T09:20 "$hep" done spiro
expect chosen_slot 0 \
	--out "Incentive spirometer: session 3 of 6 (14:00) recorded for 2026-11-03" -- \
	env HEP_NOW=2026-11-03T09:30 "$hep" done spiro --slot 14:00
expect chosen_slot_taken 1 --err 'hep: "spiro": the 14:00 slot is taken on 2026-11-03' -- \
	env HEP_NOW=2026-11-03T09:31 "$hep" done spiro --slot 14:00
expect chosen_slot_unknown 1 --err 'hep: "spiro" has no slot 13:00 on 2026-11-03' -- \
	env HEP_NOW=2026-11-03T09:32 "$hep" done spiro --slot 13:00
# undo frees the slot: the next tick near it takes it again.
HEP_NOW=2026-11-03T09:33 "$hep" undo spiro >/dev/null
expect undo_frees_slot 0 \
	--out "Incentive spirometer: session 3 of 6 (14:00) recorded for 2026-11-03" -- \
	env HEP_NOW=2026-11-03T13:50 "$hep" done spiro
# After midnight, before day_starts: the same logical day, 02:00 nearest.
expect rollover_slot 0 \
	--out "Incentive spirometer: session 4 of 6 (02:00) recorded for 2026-11-03" -- \
	env HEP_NOW=2026-11-04T01:40 "$hep" done spiro
# today --json gives each session with the slot it took (settled point 14).
HEP_NOW=2026-11-04T01:40 "$hep" today --json >"$T/today.json"
python3 - "$T/today.json" <<'PY' && ok today_json_sessions_slots || bad today_json_sessions_slots "$(head -c 600 "$T/today.json")"
import json, sys
s = json.load(open(sys.argv[1]))["items"][0]["sessions"]
assert [x["slot"] for x in s] == ["10:00", "08:00", "14:00", "02:00"], s
assert [x["n"] for x in s] == [1, 2, 3, 4] and not any(x["late"] for x in s), s
PY
# A back-filled day takes the first untaken slot.
expect backfill_first_slot 0 \
	--out "Incentive spirometer: session 1 of 6 (08:00) recorded for 2026-11-02 (late)" -- \
	env HEP_NOW=2026-11-04T01:41 "$hep" done spiro --date 2026-11-02

# Ties go to the earlier slot; the clock is the local one (TZ).
for tz in America/New_York Europe/Berlin; do
	expect "tie_earlier_${tz//\//_}" 0 \
		--out "Incentive spirometer: session 1 of 6 (08:00) recorded for 2026-11-05" -- \
		env TZ=$tz HEP_DB="$T/tie-${tz//\//_}.db" HEP_NOW=2026-11-05T09:00 "$hep" done spiro
done
# On the day clocks spring forward (New York, 2026-03-08: 02:00 becomes
# 03:00) the slots are the wall clock's: 03:10 is 70 minutes after 02:00
# and 50 before 04:00 by the clock (though 10 minutes after 02:00 went).
cat >"$T/dst.cfg" <<'CFG'
version = 1;
program: { title = "DST"; start = "2026-03-01"; };
exercises = ( { id = "spiro"; name = "Spirometer"; reps = 10; at = ["02:00", "04:00"]; } );
CFG
expect dst_local_minutes 0 \
	--out "Spirometer: session 1 of 2 (04:00) recorded for 2026-03-08" -- \
	env TZ=America/New_York HEP_CONFIG="$T/dst.cfg" HEP_DB="$T/dst.db" HEP_NOW=2026-03-08T03:10 "$hep" done spiro

# ---- the back-up keeps the slot; an old back-up without it imports ----------
HEP_NOW=2026-11-04T02:00 "$hep" export >"$T/a.json"
grep -q '"slot": "10:00"' "$T/a.json" && ok backup_has_slot || bad backup_has_slot "$(head -c 800 "$T/a.json")"
HEP_DB=$T/b.db HEP_NOW=2026-11-04T02:01 "$hep" import "$T/a.json" >/dev/null
HEP_DB=$T/b.db HEP_NOW=2026-11-04T02:02 "$hep" export >"$T/b.json"
cmp -s "$T/a.json" "$T/b.json" && ok slot_round_trip || bad slot_round_trip "$(diff "$T/a.json" "$T/b.json" | head)"
sed 's/, "slot": "[0-9:]*"//' "$T/a.json" >"$T/old.json"
HEP_DB=$T/c.db HEP_NOW=2026-11-04T02:03 "$hep" import "$T/old.json" >/dev/null &&
	ok old_backup_imports || bad old_backup_imports
sed 's/"slot": "10:00"/"slot": "10h"/' "$T/a.json" >"$T/badslot.json"
expect bad_slot_refused 1 --err-has "slot must be a time HH:MM on a session, or null" -- \
	env HEP_DB="$T/d.db" HEP_NOW=2026-11-04T02:04 "$hep" import "$T/badslot.json"

# ---- remind and today by the slots (settled point 13) -----------------------
export HEP_DB=$T/r.db
expect remind_before_first_slot 1 \
	--out "1 left today: Incentive spirometer: 08:00, 10:00, 12:00, 14:00, 22:00 and 02:00 later today" -- \
	env HEP_NOW=2026-11-05T07:30 "$hep" remind
expect remind_now_nothing_yet 0 --out "" -- env HEP_NOW=2026-11-05T07:31 "$hep" remind --now
expect remind_current_and_missed 1 \
	--out "1 left today: Incentive spirometer: 12:00 due; 08:00 and 10:00 missed" -- \
	env HEP_NOW=2026-11-05T12:10 "$hep" remind
expect remind_now_current 1 --out "Incentive spirometer: 12:00 due; 08:00 and 10:00 missed" -- \
	env HEP_NOW=2026-11-05T12:11 "$hep" remind --now
HEP_NOW=2026-11-05T12:12 "$hep" done spiro >/dev/null
expect remind_now_done 0 --out "" -- env HEP_NOW=2026-11-05T12:13 "$hep" remind --now
expect remind_quiet_keeps_meaning 1 --out "" -- env HEP_NOW=2026-11-05T12:14 "$hep" remind --quiet
expect today_later_slots 0 \
	--out "[~] Incentive spirometer  spiro  1 × 10, hold 3 s                1/6    08:00 and 10:00 missed; 14:00, 22:00 and 02:00 later today" -- \
	sh -c "HEP_NOW=2026-11-05T12:15 '$hep' today | tail -n 1"
export HEP_DB=$T/hep.db

# ---- what a file may not say ----------------------------------------------
printf 'version = 1;\nprogram: { title = "x"; };\nexercises = ( { id = "a"; name = "A";\n  at = ["22:00", "02:00"]; } );\n' >"$T/bad.cfg"
expect times_must_rise 1 \
	--err-has "bad.cfg:4: the times of 'at' must rise through the day (it starts at 00:00): \"02:00\" cannot follow \"22:00\"" -- \
	env HEP_CONFIG="$T/bad.cfg" "$hep" check
printf 'version = 1;\nprogram: { title = "x"; };\nexercises = ( { id = "a"; name = "A";\n  at = ["08:00", "evening"]; } );\n' >"$T/mix.cfg"
expect times_not_mixed 1 \
	--err-has "mix.cfg:4: 'at' must hold times (\"08:00\") or other labels (\"morning\"), not both" -- \
	env HEP_CONFIG="$T/mix.cfg" "$hep" check

echo "$pass passed, $fail failed"
((fail == 0))
