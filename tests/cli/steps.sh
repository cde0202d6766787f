#!/usr/bin/env bash
# Earned steps of SPEC 2.2 through the commands: the file's keys, the
# therapist's lever (step = N) setting the step in force from its
# version's day, `hep today` naming the step and the day it began,
# `history` naming an earned step by its criteria and telling changes of
# advance, back_off and step.
#
#   bash tests/cli/steps.sh HEP SRC      (SRC = tests)
source "$(dirname "$0")/lib.sh"

rx() { # rx LEVER [MORE [PROGRAM]]: the prescription with that `step = N`
	# (or none) and other keys of heel-drop, then MORE exercises, and
	# PROGRAM keys more
	cat <<CFG
version = 1;
program: { title = "Achilles"; start = "2026-11-02"; advance = "auto"; ${3-} };
exercises = (
  { id = "heel-drop"; name = "Heel drop"; sets = 3; reps = 15; per_day = 2;
    load = "body weight";
    steps = ( { when = { sessions = 6; pain_at_most = 2; }; load = "+5 kg backpack"; },
              { when = { sessions = 6; pain_at_most = 2; not_before = "week 6"; };
                load = "+10 kg backpack"; per_day = 1; } );
    back_off = { pain_above = 5; sessions = 2; }; $1 }${2-}
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
# ---- readiness (SPEC 2.2 point 5): on today, by what the record holds ----
# (advance "ask": an "auto" step would be taken as soon as it is ready)
rx 'advance = "ask";' >"$T/r.cfg"
export HEP_CONFIG=$T/r.cfg HEP_DB=$T/r.db
# Six sessions over four days: one unrated (passed over), one a third of
# a day beyond per_day 2 (not counted), one with pain 3.
rec() { HEP_NOW=$1 "$hep" done heel-drop "${@:2}" >/dev/null || bad "done $*" "refused"; }
rec 2026-11-03T09:00 --pain 1
rec 2026-11-03T18:00 --pain 2
rec 2026-11-04T09:00
rec 2026-11-04T18:00 --pain 3
rec 2026-11-05T09:00 --pain 0
rec 2026-11-05T18:00 --pain 1
readiness() { # readiness NAME NOW PYTHON: today --json's item, i
	HEP_NOW=$2 "$hep" today --json >"$T/t.json"
	python3 -c "import json,sys; i=json.load(open('$T/t.json'))['items'][0]; sys.exit(not ($3))" &&
		ok "$1" || bad "$1" "$(cat "$T/t.json")"
}
readiness not_ready_with_pain_3 2026-11-05T20:00 'i["ready"] is None and i["progress"] is None and i["step"] == 0'
rec 2026-11-06T09:00 --pain 2
rec 2026-11-06T18:00 --pain 2 --pain-before 1
rec 2026-11-07T09:00 --pain 2
readiness still_not_ready_pain_3_among_latest_six 2026-11-07T12:00 'i["ready"] is None'
rec 2026-11-07T18:00 --pain 1
readiness ready_after_six_within_limit 2026-11-07T20:00 \
	'i["ready"] == {"step": 1, "back": False, "why": "6 sessions with pain ≤ 2"}'
expect today_says_ready 0 --out "Achilles, Sat 2026-11-07, day 6 (done)
Streak: 5 days in a row (longest 5)
[x] Heel drop  heel-drop  3 × 15, body weight             2/2
    ▲ ready: +5 kg backpack, 6 sessions with pain ≤ 2" -- env HEP_NOW=2026-11-07T20:00 "$hep" today
expect today_says_ready_ascii 0 --out "Achilles, Sat 2026-11-07, day 6 (done)
Streak: 5 days in a row (longest 5)
[x] Heel drop  heel-drop  3 x 15, body weight             2/2
    ^ ready: +5 kg backpack, 6 sessions with pain <= 2" -- env LC_ALL=C HEP_NOW=2026-11-07T20:00 "$hep" today
# A pain before above the limit counts against.
rec 2026-11-08T09:00 --pain 1 --pain-before 4
readiness pain_before_counts_against 2026-11-08T20:00 'i["ready"] is None'
# At step 1 (the lever), two sessions with pain above 5: a step back.
rx 'step = 1; advance = "ask";' >"$T/r.cfg"
rec 2026-11-09T09:00 --pain 6
rec 2026-11-09T18:00 --pain 2 --pain-before 7
readiness back_off_suggested 2026-11-09T20:00 \
	'i["step"] == 1 and i["progress"] == {"since": "2026-11-09", "earned": "6 sessions with pain ≤ 2"} and i["ready"] == {"step": 0, "back": True, "why": "2 sessions with pain above 5"}'
expect today_says_step_back 0 --out "Achilles, Mon 2026-11-09, day 8 (done)
Streak: 1 day in a row (longest 5)
Prescription changed: Heel drop step none → 1; from today
[x] Heel drop  heel-drop  3 × 15, +5 kg backpack          2/2    step 1 of 2, since 9 Nov
    ▼ step back suggested: body weight, 2 sessions with pain above 5" -- env HEP_NOW=2026-11-09T20:00 "$hep" today
# therapist: no ▲ for the patient (the report tells the therapist).
rx 'advance = "therapist";' >"$T/r.cfg"
HEP_DB=$T/t.db HEP_NOW=2026-11-03T08:00 "$hep" today >/dev/null
for d in 03 04 05; do for h in 09 18; do
	HEP_DB=$T/t.db rec 2026-11-${d}T$h:00 --pain 1
done; done
HEP_DB=$T/t.db HEP_NOW=2026-11-05T20:00 "$hep" today --json >"$T/t.json"
grep -q '"ready": null' "$T/t.json" && ok therapist_mode_not_ready_for_patient || bad therapist_mode_not_ready_for_patient "$(cat "$T/t.json")"
# ---- hep advance (SPEC 2.2 points 2, 4, 10): the advance entry ----------
rx 'advance = "ask";' ',
  { id = "walk"; name = "Walk"; duration = "20 min"; days = ["mon", "wed", "fri"]; },
  { id = "calf"; name = "Calf stretch"; sets = 1; reps = 3; }' 'end = "2026-11-30";' >"$T/adv.cfg"
export HEP_CONFIG=$T/adv.cfg HEP_DB=$T/adv.db
rec 2026-11-03T09:00 --pain 3
rec 2026-11-03T18:00 --pain 2
rec 2026-11-04T09:00
rec 2026-11-04T18:00 --pain 1
export HEP_NOW=2026-11-05T08:00
expect advance_not_ready 1 --err "hep: Heel drop is not ready for step 1: 3 of 6 sessions so far; 1 had pain 3, above 2" -- "$hep" advance heel-drop
expect advance_no_steps 1 --err "hep: Calf stretch has no earned steps: its dose changes only with the prescription" -- "$hep" advance calf
expect advance_not_today 1 --err "hep: \"walk\" is not on the list for 2026-11-05" -- "$hep" advance walk
expect advance_back_at_first 1 --err "hep: Heel drop is at its first dose: there is no step to step back to" -- "$hep" advance heel-drop --back
expect advance_today_only 1 --err "hep: a step is taken for today only, not with --date" -- "$hep" advance heel-drop --date 2026-11-04
expect advance_usage 2 --err "hep: 'advance' needs an exercise id
Try 'hep --help' for more information." -- "$hep" advance
expect advance_after_end 1 --err "hep: the program has ended: there is no step to take; ask your therapist for the next program" -- env HEP_NOW=2026-12-01T08:00 "$hep" advance heel-drop
for t in 05T09 05T18 06T09 06T18; do rec 2026-11-$t:00 --pain 1; done
# Ready with sessions recorded today: from tomorrow; today keeps its dose.
export HEP_NOW=2026-11-06T19:00
expect advance_accepted 0 --out "Heel drop: from tomorrow, +5 kg backpack (step 1 of 2)" -- "$hep" advance heel-drop
expect advance_taken_already 1 --err "hep: Heel drop: step 1 is taken already, from tomorrow (undo takes it back)" -- "$hep" advance heel-drop
expect advance_today_keeps_dose 0 --out "Achilles, Fri 2026-11-06, day 5 (open)
[x] Heel drop     heel-drop  3 × 15, body weight             2/2
[ ] Walk          walk       20 min                          0/1
[ ] Calf stretch  calf       1 × 3                           0/1" -- "$hep" today
expect advance_log 0 --out "    9  2026-11-06 19:00  for 2026-11-06  heel-drop  advance to step 1 from 2026-11-07: \"6 sessions with pain ≤ 2\"" -- sh -c "'$hep' log | tail -1"
expect advance_undo 0 --out "Heel drop: the advance to step 1 taken back for 2026-11-06 (redo brings it back)" -- "$hep" undo heel-drop
readiness advance_undone_ready_again 2026-11-06T19:00 'i["ready"] == {"step": 1, "back": False, "why": "6 sessions with pain ≤ 2"}'
expect advance_redo 0 --out "Heel drop: the advance to step 1 brought back for 2026-11-06" -- "$hep" redo heel-drop
expect advance_in_force 0 --out "Achilles, Sat 2026-11-07, day 6 (open)
[ ] Heel drop     heel-drop  3 × 15, +5 kg backpack          0/2    step 1 of 2, since 7 Nov
[ ] Calf stretch  calf       1 × 3                           0/1" -- env HEP_NOW=2026-11-07T08:00 "$hep" today
"$hep" log --json >"$T/log.json"
python3 - "$T/log.json" <<'PY' && ok advance_log_json || bad advance_log_json "$(tail -3 "$T/log.json")"
import json, sys
a = [e for e in json.load(open(sys.argv[1]))["entries"] if e["kind"] == "advance"]
sys.exit(not (len(a) == 1 and a[0]["step"] == 1 and a[0]["back"] is False and
              a[0]["effective"] == "2026-11-07" and a[0]["status"] == "standing" and
              a[0]["note"] == "6 sessions with pain ≤ 2"))
PY
# Nothing recorded today: a step back takes effect today, to the own dose.
export HEP_NOW=2026-11-07T08:00
expect advance_back_from_today 0 --out "Heel drop: from today, body weight (its first dose)" -- "$hep" advance heel-drop --back
readiness advance_back_in_force 2026-11-07T08:10 'i["step"] == 0 and i["load"] == "body weight" and i["ready"] is None'
# The back-up keeps the advance entries: a round trip, an import into a
# new file, the step in force the same there.
"$hep" export >"$T/adv1.json"
HEP_DB=$T/adv2.db "$hep" import "$T/adv1.json" >/dev/null
HEP_DB=$T/adv2.db "$hep" export >"$T/adv2.json"
cmp -s "$T/adv1.json" "$T/adv2.json" && ok advance_backup_round_trip || bad advance_backup_round_trip "$(diff "$T/adv1.json" "$T/adv2.json" | head -6)"
expect advance_imported_in_force 0 --out "Achilles, Sat 2026-11-07, day 6 (open)
[ ] Heel drop     heel-drop  3 × 15, body weight             0/2
[ ] Calf stretch  calf       1 × 3                           0/1" -- env HEP_DB="$T/adv2.db" "$hep" today
# Imported again: merged by id, nothing added.
expect advance_import_merges 0 -- env HEP_DB="$T/adv2.db" "$hep" import "$T/adv1.json"
[[ $(sqlite3 "$T/adv2.db" "SELECT count(*) FROM entry WHERE kind = 'advance'") == 2 ]] && ok advance_import_by_id || bad advance_import_by_id "$(sqlite3 "$T/adv2.db" "SELECT count(*) FROM entry WHERE kind = 'advance'")"
# An advance entry missing its step is refused, with its line.
python3 - "$T/adv1.json" "$T/bad.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
for e in b["diary"] if "diary" in b else b["entries"]:
    if e["kind"] == "advance":
        del e["step"]
        break
json.dump(b, open(sys.argv[2], "w"), indent=1)
PY
HEP_DB=$T/adv3.db "$hep" import "$T/bad.json" >/dev/null 2>"$T/bad.err"
[[ $? == 1 ]] && grep -q "an advance's step must be a number from 0 to 20" "$T/bad.err" && ok advance_import_checked || bad advance_import_checked "$(cat "$T/bad.err")"
# The last step; "therapist" forward, but a step back is always allowed.
rx 'step = 2; advance = "ask";' >"$T/last.cfg"
expect advance_at_last 1 --err "hep: Heel drop is at its last step (2 of 2)" -- env HEP_CONFIG="$T/last.cfg" HEP_DB="$T/last.db" "$hep" advance heel-drop
rx 'step = 1; advance = "therapist";' >"$T/th.cfg"
expect advance_therapist 1 --err "hep: Heel drop's next step is your therapist's to give (advance = \"therapist\"): ask at your next visit" -- env HEP_CONFIG="$T/th.cfg" HEP_DB="$T/th.db" "$hep" advance heel-drop
expect advance_therapist_back 0 --out "Heel drop: from today, body weight (its first dose)" -- env HEP_CONFIG="$T/th.cfg" HEP_DB="$T/th.db" "$hep" advance heel-drop --back
# ---- auto (SPEC 2.2 point 3): the write that completes the criteria -----
rx "" >"$T/auto.cfg"
export HEP_CONFIG=$T/auto.cfg HEP_DB=$T/auto.db
for d in 03 04; do for h in 09 18; do rec 2026-11-${d}T$h:00 --pain 1; done; done
rec 2026-11-05T09:00 --pain 1
HEP_NOW=2026-11-05T12:00 "$hep" today >/dev/null # a read takes no step
expect auto_after_done 0 --out "Heel drop: session 2 of 2 recorded for 2026-11-05
From tomorrow: +5 kg backpack (step 1 of 2), earned by 6 sessions with pain ≤ 2" -- env HEP_NOW=2026-11-05T18:00 "$hep" done heel-drop --pain 1
expect auto_undone 0 --out "Heel drop: the advance to step 1 taken back for 2026-11-05 (redo brings it back)" -- env HEP_NOW=2026-11-05T18:10 "$hep" undo heel-drop
# Not made again by another write, until a new session of it.
expect auto_not_again 0 --out "Heel drop: session 2 of 2026-11-05 corrected: pain 1 → 0" -- env HEP_NOW=2026-11-05T18:20 "$hep" edit heel-drop --pain 0
expect auto_after_new_session 0 --out "Heel drop: session 1 of 2 recorded for 2026-11-06
From tomorrow: +5 kg backpack (step 1 of 2), earned by 6 sessions with pain ≤ 2" -- env HEP_NOW=2026-11-06T09:00 "$hep" done heel-drop --pain 0
# The lever in the very first prescription rules every earlier day (its
# snapshot does), also when the history is read from a streak mark on:
# the step of a day before it was stored is the lever's, not step 0.
cat >"$T/first.cfg" <<'CFG'
version = 1;
program: { title = "Lever"; start = "2026-11-02"; };
exercises = ( { id = "a"; name = "A"; reps = 10;
  steps = ( { when = { sessions = 3; }; reps = 12; } ); step = 1; } );
CFG
for now in 2026-11-16T08:00 2026-11-30T08:00; do
	HEP_NOW=$now "$hep" done a --config "$T/first.cfg" --db "$T/first.db" >/dev/null
done
HEP_NOW=2026-12-01T08:00 "$hep" today --config "$T/first.cfg" --db "$T/first.db" >/dev/null # walks, marks
[[ -n $(sqlite3 "$T/first.db" 'SELECT day FROM streak_mark LIMIT 1') ]] || bad lever_first_has_a_mark
got=$(HEP_NOW=2026-12-01T08:01 "$hep" today --json --date 2026-11-05 --config "$T/first.cfg" --db "$T/first.db" |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["step"])')
[[ $got == 1 ]] && ok lever_first_rules_earlier_days || bad lever_first_rules_earlier_days "step $got on 2026-11-05, want 1"

finish
