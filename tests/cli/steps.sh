#!/usr/bin/env bash
# Earned steps of SPEC 2.2 through the commands: the file's keys, the
# therapist's lever (step = N) setting the step in force from its
# version's day, `hep today` naming the step and the day it began,
# `history` naming an earned step by its criteria and telling changes of
# advance, back_off and step.
#
#   bash tests/cli/steps.sh HEP SRC      (SRC = tests)
source "$(dirname "$0")/lib.sh"

rx() { # rx LEVER: the prescription with that `step = N` (or none)
	cat <<CFG
version = 1;
program: { title = "Achilles"; start = "2026-11-02"; advance = "auto"; };
exercises = (
  { id = "heel-drop"; name = "Heel drop"; sets = 3; reps = 15; per_day = 2;
    load = "body weight";
    steps = ( { when = { sessions = 6; pain_at_most = 2; }; load = "+5 kg backpack"; },
              { when = { sessions = 6; pain_at_most = 2; not_before = "week 6"; };
                load = "+10 kg backpack"; per_day = 1; } );
    back_off = { pain_above = 5; sessions = 2; }; $1 }
);
CFG
}
rx "" >"$T/a.cfg"
rx "step = 2;" >"$T/b.cfg"
rx "step = 1; advance = \"therapist\";" >"$T/c.cfg"
export HEP_DB=$T/hep.db

expect check_earned 0 --out "$T/a.cfg: ok, 1 exercise" -- "$hep" check --config "$T/a.cfg"
expect today_step_0 0 --out "Achilles, Wed 2026-11-04, day 3 (open)
[ ] Heel drop  heel-drop  3 × 15, body weight             0/2" -- \
	env HEP_NOW=2026-11-04T08:00 "$hep" today --config "$T/a.cfg"
# The lever from 6 Nov: step 2 (its per_day 1), since the day it began.
expect today_lever 0 --out "Achilles, Fri 2026-11-06, day 5 (open)
Prescription changed: Heel drop step none → 2; from today
[ ] Heel drop  heel-drop  3 × 15, +10 kg backpack         0/1    step 2 of 2, since 6 Nov" -- \
	env HEP_NOW=2026-11-06T08:00 "$hep" today --config "$T/b.cfg"
HEP_NOW=2026-11-06T08:00 "$hep" today --json --config "$T/b.cfg" >"$T/t.json"
python3 - "$T/t.json" <<'PY' && ok today_json_lever || bad today_json_lever "$(cat "$T/t.json")"
import json, sys
i = json.load(open(sys.argv[1]))["items"][0]
sys.exit(not (i["step"] == 2 and i["due"] == 1 and i["load"] == "+10 kg backpack"))
PY
# The day before the lever keeps step 0: a day is never judged anew.
HEP_NOW=2026-11-06T08:00 "$hep" today --json --date 2026-11-05 --config "$T/b.cfg" >"$T/t.json"
python3 - "$T/t.json" <<'PY' && ok lever_not_before_its_day || bad lever_not_before_its_day "$(cat "$T/t.json")"
import json, sys
i = json.load(open(sys.argv[1]))["items"][0]
sys.exit(not (i["step"] == 0 and i["due"] == 2))
PY
expect today_lever_changed 0 --out "Achilles, Mon 2026-11-09, day 8 (open)
Prescription changed: Heel drop advance auto → therapist; Heel drop step 2 → 1; from today
[ ] Heel drop  heel-drop  3 × 15, +5 kg backpack          0/2    step 1 of 2, since 9 Nov" -- \
	env HEP_NOW=2026-11-09T08:00 "$hep" today --config "$T/c.cfg"
expect history_earned 0 --out "The prescription has had 3 versions.

2026-11-04  the first prescription (it also rules every earlier day):
  Heel drop (heel-drop): 3 × 15, body weight, 2/day
    step 1 when 6 sessions with pain ≤ 2: 3 × 15, +5 kg backpack, 2/day
    step 2 when 6 sessions with pain ≤ 2, not before 2026-12-07: 3 × 15, +10 kg backpack, 1/day

2026-11-06  changed:
  heel-drop: step (none) → 2

2026-11-09  changed:
  heel-drop: advance auto → therapist
  heel-drop: step 2 → 1" -- env HEP_NOW=2026-11-09T08:00 "$hep" history --config "$T/c.cfg"
finish
