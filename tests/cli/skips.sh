#!/usr/bin/env bash
# Skips on the week and the day (issue 22): an excused skip (sick, pain,
# rest) and one that excuses nothing (travel, time, other) are two glyphs,
# each in the legend; a day whose every due exercise was skipped as sick
# reads as skipped (excused), not as a rest day or "not due"; one whose
# every due exercise was skipped for travel shows that skip, not "missed".
source "$(dirname "$0")/lib.sh"

export HEP_CONFIG=$src/data/spec.cfg HEP_DB=$T/hep.db
at_plan 2026-11-23T20:00 done quad-set
at_plan 2026-11-23T20:00 done quad-set
at_plan 2026-11-23T20:00 done slr
at_plan 2026-11-24T20:00 skip quad-set --reason travel
at_plan 2026-11-25T20:00 skip --all --reason sick
at_run
export HEP_NOW=2026-11-26T07:30

expect week_two_skips 0 --out "Knee rehab, phase 2, week of Mon 2026-11-23
                    Mon  Tue  Wed  Thu  Fri  Sat  Sun  streak
Quad sets            ●    ⊗    ⊘    ◌    ·    ·    ·  0 days
Straight leg raise   ●    –    ⊘    –    ·    –    –  1 day
Bridges              –    –    ⊘    ◌    ·    ·    ·  0 weeks, 0/3 this week
The day              ●    ⊗    ⊘    ◌    ·    ·    ·
Adherence: 60.0% (3 of 5 sessions so far)
Streak: 0 days in a row (longest 1)
● done  ◐ partial  ○ missed  ⊘ excused  ⊗ not excused  ◌ to do
– not due  · to come  ▫ ended" -- "$hep" week

# The all-sick day: skipped (excused) in words; the JSON keeps its status.
expect today_all_sick 0 --out "Knee rehab, phase 2, Wed 2026-11-25, day 24 (skipped, excused)
Streak: 0 days in a row (longest 1)
[-] Quad sets           quad-set  3 × 10, hold 5 s                0/2    skipped: sick (excused)
[-] Straight leg raise  slr       3 × 12, right side              0/1    skipped: sick (excused)
[-] Bridges             bridge    2 × 15, hold 3 s, rest 30 s     0/1    week 0/3, skipped: sick (excused)" -- "$hep" today --date 2026-11-25
"$hep" today --json --date 2026-11-25 >"$T/wed.json"
python3 - "$T/wed.json" <<'PY' && ok today_all_sick_json || bad today_all_sick_json "$(cat "$T/wed.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["status"] == "rest", d
assert [i["skip"] for i in d["items"]] == ["sick"] * 3, d
PY

# A day skipped for travel is missed: no excused mark on the day's row.
expect today_travel 0 --out "Knee rehab, phase 2, Tue 2026-11-24, day 23 (missed)
Streak: 0 days in a row (longest 1)
[!] Quad sets  quad-set  3 × 10, hold 5 s                0/2    skipped: travel (not excused)
[ ] Bridges    bridge    2 × 15, hold 3 s, rest 30 s     0/1    week 0/3" -- "$hep" today --date 2026-11-24
finish
