#!/usr/bin/env bash
# A JSON back-up's prescriptions are checked exactly as the prescription
# file is (SPEC 6.2): each hostile back-up below breaks one rule of
# SPEC 2 and 2.1; `hep import` refuses the whole file with FILE:LINE: and
# the file's own message, the line of the offending value or object, exits
# 1 and writes nothing. Every bundled example still makes the round trip:
# export --format json, import into an empty file, export again, the same
# bytes.
#
#   bash tests/cli/backup_rx.sh HEP SRC      (SRC = tests)
source "$(dirname "$0")/lib.sh"

cat >"$T/rx.cfg" <<'CFG'
version = 1;
program: { title = "Achilles, 12 weeks"; start = "2026-11-02";
  measures = ( { id = "knee-bend"; name = "Knee bend"; unit = "°"; min = 0;
                 max = 160; every = "week"; goal = 120.5; } );
  psfs = ["Climbing the stairs at home", "Walking 1 km"]; };
exercises = (
  { id = "heel-drop"; name = "Heel drop"; sets = 3; reps = 15; tempo = "3-0-1";
    side = "right"; per_day = 2; load = "body weight"; until = "week 12";
    steps = ( { from = "week 3"; load = "+5 kg backpack"; },
              { from = "week 7"; load = "+10 kg backpack"; reps = [12, 15]; } ); },
  { id = "walk"; name = "Walk"; duration = "10 min"; per_week = 3;
    steps = ( { from = "week 3"; duration = "20 min"; per_week = 4; } ); },
  { id = "neck-nod"; name = "Neck nods"; reps = 10; hold = 10; pause = "10 s";
    at = ["morning", "evening"]; pain_limit = 3; link = "https://example.org/nod"; },
  { id = "heel-raise"; name = "Heel raise"; sets = 3; reps = 12; every = 2;
    from = "2026-11-04"; steps = ( { from = "week 3"; every = 3; } ); },
  { id = "press-up"; name = "Press-ups"; reps = 10; as_needed = true; per_day = 2; },
  { id = "lunge"; name = "Lunge"; reps = 8; advance = "therapist"; step = 1;
    steps = ( { when = { sessions = 6; pain_at_most = 2; }; reps = 10; },
              { when = { sessions = 4; effort_at_most = 6; not_before = "week 6"; }; reps = 12; } );
    back_off = { pain_above = 5; sessions = 2; }; }
);
CFG
export HEP_CONFIG=$T/rx.cfg HEP_NOW=2026-11-20T08:00
"$hep" done heel-drop --db "$T/a.db" --pain 3 >/dev/null
"$hep" measure knee-bend 95.5 --db "$T/a.db" >/dev/null
"$hep" export --format json --db "$T/a.db" >"$T/a.json" || bad export_base "$(head -c 300 "$T/a.json")"

# The base back-up is good: it imports, and round-trips.
expect import_base 0 -- "$hep" import "$T/a.json" --db "$T/b.db"
"$hep" export --format json --db "$T/b.db" >"$T/b.json"
cmp -s "$T/a.json" "$T/b.json" && ok base_round_trip || bad base_round_trip "$(diff "$T/a.json" "$T/b.json" | head -5)"

# The data file a refused import must leave as it was: each case imports
# into a copy of it.
"$hep" today --db "$T/empty.db" >/dev/null
sqlite3 "$T/empty.db" .dump >"$T/empty.dump"
state() { sqlite3 "$T/case.db" .dump; }

# hostile NAME PYTHON NEEDLE MESSAGE: the back-up changed by PYTHON (b: the
# back-up; p: the newest prescription's exercises by id; raw: (old, new)
# pairs replaced once in the text written) is written one key a line;
# import must refuse it with exactly "bad.json:LINE: MESSAGE" and nothing
# else, LINE being the line of NEEDLE (NEEDLE#N: its N-th occurrence;
# ^NEEDLE: the line before it; FIRST in MESSAGE stands for the line of its
# first), and leave the data file as it was.
hostile() {
	local name=$1 expr=$2 needle=$3 msg=$4 lines
	lines=$(python3 - "$T/a.json" "$T/bad.json" "$expr" "$needle" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
p = {e["id"]: e for e in b["prescriptions"][-1]["exercises"]}
raw = []
exec(sys.argv[3])
text = json.dumps(b, ensure_ascii=False, indent=1)
for old, new in raw:
    assert old in text, old
    text = text.replace(old, new, 1)
open(sys.argv[2], "w").write(text)
needle, _, nth = sys.argv[4].partition("#")
before = needle.startswith("^")  # the line before it: its object's "{"
needle = needle[before:]
at, first = -1, None
for _ in range(int(nth or 1)):
    at = text.index(needle, at + 1)
    first = first or text[:at].count("\n") + 1
print(text[:at].count("\n") + 1 - before, first)
PY
	) || { bad "import_refuses_$name" "the hostile back-up could not be made"; return; }
	local line=${lines% *} first=${lines#* }
	cp "$T/empty.db" "$T/case.db"
	expect "import_refuses_$name" 1 --err "$T/bad.json:$line: ${msg//FIRST/$first}" -- \
		"$hep" import "$T/bad.json" --db "$T/case.db"
	state | cmp -s - "$T/empty.dump" && ok "import_${name}_writes_nothing" ||
		bad "import_${name}_writes_nothing" "$(state | diff "$T/empty.dump" - | head -5)"
}

# ---- widths and texts ----------------------------------------------------
hostile name_150_columns 'p["neck-nod"]["name"] = "x" * 150' '"name": "xxx' \
	"'name' is 150 columns wide; at most 64"
hostile name_empty 'p["press-up"]["name"] = ""' '"name": ""' "'name' is empty"
hostile control_in_name 'p["neck-nod"]["name"] = "Neck\u001b[2J nods"' '"name": "Neck' \
	"'name' holds a control character"
hostile c1_control_in_load 'p["neck-nod"]["load"] = "red\u009b31m band"' '"load": "red' \
	"'load' holds a control character"
hostile load_41_columns 'p["neck-nod"]["load"] = "y" * 41' '"load": "yyy' \
	"'load' is 41 columns wide; at most 40"
hostile control_in_notes 'p["neck-nod"]["notes"] = "Slow.\u001b]0;pwned\u0007"' '"notes": "Slow' \
	"'notes' holds a control character"
hostile link_not_https 'p["neck-nod"]["link"] = "http://example.org/nod"' '"link": "http:' \
	"'link' must be an https:// address (at most 512 characters, no spaces), not \"http://example.org/nod\""
hostile link_with_space 'p["neck-nod"]["link"] = "https://example.org/a b"' '"link": "https://example.org/a' \
	"'link' must be an https:// address (at most 512 characters, no spaces), not \"https://example.org/a b\""

# ---- normal forms --------------------------------------------------------
hostile tempo_03_0_1 'p["heel-drop"]["tempo"] = "03-0-1"' '"tempo": "03-0-1"' \
	"'tempo' must be written \"3-0-1\", not \"03-0-1\""
hostile step_tempo_3_00_1 'p["heel-drop"]["steps"][1]["tempo"] = "3-00-1"' '"tempo": "3-00-1"' \
	"'tempo' must be written \"3-0-1\", not \"3-00-1\""
hostile tempo_all_zero 'p["heel-drop"]["tempo"] = "0-0-0"' '"tempo": "0-0-0"' \
	"'tempo' must be \"DOWN-PAUSE-UP\" in seconds, each 0 to 10 and not all 0 (\"3-0-1\"), not \"0-0-0\""
hostile relative_from 'p["neck-nod"]["from"] = "week 2"' '"from": "week 2"' \
	"'from' must be a date (YYYY-MM-DD), not \"week 2\""
hostile step_label_not_its_from 'p["heel-drop"]["steps"][0]["step_label"] = "tomorrow"' '"step_label": "tomorrow"' \
	"step 1's 'step_label' must be its 'from' as written (2026-11-16, \"day N\" or \"week N\"), not \"tomorrow\""
hostile step_label_other_date 'p["heel-drop"]["steps"][0]["step_label"] = "2026-11-17"' '"step_label": "2026-11-17"' \
	"step 1's 'step_label' must be its 'from' as written (2026-11-16, \"day N\" or \"week N\"), not \"2026-11-17\""

# ---- ranges --------------------------------------------------------------
hostile hold_above_1_h 'p["neck-nod"]["hold"] = 3601' '"hold": 3601' \
	"'hold' must be from 1 s to 1 h, not 1 h 1 s"
hostile pain_limit_11 'p["neck-nod"]["pain_limit"] = 11' '"pain_limit": 11' \
	"'pain_limit' must be a whole number from 0 to 10, not 11"
hostile range_not_rising 'p["heel-drop"]["steps"][1]["reps"] = [15, 12]' '"reps": [' \
	"'reps' as a range must be [MIN, MAX] with MIN below MAX"
hostile side_up 'p["heel-drop"]["side"] = "up"' '"side": "up"' \
	"'side' must be \"left\", \"right\", \"both\" or \"alternate\", not \"up\""

# ---- earned steps (SPEC 2.2) ----------------------------------------------
# The base carries them through the round trip above; each key as the file.
grep -q '"when": {"sessions": 4, "pain_at_most": null, "effort_at_most": 6, "not_before": "2026-12-07", "not_before_label": "week 6"}' "$T/b.json" &&
	grep -q '"advance": "therapist", "back_off": {"pain_above": 5, "sessions": 2}, "step": 1, "steps": \[{"step_from": null' "$T/b.json" &&
	ok earned_steps_exported || bad earned_steps_exported "$(grep -o '"advance.\{200\}' "$T/b.json")"
hostile when_sessions_0 'p["lunge"]["steps"][0]["when"]["sessions"] = 0' '"sessions": 0' \
	"'sessions' must be a whole number from 1 to 100, not 0"
hostile when_without_sessions 'del p["lunge"]["steps"][0]["when"]["sessions"]' '^"pain_at_most": 2' \
	"'when' of step 1 needs 'sessions' (1 to 100)"
hostile when_and_from 'p["lunge"]["steps"][0]["step_from"] = "2026-11-17"' '"step_from": "2026-11-17"' \
	"step 1 has both 'step_from' and 'when': a step is dated or earned, not both"
hostile dated_after_earned 'p["lunge"]["steps"][1]["when"] = None; p["lunge"]["steps"][1]["step_from"] = "2026-11-30"' \
	'^"step_from": "2026-11-30"' \
	"step 2 is dated but step 1 is earned: the steps of an exercise are all dated ('from') or all earned ('when')"
hostile advance_later 'p["lunge"]["advance"] = "later"' '"advance": "later"' \
	"'advance' must be \"ask\", \"auto\" or \"therapist\", not \"later\""
hostile advance_without_earned_steps 'p["walk"]["advance"] = "ask"' '"advance": "ask"' \
	"'advance' needs earned steps (steps with 'when')"
hostile back_off_pain_10 'p["lunge"]["back_off"]["pain_above"] = 10' '"pain_above": 10' \
	"'pain_above' must be a whole number from 0 to 9, not 10"
hostile step_beyond_steps 'p["lunge"]["step"] = 3' '"step": 3' \
	"'step' must be 0 to 2 (its steps), not 3"
hostile not_before_after_until 'p["heel-drop"]["steps"][0]["step_from"] = None; p["heel-drop"]["steps"][0]["when"] = {"sessions": 2, "not_before": "2027-03-01"}; p["heel-drop"]["steps"][1]["step_from"] = None; p["heel-drop"]["steps"][1]["step_label"] = None; p["heel-drop"]["steps"][1]["when"] = {"sessions": 2}; p["heel-drop"]["advance"] = "ask"' \
	'"not_before": "2027-03-01"' \
	"step 1's 'not_before' (2027-03-01) is after the exercise's 'until' (2027-01-24): it could never be earned"

# ---- lists ---------------------------------------------------------------
hostile days_unknown 'p["neck-nod"]["days"] = ["mon", "someday"]' '"someday"' \
	"unknown weekday \"someday\" in 'days' (use mon, tue, wed, thu, fri, sat, sun)"
hostile days_twice 'p["heel-drop"]["days"] = ["fri", "fri"]' '"fri"#2' \
	"'days' lists \"fri\" twice"
hostile days_empty 'p["neck-nod"]["days"] = []' '"days": []' "'days' is empty"
hostile label_17_columns 'p["neck-nod"]["at"] = ["morning", "after the evening"]' '"after the evening"' \
	"a label in 'at' must be 1 to 16 columns wide, not \"after the evening\""
hostile label_twice 'p["neck-nod"]["at"] = ["morning", "morning"]' '"morning"#2' \
	"'at' names \"morning\" twice"

# ---- what a range cannot say ---------------------------------------------
hostile per_week_with_days 'p["walk"]["days"] = ["mon", "wed"]' '"per_week": 3' \
	"'days' cannot be combined with 'per_week' (flexible days)"
hostile duration_with_reps 'p["heel-drop"]["duration"] = 600' '"duration": 600' \
	"'duration' cannot be combined with 'reps' (a timed exercise has no reps)"
hostile as_needed_with_days 'p["press-up"]["days"] = ["mon"]' '"as_needed": true' \
	"'as_needed' cannot be combined with 'days' (never due)"
hostile until_before_from 'p["neck-nod"]["from"] = "2026-11-10"; p["neck-nod"]["until"] = "2026-11-05"' '"until": "2026-11-05"' \
	"'until' (2026-11-05) is before 'from' (2026-11-10)"
hostile at_more_than_per_day 'p["neck-nod"]["at"] = ["morning", "noon", "evening"]' '"at": [' \
	"'per_day' is 2 but 'at' names 3 sessions"
hostile every_without_anchor 'p["neck-nod"]["every"] = 2' '"every": 2' \
	"'every' counts from 'from' or the program's 'start': set one of them"
hostile anchor_not_from 'p["heel-raise"]["anchor"] = "2026-11-05"' '"anchor": "2026-11-05"' \
	"'anchor' must be 2026-11-04, the exercise's 'from', not 2026-11-05"
hostile anchor_without_every 'p["neck-nod"]["anchor"] = "2026-11-04"' '"anchor": "2026-11-04"' \
	"'anchor' is given without 'every'"

# ---- steps ---------------------------------------------------------------
hostile step_out_of_order 'p["heel-drop"]["steps"][1].update(step_from="2026-11-10", step_label="2026-11-10")' \
	'"step_from": "2026-11-10"' \
	"step 2's 'from' (2026-11-10) must be later than step 1's (2026-11-16)"
hostile step_before_exercise 'p["heel-raise"]["steps"][0].update(step_from="2026-11-03", step_label="2026-11-03", anchor="2026-11-03")' \
	'"step_from": "2026-11-03"' \
	"step 1's 'from' (2026-11-03) must be later than the exercise's 'from' (2026-11-04)"
hostile step_after_until 'p["heel-drop"]["steps"][1].update(step_from="2027-02-01", step_label="2027-02-01")' \
	'"step_from": "2027-02-01"' \
	"step 2's 'from' (2027-02-01) is after the exercise's 'until' (2027-01-24)"
hostile step_anchor 'p["heel-raise"]["steps"][0]["anchor"] = "2026-11-04"' '"anchor": "2026-11-04"#2' \
	"'anchor' must be 2026-11-16, the step's 'from', not 2026-11-04"
hostile step_renames 'p["heel-drop"]["steps"][0]["name"] = "Other"' '"name": "Other"' \
	"step 1's 'name' is not its exercise's: a step cannot give it"
hostile step_turns_per_week_fixed 'p["walk"]["steps"][0].update(per_week=None, every=2, anchor="2026-11-16")' '"every": 2' \
	"step 1 cannot turn a per-week exercise into a fixed-days one; give the new one its own id"
hostile step_other_id 'p["heel-drop"]["steps"][0]["id"] = "walk"' '"id": "walk"' \
	"step 1's 'id' must be its exercise's, \"heel-drop\""
hostile too_many_steps 'p["heel-drop"]["steps"] = [dict(p["heel-drop"]["steps"][0], step_from="2026-11-%02d" % (k + 3), step_label="2026-11-%02d" % (k + 3)) for k in range(21)]' \
	'"steps": [' "'steps' must hold 1 to 20 steps, not 21"
hostile no_steps 'p["heel-drop"]["steps"] = []' '"steps": []' "'steps' must hold 1 to 20 steps, not 0"

# ---- ids, keys and limits -------------------------------------------------
hostile two_exercises_one_id 'b["prescriptions"][-1]["exercises"][4]["id"] = "neck-nod"' '"id": "neck-nod"#2' \
	"duplicate id \"neck-nod\" (first on line FIRST)"
hostile id_not_an_id 'p["press-up"]["id"] = "Press Up"' '"id": "Press Up"' \
	"'id' must be 1 to 32 of a-z, 0-9 and '-', not \"Press Up\""
hostile unknown_key 'p["walk"]["colour"] = "red"' '"colour"' 'unknown key "colour" in exercise 2'
hostile key_twice 'raw = [("\"name\": \"Walk\",", "\"name\": \"Walk\", \"name\": \"Walk\",")]' '"name": "Walk"' \
	'"name" appears twice in one object'
hostile too_many_exercises 'b["prescriptions"][-1]["exercises"] = [dict(p["press-up"], id="p%d" % k) for k in range(201)]' \
	'"exercises": [' "'exercises' holds 201 exercises; at most 200"
hostile missing_sets 'del p["press-up"]["sets"]' '^"id": "press-up"' "exercise 5 needs a 'sets'"

# A step given to an as-needed exercise says what the file says of it.
python3 - "$T/a.json" "$T/an.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
e = b["prescriptions"][-1]["exercises"][4]
s = {k: v for k, v in e.items() if k != "steps"}
e["steps"] = [dict(s, step_from="2026-11-23", step_label="2026-11-23", at=["a", "b"])]
json.dump(b, open(sys.argv[2], "w"), indent=1)
PY
expect import_refuses_step_at_on_as_needed 1 --err-has "step 1 cannot give 'at' to an as-needed exercise" -- \
	"$hep" import "$T/an.json" --db "$T/case.db"

# ---- the file says the same ----------------------------------------------
# file_says NAME EXERCISE MESSAGE: a prescription file with that exercise
# (and quad-set before it) fails `hep check` with exactly MESSAGE, as the
# back-up above does.
file_says() {
	printf 'version = 1;\nprogram: { title = "T"; start = "2026-11-02"; };\nexercises = (\n  { id = "quad-set"; name = "Quad sets"; },\n  %s\n);\n' "$2" >"$T/f.cfg"
	"$hep" check --config "$T/f.cfg" >/dev/null 2>"$T/f.err"
	if [[ $(sed 's/^[^:]*:[0-9]*: //' "$T/f.err") == "$3" ]]; then ok "file_says_$1"; else bad "file_says_$1" "$(cat "$T/f.err")"; fi
}
file_says name_150_columns "{ id = \"n\"; name = \"$(printf 'x%.0s' {1..150})\"; }" "'name' is 150 columns wide; at most 64"
file_says control_in_name '{ id = "n"; name = "Neck\x1b[2J nods"; }' "'name' holds a control character"
file_says per_week_with_days '{ id = "n"; name = "N"; days = ["mon", "wed"]; per_week = 3; }' \
	"'days' cannot be combined with 'per_week' (flexible days)"
file_says until_before_from '{ id = "n"; name = "N"; from = "2026-11-10"; until = "2026-11-05"; }' \
	"'until' (2026-11-05) is before 'from' (2026-11-10)"
file_says at_more_than_per_day '{ id = "n"; name = "N"; per_day = 2; at = ["morning", "noon", "evening"]; }' \
	"'per_day' is 2 but 'at' names 3 sessions"
file_says link_not_https '{ id = "n"; name = "N"; link = "http://example.org/nod"; }' \
	"'link' must be an https:// address (at most 512 characters, no spaces), not \"http://example.org/nod\""
file_says step_out_of_order '{ id = "n"; name = "N"; steps = ( { from = "2026-11-16"; reps = 5; }, { from = "2026-11-10"; reps = 6; } ); }' \
	"step 2's 'from' (2026-11-10) must be later than step 1's (2026-11-16)"
file_says days_twice '{ id = "n"; name = "N"; days = ["fri", "fri"]; }' "'days' lists \"fri\" twice"
file_says label_twice '{ id = "n"; name = "N"; at = ["morning", "morning"]; }' "'at' names \"morning\" twice"
file_says two_exercises_one_id '{ id = "quad-set"; name = "N"; }' "duplicate id \"quad-set\" (first on line 4)"
file_says too_many_steps "{ id = \"n\"; name = \"N\"; steps = ( $(for k in $(seq 10 30); do printf '{ from = "2026-11-%02d"; reps = 5; }, ' "$k"; done | sed 's/, $//') ); }" \
	"'steps' must hold 1 to 20 steps, not 21"

# ---- every bundled example makes the round trip ----------------------------
# (each hep init --list names, and the sample hep init copies)
names=$("$hep" init --list | awk 'NF && !/^.hep init/ {print $1}')
[[ -n $names ]] || bad examples_listed "hep init --list listed nothing"
for name in $names prescription; do
	f=$src/../config/examples/$name.cfg
	[[ $name == prescription ]] && f=$src/../config/prescription.cfg
	[[ -f $f ]] || { bad "round_trip_$name" "no $f"; continue; }
	rm -f "$T/x.db" "$T/y.db"
	"$hep" export --format json --config "$f" --db "$T/x.db" >"$T/x.json" 2>"$T/err" ||
		{ bad "round_trip_$name" "export: $(cat "$T/err")"; continue; }
	"$hep" import "$T/x.json" --config "$f" --db "$T/y.db" >/dev/null 2>"$T/err" ||
		{ bad "round_trip_$name" "import: $(cat "$T/err")"; continue; }
	"$hep" export --format json --config "$f" --db "$T/y.db" >"$T/y.json"
	cmp -s "$T/x.json" "$T/y.json" && ok "round_trip_$name" ||
		bad "round_trip_$name" "$(diff "$T/x.json" "$T/y.json" | head -5)"
done
finish
