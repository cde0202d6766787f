# The keys of SPEC section 2.1 through the commands: steps in force by day,
# every N-th day from its anchor, as-needed exercises (listed last, never
# due, capped, never skipped, no streak), session labels, pain limits and
# their advice, the JSON of section 4, and the dose text.
source "$(dirname "$0")/lib.sh"

cat >"$T/rx.cfg" <<'CFG'
version = 1;
program: { title = "Achilles, 12 weeks"; start = "2026-11-02";
           pain_limit = 5; pain_advice = "Stop for today and call the clinic."; };
exercises = (
  { id = "heel-drop"; name = "Heel drop"; sets = 3; reps = 15; tempo = "3-0-1";
    side = "right"; per_day = 2; load = "body weight"; until = "week 12";
    steps = ( { from = "week 3"; load = "+5 kg backpack"; },
              { from = "week 7"; load = "+10 kg backpack"; reps = [12, 15]; } ); },
  { id = "walk"; name = "Walk"; duration = "10 min"; per_week = 3;
    steps = ( { from = "week 3"; duration = "20 min"; per_week = 4; },
              { from = "week 5"; duration = ["20 min", "30 min"]; per_week = 5; } ); },
  { id = "ankle-pump"; name = "Ankle pumps"; reps = 10; per_day = 12; until = "day 14"; },
  { id = "neck-nod"; name = "Neck nods"; reps = 10; hold = 10; pause = "10 s";
    at = ["morning", "evening"]; pain_limit = 3; link = "https://example.org/nod"; },
  { id = "heel-raise"; name = "Heel raise"; sets = 3; reps = 12; every = 2; },
  { id = "press-up"; name = "Press-ups"; reps = 10; as_needed = true; per_day = 2; }
);
CFG
export HEP_CONFIG=$T/rx.cfg HEP_DB=$T/hep.db
j() { HEP_NOW=$1 "$hep" today --json --date "$2" >"$T/t.json"; python3 -c "import json,sys; t=json.load(open('$T/t.json')); i={x['id']: x for x in t['items']}; sys.exit(not ($3))"; }
t() { j "$@" && ok "$4" || bad "$4" "$(cat "$T/t.json" | head -c 900)"; }

t 2026-11-03T08:00 2026-11-03 'i["heel-drop"]["step"] == 0 and i["heel-drop"]["load"] == "body weight" and i["heel-drop"]["tempo"] == "3-0-1"' before_first_step
t 2026-11-03T08:00 2026-11-16 'i["heel-drop"]["step"] == 1 and i["heel-drop"]["load"] == "+5 kg backpack" and i["heel-drop"]["reps"] == 15' step_1_from_week_3
t 2026-11-03T08:00 2026-12-14 'i["heel-drop"]["step"] == 2 and i["heel-drop"]["reps"] == [12, 15]' step_2_range
t 2026-11-03T08:00 2027-01-25 '"heel-drop" not in i' until_week_12_last_day_is_sunday
t 2026-11-03T08:00 2027-01-24 '"heel-drop" in i' week_12_includes_its_sunday
t 2026-11-03T08:00 2026-11-03 'i["walk"]["duration"] == 600 and i["walk"]["per_week"] == 3 and i["walk"]["reps"] is None' duration_in_seconds
t 2026-11-03T08:00 2026-11-30 'i["walk"]["duration"] == [1200, 1800] and i["walk"]["per_week"] == 5' duration_range_step
t 2026-11-03T08:00 2026-11-15 '"ankle-pump" in i and i["ankle-pump"]["due"] == 12' day_14_included
t 2026-11-03T08:00 2026-11-16 '"ankle-pump" not in i' day_15_excluded
t 2026-11-03T08:00 2026-11-03 'i["neck-nod"]["at"] == ["morning", "evening"] and i["neck-nod"]["due"] == 2 and i["neck-nod"]["pause"] == 10 and i["neck-nod"]["link"] == "https://example.org/nod"' labels_set_per_day
t 2026-11-03T08:00 2026-11-02 'i["heel-raise"]["every"] == 2' every_on_anchor
t 2026-11-03T08:00 2026-11-03 '"heel-raise" not in i' every_off_day
t 2026-11-03T08:00 2026-11-04 '"heel-raise" in i' every_two_days_later
t 2026-11-03T08:00 2026-11-03 'list(i)[-1] == "press-up" and i["press-up"]["due"] == 0 and i["press-up"]["as_needed"] is True and i["press-up"]["skip"] is None and i["press-up"]["per_week"] is None and i["press-up"]["every"] is None and i["press-up"]["at"] is None' as_needed_item_last

export HEP_NOW=2026-11-03T08:00
expect as_needed_tick 0 --out "Press-ups: session 1 recorded for 2026-11-03 (as needed)" -- "$hep" done press-up
expect as_needed_second 0 -- "$hep" done press-up
expect as_needed_cap 1 --err-has "up to 2 times a day" -- "$hep" done press-up
expect as_needed_never_skipped 1 --err-has "never due" -- "$hep" skip press-up --reason time
expect as_needed_not_left 1 --out "4 left today: Heel drop, Walk (0 of 3 this week), Ankle pumps, Neck nods" -- "$hep" remind
"$hep" streak --json >"$T/s.json"
python3 -c "import json,sys; s=json.load(open('$T/s.json')); sys.exit('press-up' in s['exercises'])" && ok as_needed_no_streak || bad as_needed_no_streak "$(cat "$T/s.json")"
"$hep" week --json >"$T/w.json"
python3 - "$T/w.json" <<'PY' && ok as_needed_week_row || bad as_needed_week_row "$(cat "$T/w.json")"
import json, sys
w = json.load(open(sys.argv[1]))
r = w["exercises"][-1]
assert r["id"] == "press-up" and r["due"] == [0] * 7 and r["done"][1] == 2
assert r["skip"] == [None] * 7 and r["target"] is None and r["met"] is None and r["streak"] is None
PY
expect skip_all_passes_over_as_needed 0 -- "$hep" skip --all --reason travel --date 2026-11-02
"$hep" log --json --from 2026-11-02 --to 2026-11-02 >"$T/l.json"
grep -q press-up "$T/l.json" && bad skip_all_no_as_needed_entry || ok skip_all_no_as_needed_entry

# Pain limits: the exercise's own, else the program's; advice on stdout, exit 0.
expect pain_over_own_limit 0 --out "Neck nods: session 1 of 2 (morning) recorded for 2026-11-03
Pain 4 after the session is above your limit of 3 for Neck nods. Stop for today and call the clinic." -- "$hep" done neck-nod --pain 4
expect pain_at_program_limit 0 --out "Heel drop: session 1 of 2 recorded for 2026-11-03" -- "$hep" done heel-drop --pain 5 --pain-before 2
expect pain_before_over_limit 0 --out "Heel drop: session 2 of 2 recorded for 2026-11-03
Pain 6 before the session is above your limit of 5 for Heel drop. Stop for today and call the clinic." -- "$hep" done heel-drop --pain-before 6
expect correction_raises_pain 0 --err "" -- bash -c '"$1" edit heel-drop --session 1 --pain 7 | grep -q "^Pain 7 after the session is above your limit of 5"' _ "$hep"
expect skip_pain_over_limit 0 -- bash -c '"$1" skip ankle-pump --reason pain --pain 8 | grep -qx "Pain 8 is above your limit of 5 for Ankle pumps. Stop for today and call the clinic."' _ "$hep"

# Text: the next label, the step and its start as written, every N.
expect today_text_more 0 -- bash -c '"$1" today --date 2026-12-14 | grep -q "step 2 of 2, since week 7"' _ "$hep"
expect today_text_next_label 0 -- bash -c '"$1" today | grep "Neck nods" | grep -q "next: evening"' _ "$hep"
expect dose_text_range 0 -- bash -c '"$1" today --date 2026-12-14 | grep -q "3 × 12–15, tempo 3-0-1, right side, +10 kg backpack"' _ "$hep"
expect dose_text_minutes 0 -- bash -c '"$1" today --date 2026-11-30 | grep -q "20–30 min"' _ "$hep"
expect dose_text_pause 0 -- bash -c '"$1" today | grep -q "1 × 10, hold 10 s, pause 10 s"' _ "$hep"
expect history_names_steps 0 -- bash -c '"$1" history | grep -qx "    step 2 from 2026-12-14 (week 7): 3 × 12–15, tempo 3-0-1, right side, +10 kg backpack, 2/day"' _ "$hep"

# Only per-week work listed: not "rest".
cat >"$T/walk.cfg" <<'CFG'
version = 1;
program: { title = "Walks"; start = "2026-11-02"; };
exercises = ( { id = "walk"; name = "Walk"; duration = "20 min"; per_week = 3; } );
CFG
expect flexible_day_not_rest 0 -- bash -c '"$1" today --config "$2" --db "$3" | head -1 | grep -q "(no fixed exercises today)"' _ "$hep" "$T/walk.cfg" "$T/walk.db"

# hep check tells of the kind lock, reading the data file without writing.
HEP_NOW=2026-11-04T08:00 "$hep" done walk --config "$T/walk.cfg" --db "$T/lock.db" >/dev/null 2>&1 ||
	HEP_NOW=2026-11-04T08:00 "$hep" today --config "$T/walk.cfg" --db "$T/lock.db" >/dev/null
sed 's/per_week = 3;/days = ["mon"];/' "$T/walk.cfg" >"$T/walk-fixed.cfg"
sum=$(sha256sum <"$T/lock.db")
expect check_kind_lock 1 --err "hep: $T/walk-fixed.cfg: exercise \"walk\" was recorded as a per-week exercise; give the fixed-days version a new id" -- "$hep" check --config "$T/walk-fixed.cfg" --db "$T/lock.db"
[[ $(sha256sum <"$T/lock.db") == "$sum" && ! -e $T/lock.db-journal ]] && ok check_reads_only || bad check_reads_only
expect check_no_data_file 0 -- "$hep" check --config "$T/walk-fixed.cfg" --db "$T/none.db"
[[ ! -e $T/none.db ]] && ok check_creates_nothing || bad check_creates_nothing
sed 's/per_week = 3;/as_needed = true;/' "$T/walk.cfg" >"$T/walk-an.cfg"
expect check_kind_lock_as_needed 1 --err-has 'was recorded as a per-week exercise; give the as-needed version a new id' -- "$hep" check --config "$T/walk-an.cfg" --db "$T/lock.db"


# A normalised prescription: the same dose written two ways stores nothing new.
sed 's/pause = "10 s"/pause = 10/' "$T/rx.cfg" >"$T/rx-b.cfg"
"$hep" history --json --config "$T/rx-b.cfg" >"$T/h.json"
python3 -c "import json,sys; sys.exit(len(json.load(open('$T/h.json'))['snapshots']) != 1)" 2>/dev/null &&
	ok normalised_same_prescription || bad normalised_same_prescription "$(head -c 400 "$T/h.json")"
# A step changed: history names it.
sed 's/+10 kg backpack/+12 kg backpack/' "$T/rx.cfg" >"$T/rx-c.cfg"
HEP_NOW=2026-11-04T08:00 "$hep" history --config "$T/rx-c.cfg" >"$T/h.txt"
grep -q "heel-drop: step 2 load +10 kg backpack → +12 kg backpack" "$T/h.txt" && ok history_step_change || bad history_step_change "$(tail -5 "$T/h.txt")"
# Round trip: export, import into an empty file, export again: the same bytes.
"$hep" export --format json >"$T/a.json"
HEP_DB=$T/b.db "$hep" import "$T/a.json" >/dev/null
HEP_DB=$T/b.db "$hep" export --format json >"$T/b.json"
cmp -s "$T/a.json" "$T/b.json" && ok json_round_trip_with_steps || bad json_round_trip_with_steps "$(diff "$T/a.json" "$T/b.json" | head -5)"
# A back-up may not bring a link the file could not give: the screen opens it.
sed 's|https://example.org/nod|javascript:alert(1)|' "$T/a.json" >"$T/evil.json"
grep -q 'javascript:' "$T/evil.json" || bad evil_link_fixture
expect import_refuses_bad_link 1 --err-has "evil.json:31: 'link' must be an https:// address (at most 512 characters, no spaces), not \"javascript:alert(1)\"" -- env HEP_DB=$T/c.db "$hep" import "$T/evil.json"
# The report: doses as they were, as-needed sessions, pain events.
HEP_NOW=2026-12-16T08:00 "$hep" report --from 2026-11-02 >"$T/r.txt"
# (An item longer than 80 columns goes on under itself, 4 spaces in.)
sed -z 's/\n    / /g' "$T/r.txt" >"$T/r-joined.txt"
grep -qx "  Heel drop from 2026-11-16: 3 × 15, tempo 3-0-1, right side, +5 kg backpack, 2/day" "$T/r-joined.txt" &&
	grep -qx "  Walk from 2026-11-30: 20–30 min, any 5 days/week" "$T/r.txt" && ok report_doses_by_week || bad report_doses_by_week "$(cat "$T/r.txt")"
grep -qx "  Press-ups: 2 sessions" "$T/r.txt" && ok report_as_needed_sessions || bad report_as_needed_sessions "$(tail -12 "$T/r.txt")"
# Every one told (SPEC 2.1), each exercise's limit its own, in the
# order the JSON lists them (below).
HEP_NOW=2026-12-16T08:00 "$hep" report --format json --from 2026-11-02 >"$T/r0.json"
events_told report_pain_events "$T/r.txt" "$T/r0.json" heel-drop="Heel drop" neck-nod="Neck nods" ankle-pump="Ankle pumps"
grep -q "^Pain above the limit (4)$" "$T/r.txt" && grep -q "Tue 3 Ankle pumps, 8 on a skip (limit 5)" "$T/r-joined.txt" &&
	grep -q "Tue 3 Neck nods, 4 after (limit 3)" "$T/r-joined.txt" && ok report_pain_event_words || bad report_pain_event_words "$(tail -12 "$T/r.txt")"
HEP_NOW=2026-12-16T08:00 "$hep" report --format json --from 2026-11-02 >"$T/r.json"
python3 - "$T/r.json" <<'PY' && ok report_json_keys || bad report_json_keys "$(head -c 600 "$T/r.json")"
import json, sys
r = json.load(open(sys.argv[1]))
x = {e["id"]: e for e in r["exercises"]}
assert x["press-up"]["as_needed"] and x["press-up"]["sessions"] == 2 and x["press-up"]["due"] == 0
assert [d["from"] for d in x["heel-drop"]["doses"]] == ["2026-11-02", "2026-11-16", "2026-12-14"]
ev = sorted((e["day"], e["exercise"], e["pain"], e["when"], e["limit"]) for e in r["pain_events"])
assert ev == [("2026-11-03", "ankle-pump", 8, "on a skip", 5), ("2026-11-03", "heel-drop", 6, "before", 5),
              ("2026-11-03", "heel-drop", 7, "after", 5), ("2026-11-03", "neck-nod", 4, "after", 3)], ev
assert r["outcomes"]["pain_events"] == r["pain_events"]
PY
# A corrected pain below the limit is no event any more.
HEP_NOW=2026-11-03T09:00 "$hep" edit heel-drop --session 1 --pain 2 >/dev/null
HEP_NOW=2026-12-16T08:00 "$hep" report --from 2026-11-02 | sed -z 's/\n    / /g' >"$T/r2.txt"
grep -q "^Pain above the limit (3)$" "$T/r2.txt" && ! grep -q "Heel drop, 7 after" "$T/r2.txt" && grep -q "Heel drop, 6 before" "$T/r2.txt" &&
	ok report_event_corrected_away || bad report_event_corrected_away "$(tail -8 "$T/r2.txt")"
for fmt in md html; do
	HEP_NOW=2026-12-16T08:00 "$hep" report --format $fmt --from 2026-11-02 | grep -q "Pain above the limit" && ok "report_events_$fmt" || bad "report_events_$fmt"
done
finish
