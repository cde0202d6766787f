#!/usr/bin/env bash
# The report on earned steps (SPEC 2.2): "Dose changes" names the step
# each dose began and why; "Steps" gives each earned exercise's step in
# force on the span's first day and each change, with its day and why,
# and under advance = "therapist" whether the next step is ready and
# since when (or why not); the JSON gains "steps" and "ready". The
# therapist's lever (step = N) in later prescriptions moves the step.
#
#   bash tests/cli/report_steps.sh HEP SRC      (SRC = tests)
source "$(dirname "$0")/lib.sh"

rx() { # rx MODE EXTRA: the prescription with that advance and extra keys
	cat <<CFG
version = 1;
program: { title = "Achilles"; start = "2026-11-02"; advance = "$1"; };
exercises = (
  { id = "heel-drop"; name = "Heel drop"; sets = 3; reps = 15; per_day = 2;
    load = "body weight";
    steps = ( { when = { sessions = 4; pain_at_most = 2; }; load = "+5 kg backpack"; },
              { when = { sessions = 4; pain_at_most = 2; }; load = "+10 kg backpack"; per_day = 1; } );
    back_off = { pain_above = 5; sessions = 2; }; $2 },
  { id = "calf"; name = "Calf stretch"; hold = "30 s"; reps = 3; }
);
CFG
}
rx therapist "" >"$T/a.cfg"
rx therapist "step = 1;" >"$T/b.cfg"
rx therapist "step = 0;" >"$T/c.cfg"
export HEP_DB=$T/hep.db
rec() { # rec CFG NOW [ARGS]: a session of heel-drop
	HEP_NOW=$2 "$hep" done heel-drop --config "$T/$1" "${@:3}" >/dev/null || bad "done $*" "refused"
}
# Step 0 from the start; the lever: step 1 from 5 Nov, back to its own
# dose on 9 Nov, step 1 again from 10 Nov; four sessions with pain ≤ 2
# since then: ready for step 2 on 11 Nov.
rec a.cfg 2026-11-03T09:00 --pain 1
rec a.cfg 2026-11-04T09:00 --pain 1
rec b.cfg 2026-11-05T09:00 --pain 1
rec b.cfg 2026-11-05T18:00 --pain 2
rec b.cfg 2026-11-06T09:00 --pain 0
rec b.cfg 2026-11-06T18:00 --pain 1
rec c.cfg 2026-11-09T09:00 --pain 1
rec b.cfg 2026-11-10T09:00 --pain 1
rec b.cfg 2026-11-10T18:00 --pain 2
rec b.cfg 2026-11-11T09:00 --pain 1
rec b.cfg 2026-11-11T18:00 --pain 1
export HEP_CONFIG=$T/b.cfg HEP_NOW=2026-11-12T09:00
# awk -v h=HEADING "$part" FILE: that part of a text report.
part='$0 == h { on = 1 } on && $0 == "" { exit } on'

"$hep" report --from 2026-11-02 --to 2026-11-11 >"$T/r.txt"
expect dose_changes_name_steps 0 --out "Dose changes
  Heel drop from 2026-11-02: 3 × 15, body weight, 2/day
  Heel drop from 2026-11-05: 3 × 15, +5 kg backpack, 2/day (step 1 of 2), set by
    the therapist
  Heel drop from 2026-11-09: 3 × 15, body weight, 2/day (before step 1), set by
    the therapist
  Heel drop from 2026-11-10: 3 × 15, +5 kg backpack, 2/day (step 1 of 2), set by
    the therapist" -- awk -v h="Dose changes" "$part" "$T/r.txt"
expect steps_and_readiness 0 --out "Steps
  Heel drop on 2026-11-02: before step 1 (body weight), from the start
  Heel drop from 2026-11-05: step 1 of 2 (+5 kg backpack), set by the therapist
  Heel drop from 2026-11-09: before step 1 (body weight), set by the therapist
  Heel drop from 2026-11-10: step 1 of 2 (+5 kg backpack), set by the therapist
  Heel drop: ready for step 2 since 2026-11-11 (4 sessions with pain ≤ 2)" -- awk -v h="Steps" "$part" "$T/r.txt"
# A span that begins inside a step says since when it has been in force;
# not yet ready: why not.
"$hep" report --from 2026-11-06 --to 2026-11-10 >"$T/r.txt"
expect steps_since_before_span 0 --out "Steps
  Heel drop on 2026-11-06: step 1 of 2 (+5 kg backpack) since 2026-11-05, set by
    the therapist
  Heel drop from 2026-11-09: before step 1 (body weight), set by the therapist
  Heel drop from 2026-11-10: step 1 of 2 (+5 kg backpack), set by the therapist
  Heel drop: not ready for step 2: 2 of 4 sessions so far" -- awk -v h="Steps" "$part" "$T/r.txt"
"$hep" report --from 2026-11-02 --to 2026-11-11 --format json >"$T/r.json"
python3 - "$T/r.json" <<'PY' && ok report_json_steps || bad report_json_steps "$(cat "$T/r.json")"
import json, sys
x = {e["id"]: e for e in json.load(open(sys.argv[1]))["exercises"]}
h, c = x["heel-drop"], x["calf"]
sys.exit(not (
    h["steps"] == [
        {"step": 0, "since": None, "why": "from the start"},
        {"step": 1, "since": "2026-11-05", "why": "set by the therapist"},
        {"step": 0, "since": "2026-11-09", "why": "set by the therapist"},
        {"step": 1, "since": "2026-11-10", "why": "set by the therapist"}]
    and h["ready"] == {"step": 2, "back": False, "since": "2026-11-11",
                       "why": "4 sessions with pain ≤ 2"}
    and "steps" not in c and "ready" not in c))
PY
# Markdown and HTML walk the same parts.
"$hep" report --from 2026-11-02 --to 2026-11-11 --format md >"$T/r.md"
grep -qx -- '- Heel drop: ready for step 2 since 2026-11-11 (4 sessions with pain ≤ 2)' "$T/r.md" &&
	ok report_md_steps || bad report_md_steps "$(cat "$T/r.md")"
# Under "ask" the patient decides: the text tells no readiness, the JSON
# still gives it. The lever of the first version stored rules every earlier
# day too (its snapshot does): in force from the start ("since": null).
rx ask "step = 1;" >"$T/ask.cfg"
export HEP_CONFIG=$T/ask.cfg HEP_DB=$T/ask.db
for d in 03 04; do for h in 09 18; do
	rec ask.cfg 2026-11-${d}T$h:00 --pain 0
done; done
"$hep" report --from 2026-11-03 --to 2026-11-04 >"$T/r.txt"
expect ask_mode_no_readiness_line 0 --out "Steps
  Heel drop on 2026-11-03: step 1 of 2 (+5 kg backpack), set by the therapist" -- awk -v h="Steps" "$part" "$T/r.txt"
"$hep" report --from 2026-11-03 --to 2026-11-04 --format json >"$T/r.json"
python3 -c "import json,sys; x=json.load(open('$T/r.json'))['exercises'][0]; sys.exit(not (x['ready'] == {'step': 2, 'back': False, 'since': '2026-11-04', 'why': '4 sessions with pain ≤ 2'} and x['steps'] == [{'step': 1, 'since': None, 'why': 'set by the therapist'}]))" &&
	ok ask_mode_json_ready || bad ask_mode_json_ready "$(cat "$T/r.json")"
finish
