#!/usr/bin/env bash
# Effort (SPEC 2.2): the target shown with the dose, a session's effort
# recorded, corrected, said when outside the target, and carried by the
# diary, the log, today's JSON and a back-up.
source "$(dirname "$0")/lib.sh"

cat >"$T/rx.cfg" <<'EOF'
version = 1;
program: { title = "Achilles"; start = "2026-11-02"; };
exercises = (
  { id = "heel-drop"; name = "Heel drop"; sets = 3; reps = 15; per_day = 2;
    load = "body weight"; effort = [5, 7];
    steps = ( { from = "week 3"; effort = 8; } ); },
  { id = "walk"; name = "Walk"; duration = "20 min"; }
);
EOF
export HEP_CONFIG=$T/rx.cfg HEP_DB=$T/a.db
at() { local now=$1; shift; HEP_NOW=$now "$hep" "$@"; }

# ---- the target, with the dose -------------------------------------------
expect dose_shows_range 0 --out "Achilles, Tue 2026-11-03, day 2 (open)
[ ] Heel drop  heel-drop  3 × 15, body weight, effort 5–7/10  0/2
[ ] Walk       walk       20 min                              0/1" -- env HEP_NOW=2026-11-03T07:00 LC_ALL=C.UTF-8 "$hep" today
expect dose_step_ascii 0 --out "Achilles, Fri 2026-11-20, day 19 (open)
[ ] Heel drop  heel-drop  3 x 15, body weight, effort 8/10  0/2    step 1 of 1, since week 3
[ ] Walk       walk       20 min                            0/1" -- env HEP_NOW=2026-11-20T07:00 LC_ALL=C "$hep" today --db "$T/later.db"
cat >"$T/bad.cfg" <<'EOF'
version = 1;
exercises = ({ id = "a"; name = "A"; effort = 11; });
EOF
expect target_above_ten 1 --err-has "'effort' must be a whole number from 0 to 10 or [MIN, MAX], not 11" -- "$hep" check --config "$T/bad.cfg"

# ---- recording: said once, on the spot, never refused ----------------------
expect done_above 0 --out "Heel drop: session 1 of 2 recorded for 2026-11-03
Above the 5–7 you were given: keep the load for now." -- env HEP_NOW=2026-11-03T08:01 LC_ALL=C.UTF-8 "$hep" done heel-drop --effort 9 --pain 2
expect done_below 0 --out "Heel drop: session 2 of 2 recorded for 2026-11-03
Below the 5–7 you were given: that is fine; tell your therapist if it stays easy." -- env HEP_NOW=2026-11-03T08:02 LC_ALL=C.UTF-8 "$hep" done heel-drop --effort 3
expect done_within_quiet 0 --out "Walk: session 1 of 1 recorded for 2026-11-03" -- env HEP_NOW=2026-11-03T08:03 "$hep" done walk --effort 4
expect edit_effort 0 --out "Heel drop: session 2 of 2026-11-03 corrected: effort 3 → 6" -- env HEP_NOW=2026-11-03T08:04 LC_ALL=C.UTF-8 "$hep" edit heel-drop --effort 6
expect edit_effort_none 0 --out "Heel drop: session 1 of 2026-11-03 corrected: effort 9 → none" -- env HEP_NOW=2026-11-03T08:05 LC_ALL=C.UTF-8 "$hep" edit heel-drop --session 1 --effort none
expect edit_effort_above_said 0 --out "Heel drop: session 1 of 2026-11-03 corrected: effort none -> 8
Above the 5-7 you were given: keep the load for now." -- env HEP_NOW=2026-11-03T08:06 LC_ALL=C "$hep" edit heel-drop --session 1 --effort 8

# ---- usage errors ----------------------------------------------------------
expect skip_takes_no_effort 2 --err-has "--effort goes with 'done' or 'edit'" -- env HEP_NOW=2026-11-03T08:07 "$hep" skip walk --reason time --effort 3
expect effort_eleven 2 --err-has "--effort needs a whole number from 0 to 10, not '11'" -- env HEP_NOW=2026-11-03T08:07 "$hep" done walk --effort 11
expect done_effort_none 2 --err-has "--effort needs a whole number from 0 to 10, not 'none'" -- env HEP_NOW=2026-11-03T08:07 "$hep" done walk --effort none

# ---- the diary, the log, today's JSON --------------------------------------
expect log_text 0 --out "    1  2026-11-03 08:01  for 2026-11-03  heel-drop  session 1, pain 2, effort 9
    2  2026-11-03 08:02  for 2026-11-03  heel-drop  session 2, effort 3
    3  2026-11-03 08:03  for 2026-11-03  walk  session 1, effort 4
    4  2026-11-03 08:04  for 2026-11-03  heel-drop  correction of session 2: effort 3 → 6
    5  2026-11-03 08:05  for 2026-11-03  heel-drop  correction of session 1: effort 9 → none
    6  2026-11-03 08:06  for 2026-11-03  heel-drop  correction of session 1: effort none → 8" -- env HEP_NOW=2026-11-03T09:00 LC_ALL=C.UTF-8 "$hep" log
at 2026-11-03T09:00 log --json >"$T/log.json"
python3 - "$T/log.json" <<'PY' && ok log_json_effort || bad log_json_effort "$(cat "$T/log.json")"
import json, sys
e = json.load(open(sys.argv[1]))["entries"]
assert [x.get("effort", "absent") for x in e] == [9, 3, 4, 6, None, 8], e
assert [x["replaces"] for x in e[3:]] == [{"effort": 3}, {"effort": 9}, {"effort": None}]
PY
at 2026-11-03T09:00 today --json >"$T/today.json"
python3 - "$T/today.json" <<'PY' && ok today_json_sessions || bad today_json_sessions "$(cat "$T/today.json")"
import json, sys
it = json.load(open(sys.argv[1]))["items"]
assert it[0]["effort"] == [5, 7] and it[1]["effort"] is None, it
assert it[0]["sessions"] == [
    {"n": 1, "slot": None, "pain": 2, "pain_before": None, "effort": 8, "late": False},
    {"n": 2, "slot": None, "pain": None, "pain_before": None, "effort": 6, "late": False}], it[0]
assert it[1]["sessions"] == [
    {"n": 1, "slot": None, "pain": None, "pain_before": None, "effort": 4, "late": False}], it[1]
PY
# undo takes back the latest correction: the effort it replaced stands again.
at 2026-11-03T09:01 undo heel-drop >/dev/null
[[ $(sqlite3 "$HEP_DB" "SELECT coalesce(effort, 'none') FROM session WHERE exercise = 'heel-drop' ORDER BY n" | paste -sd,) == "none,6" ]] &&
	ok undo_restores_effort || bad undo_restores_effort "$(sqlite3 "$HEP_DB" 'SELECT * FROM session')"

# ---- a back-up: round trip; one without efforts still imports --------------
at 2026-11-03T09:10 export >"$T/b1.json"
at 2026-11-03T09:11 import "$T/b1.json" --db "$T/b.db" >/dev/null || bad backup_import "import failed"
HEP_DB=$T/b.db HEP_NOW=2026-11-03T09:10 "$hep" export >"$T/b2.json"
cmp -s "$T/b1.json" "$T/b2.json" && ok backup_round_trip || bad backup_round_trip "$(diff "$T/b1.json" "$T/b2.json" | head -5)"
grep -q '"effort"' "$T/b1.json" || bad backup_has_effort "no effort in the back-up"
python3 - "$T/b1.json" "$T/old.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
def strip(x):
    if isinstance(x, dict):
        x.pop("effort", None)
        for v in x.values(): strip(v)
    elif isinstance(x, list):
        for v in x: strip(v)
strip(b)
b["entries"] = [e for e in b["entries"] if e["kind"] == "session"]
json.dump(b, open(sys.argv[2], "w"))
PY
expect backup_without_effort_imports 0 -- env HEP_NOW=2026-11-03T09:12 "$hep" import "$T/old.json" --db "$T/c.db"
[[ $(sqlite3 "$T/c.db" 'SELECT count(*) FROM entry WHERE effort IS NOT NULL') == 0 ]] &&
	ok backup_without_effort_has_none || bad backup_without_effort_has_none
cat >"$T/wrong.json" <<'EOF'
{"entries": [{"made_at": "2026-11-03T08:00:00Z", "kind": "skip", "exercise": "walk", "day": "2026-11-03", "session": null, "late": false, "pain": null, "pain_before": null, "effort": 3, "note": null, "reason": "time", "value": null, "replaces": null}]}
EOF
expect backup_effort_on_skip 1 --err-has "only a session or a correction has an effort" -- env HEP_NOW=2026-11-03T09:12 "$hep" import "$T/wrong.json" --db "$T/d.db"

# ---- the report: the mean effort per exercise and week, beside pain -------
at 2026-11-04T08:00 done heel-drop --effort 6 >/dev/null
at 2026-11-04T09:00 done heel-drop --effort 5 >/dev/null
at 2026-11-10T08:00 done heel-drop --effort 9 >/dev/null
at 2026-11-12T09:00 report --from 2026-11-02 --to 2026-11-11 >"$T/report.txt"
grep -A2 '^Effort (0-10)$' "$T/report.txt" >"$T/effort.txt"
cat >"$T/want.txt" <<'EOF'
Effort (0-10)
  Heel drop: 6.5 on average (4 sessions); effort above target in 1 of 4
    sessions; week of 2026-11-02: 5.7, week of 2026-11-09: 9.0
EOF
cmp -s "$T/want.txt" "$T/effort.txt" && ok report_text_effort || bad report_text_effort "$(diff "$T/want.txt" "$T/effort.txt")"
at 2026-11-12T09:00 report --from 2026-11-02 --to 2026-11-11 --format json >"$T/report.json"
python3 - "$T/report.json" <<'PY' && ok report_json_effort || bad report_json_effort "$(head -c 600 "$T/report.json")"
import json, sys
ex = {x["id"]: x for x in json.load(open(sys.argv[1]))["exercises"]}
assert ex["heel-drop"]["effort"] == {"sessions": 4, "mean": 6.5, "with_target": 4,
    "above_target": 1, "below_target": 0,
    "weeks": [{"start": "2026-11-02", "sessions": 3, "mean": 5.7},
              {"start": "2026-11-09", "sessions": 1, "mean": 9.0}]}, ex["heel-drop"]["effort"]
assert ex["walk"]["effort"]["with_target"] == 0 and ex["walk"]["effort"]["sessions"] == 1
PY
at 2026-11-12T09:00 report --from 2026-11-02 --to 2026-11-11 --format html | grep -q 'effort above target in 1 of 4' &&
	ok report_html_effort || bad report_html_effort

# ---- effort_at_most: an earned step counts the efforts recorded --------------
cat >"$T/earned.cfg" <<'CFG'
version = 1;
program: { title = "Band"; start = "2026-11-02"; };
exercises = ( { id = "row"; name = "Band row"; sets = 3; reps = 10; load = "yellow band";
  steps = ( { when = { sessions = 2; effort_at_most = 3; }; load = "red band"; } ); } );
CFG
ready() { HEP_NOW=$1 "$hep" today --json --config "$T/earned.cfg" --db "$T/earned.db" |
	python3 -c 'import json, sys; r = json.load(sys.stdin)["items"][0]["ready"]; print(r and r["why"])'; }
HEP_NOW=2026-11-02T08:00 "$hep" done row --effort 2 --config "$T/earned.cfg" --db "$T/earned.db" >/dev/null
HEP_NOW=2026-11-03T08:00 "$hep" done row --config "$T/earned.cfg" --db "$T/earned.db" >/dev/null
[[ $(ready 2026-11-03T09:00) == None ]] && ok effort_unrated_not_counted || bad effort_unrated_not_counted "$(ready 2026-11-03T09:00)"
HEP_NOW=2026-11-03T09:00 "$hep" edit row --effort 3 --config "$T/earned.cfg" --db "$T/earned.db" >/dev/null
[[ $(ready 2026-11-03T09:01) == "2 sessions with effort ≤ 3" ]] && ok effort_counts_for_a_step || bad effort_counts_for_a_step "$(ready 2026-11-03T09:01)"

# ---- a target from 0 (the scale's "nothing at all"): a value, kept ----------
cat >"$T/zero.cfg" <<'CFG'
version = 1;
program: { title = "Cardiac walking"; start = "2026-11-02"; };
exercises = ( { id = "walk"; name = "Walk"; duration = "10 min"; effort = [0, 2]; } );
CFG
expect zero_target_dose 0 --out-has "10 min, effort 0–2/10" -- env HEP_NOW=2026-11-03T07:00 "$hep" today --config "$T/zero.cfg" --db "$T/zero.db"
expect zero_target_above 0 --out-has "Above the 0–2 you were given" -- env HEP_NOW=2026-11-03T08:00 "$hep" done walk --effort 3 --config "$T/zero.cfg" --db "$T/zero.db"
HEP_NOW=2026-11-03T09:00 "$hep" export --config "$T/zero.cfg" --db "$T/zero.db" >"$T/zero.json"
grep -q '"effort": \[0, 2\]' "$T/zero.json" && ok zero_target_in_backup || bad zero_target_in_backup "$(grep -o '"effort": [^,]*' "$T/zero.json" | head -3)"
HEP_NOW=2026-11-03T09:01 "$hep" import "$T/zero.json" --config "$T/zero.cfg" --db "$T/zero2.db" >/dev/null
HEP_NOW=2026-11-03T09:02 "$hep" export --config "$T/zero.cfg" --db "$T/zero2.db" >"$T/zero2.json"
cmp -s "$T/zero.json" "$T/zero2.json" && ok zero_target_round_trip || bad zero_target_round_trip "$(diff "$T/zero.json" "$T/zero2.json" | head -6)"
# The stored version reads back with its 0 (no change notice the next day).
expect zero_target_stored 0 --out-has "10 min, effort 0–2/10" -- env HEP_NOW=2026-11-04T07:00 "$hep" today --config "$T/zero.cfg" --db "$T/zero.db"
expect zero_target_no_change 0 --out-lacks "Prescription changed" -- env HEP_NOW=2026-11-04T07:01 "$hep" today --config "$T/zero.cfg" --db "$T/zero.db"

finish
