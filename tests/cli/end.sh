#!/usr/bin/env bash
# The end of a program (SPEC 2.2): program.end checked like a date; after
# it nothing is due, `hep today` gives the program's summary (text and
# JSON), `remind` says nothing and exits 0, a skip is refused, a session
# is still welcome, and the week draws the ended days with their glyph.
source "$(dirname "$0")/lib.sh"

cat >"$T/p.cfg" <<'CFG'
version = 1;
program: { title = "Short"; start = "2026-11-02"; end = "day 5";
  measures = ( { id = "bend"; name = "Knee bend"; unit = "deg"; min = 0;
                 max = 150; every = "day"; } ); };
exercises = ( { id = "sq"; name = "Squat"; reps = 10; } );
CFG
sed 's/end = "day 5"/end = "2026-11-01"/' "$T/p.cfg" >"$T/before.cfg"
sed 's/end = "day 5"/end = "month 2"/' "$T/p.cfg" >"$T/form.cfg"
export HEP_CONFIG=$T/p.cfg HEP_DB=$T/hep.db
at_plan 2026-11-02T09:00 done sq
at_plan 2026-11-03T09:00 done sq
at_plan 2026-11-03T09:00 measure bend 90
at_plan 2026-11-05T09:00 done sq
at_plan 2026-11-05T09:00 measure bend 110
at_run
export HEP_NOW=2026-11-07T09:00

expect check_end_before 1 --err-has "'end' (2026-11-01) is before the program's start (2026-11-02)" -- "$hep" --config "$T/before.cfg" check
expect check_end_form 1 --err-has "'end' must be" -- "$hep" --config "$T/form.cfg" check
expect today_ended 0 --out "Short, Sat 2026-11-07, day 6 (ended)
Streak: 0 days in a row (longest 2)
The program ended on 2026-11-06.
Short: 2026-11-02 to 2026-11-06, 1 week
Adherence: 60% (3 of 5 sessions)
Longest streak: 2 days in a row
Knee bend: 90 deg first, 110 deg latest
Ask your therapist for the next program." -- "$hep" today
expect today_ended_json 0 --out '{"date": "2026-11-07", "status": "ended",
 "items": [
  {"id": "sq", "name": "Squat", "due": 0, "done": 0, "skip": null, "sets": 1, "reps": 10, "hold": null, "rest": null, "side": null, "per_day": 1, "per_week": null, "week_done": null, "pause": null, "duration": null, "load": null, "tempo": null, "link": null, "at": null, "every": null, "as_needed": false, "effort": null, "step": null, "extra": 0, "skip_late": null, "sessions": []}],
 "streak": {"current": 0, "longest": 2},
 "summary": {"start": "2026-11-02", "end": "2026-11-06", "weeks": 1, "due": 5, "done": 3, "adherence": 0.600, "longest": 2, "measures": [{"id": "bend", "first": 90, "latest": 110}]}}' -- "$hep" today --json
expect remind_ended 0 --out "" -- "$hep" remind
expect remind_ended_quiet 0 --out "" -- "$hep" remind --quiet
expect skip_ended 1 --err-has "the program ended before 2026-11-07" -- "$hep" skip sq --reason rest
expect done_ended 0 --out "Squat: session 1 of 1 recorded for 2026-11-07" -- "$hep" done sq
expect week_ended 0 --out "Short, week of Mon 2026-11-02
          Mon  Tue  Wed  Thu  Fri  Sat  Sun  streak
Squat      ●    ●    ○    ●    ○    ●    –  0 days
The day    ●    ●    ○    ●    ○    ▫    ▫
Adherence: 60.0% (3 of 5 sessions so far)
Streak: 0 days in a row (longest 2)
● done  ◐ partial  ○ missed  ⊘ excused  ⊗ not excused  ◌ to do
– not due  · to come  ▫ ended" -- "$hep" week
# The report's default span: the four weeks ending on the program's end.
expect report_span 0 --out "Span: 2026-11-02 to 2026-11-06 (5 days, from the program's start)" -- \
	bash -c 'HEP_NOW=2026-11-20T09:00 "$1" report | sed -n 2p' _ "$hep"
# A later prescription with a later end carries on: the gap (7 and 8
# November) stays ended, never missed.
sed 's/end = "day 5"/end = "day 20"/' "$T/p.cfg" >"$T/later.cfg"
expect later_end 0 --out "Short, week of Mon 2026-11-02
          Mon  Tue  Wed  Thu  Fri  Sat  Sun  streak
Squat      ●    ●    ○    ●    ○    ●    ◌  0 days
The day    ●    ●    ○    ●    ○    ▫    ◌
Adherence: 60.0% (3 of 5 sessions so far)
Streak: 0 days in a row (longest 2)
● done  ◐ partial  ○ missed  ⊘ excused  ⊗ not excused  ◌ to do
– not due  · to come  ▫ ended" -- env HEP_NOW=2026-11-08T09:00 "$hep" --config "$T/later.cfg" week
expect later_end_json 0 --out '{"date": "2026-11-08", "status": "open",' -- \
	bash -c 'HEP_NOW=2026-11-08T09:00 "$1" --config "$2" today --json | head -1' _ "$hep" "$T/later.cfg"
# The end goes with its version into the back-up and back.
expect backup_end 0 --out '  {"from": "2026-11-02", "end": "2026-11-06", "exercises": [' -- \
	bash -c 'HEP_NOW=2026-11-08T09:00 "$1" export --json | grep -F "\"end\""' _ "$hep"
# Export, import into a new file, export again: the same bytes, end kept.
HEP_NOW=2026-11-08T09:00 "$hep" export --json >"$T/a.json"
HEP_NOW=2026-11-08T09:00 "$hep" import "$T/a.json" --db "$T/b.db" >/dev/null
HEP_NOW=2026-11-08T09:00 "$hep" export --json --db "$T/b.db" >"$T/b.json"
cmp -s "$T/a.json" "$T/b.json" && grep -qF '"end": "2026-11-06"' "$T/b.json" &&
	ok backup_round_trip || bad backup_round_trip "$(diff "$T/a.json" "$T/b.json" | head -5)"
# A back-up whose "end" is not a date is refused, nothing written.
sed 's/"end": "2026-11-06"/"end": "day 5"/' "$T/a.json" >"$T/bad.json"
expect backup_bad_end 1 --err-has '"end" must be a date as YYYY-MM-DD or null' -- \
	env HEP_NOW=2026-11-08T09:00 "$hep" import "$T/bad.json" --db "$T/c.db"
# A back-up whose version ends the program earlier would re-judge days
# already recorded: refused, nothing imported (SPEC 6.2).
python3 - "$T/a.json" "$T/short.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
p = dict(b["prescriptions"][0], **{"from": "2026-11-04", "end": "2026-11-04"})
b["prescriptions"].append(p)
json.dump(b, open(sys.argv[2], "w"))
PY
expect import_shorter_end 1 --err-has "(the program's end); nothing was imported" -- \
	env HEP_NOW=2026-11-08T09:00 "$hep" import "$T/short.json"
finish
