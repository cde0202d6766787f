#!/usr/bin/env bash
# Golden tests of the commands under a pinned clock: the SPEC section 4
# example, text output, every refusal and usage error with its exit status.
source "$(dirname "$0")/lib.sh"

export HEP_CONFIG=$src/data/spec.cfg HEP_DB=$T/spec.db HEP_NOW=2026-11-26T07:30
rows() { sqlite3 "$HEP_DB" "SELECT count(*) FROM session"; }

# ---- the log of SPEC section 4 -------------------------------------------
for d in $(seq 2 23); do
	date=$(printf '2026-11-%02d' "$d")
	"$hep" done quad-set --date "$date" >/dev/null && "$hep" done quad-set --date "$date" >/dev/null || echo "setup failed on $date"
	case $(date -d "$date" +%a) in Mon | Wed | Fri) "$hep" done slr --date "$date" >/dev/null || echo "slr failed on $date" ;; esac
done
for d in 16 18 20 23; do "$hep" done bridge --date "2026-11-$d" >/dev/null || echo "bridge failed on $d"; done
"$hep" done quad-set --date 2026-11-24 >/dev/null
"$hep" done quad-set --date 2026-11-25 >/dev/null
"$hep" done quad-set --date 2026-11-25 >/dev/null
"$hep" skip slr --reason pain --date 2026-11-25 >/dev/null
"$hep" done quad-set >/dev/null

"$hep" today --json >"$T/today.json"
json_equal spec_today_json '{"date": "2026-11-26", "status": "open",
 "items": [{"id": "quad-set", "name": "Quad sets", "due": 2, "done": 1, "skip": null,
            "sets": 3, "reps": 10, "hold": 5, "rest": null, "side": null, "per_day": 2,
            "per_week": null, "week_done": null},
           {"id": "bridge", "name": "Bridges", "due": 1, "done": 0, "skip": null,
            "sets": 2, "reps": 15, "hold": 3, "rest": 30, "side": null, "per_day": 1,
            "per_week": 3, "week_done": 1}],
 "streak": {"current": 1, "longest": 22}}' "$T/today.json"

"$hep" week --json >"$T/week.json"
json_equal spec_week_json '{"start": "2026-11-23",
 "days": ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"],
 "status": ["done", "partial", "done", "open", "future", "future", "future"],
 "exercises": [
   {"id": "quad-set", "due": [2,2,2,2,2,2,2], "done": [2,1,2,1,0,0,0],
    "skip": [null,null,null,null,null,null,null], "target": null, "met": null,
    "streak": {"current": 1, "longest": 22, "unit": "days"}},
   {"id": "slr", "due": [1,0,0,0,1,0,0], "done": [1,0,0,0,0,0,0],
    "skip": [null,null,"pain",null,null,null,null], "target": null, "met": null,
    "streak": {"current": 10, "longest": 10, "unit": "days"}},
   {"id": "bridge", "due": [1,1,1,1,1,1,1], "done": [1,0,0,0,0,0,0],
    "skip": [null,null,null,null,null,null,null], "target": 3, "met": 1,
    "streak": {"current": 1, "longest": 1, "unit": "weeks"}}],
 "due": 7, "done": 6, "adherence": 0.857,
 "streak": {"current": 1, "longest": 22}}' "$T/week.json"

"$hep" streak --json >"$T/streak.json"
json_equal spec_streak_json '{"current": 1, "longest": 22,
 "exercises": {"quad-set": {"current": 1, "longest": 22, "unit": "days"},
               "slr": {"current": 10, "longest": 10, "unit": "days"},
               "bridge": {"current": 1, "longest": 1, "unit": "weeks"}}}' "$T/streak.json"

expect spec_week_text 0 --out "Knee rehab, phase 2, week of Mon 2026-11-23
                    Mon  Tue  Wed  Thu  Fri  Sat  Sun  streak
Quad sets            ●    ◐    ●    ◐    ·    ·    ·  1 day
Straight leg raise   ●    –    ⊘    –    ·    –    –  10 days
Bridges              ●    –    –    ◌    ·    ·    ·  1 week, 1/3 this week
The day              ●    ◐    ●    ◌    ·    ·    ·
Adherence: 85.7% (6 of 7 sessions so far)
Streak: 1 day in a row (longest 22)
● done  ◐ partial  ○ missed  ⊘ excused  ⊗ not excused  ◌ to do
– not due  · to come  ▫ ended" -- "$hep" week

# The week before: bridge met 3 of 3; adherence over whole days only.
"$hep" week --json --date 2026-11-18 >"$T/prev.json"
python3 - "$T/prev.json" <<'PY' && ok previous_week_json || bad previous_week_json "$(cat "$T/prev.json")"
import json, sys
w = json.load(open(sys.argv[1]))
b = [e for e in w["exercises"] if e["id"] == "bridge"][0]
assert w["start"] == "2026-11-16" and w["status"] == ["done"] * 7, w
assert b["target"] == 3 and b["met"] == 3 and b["done"] == [1, 0, 1, 0, 1, 0, 0], b
# quad-set 14 + slr 3 (Mon, Wed, Fri) + bridge's met week 3, all done.
assert (w["due"], w["done"], w["adherence"]) == (20, 20, 1.0), w
PY

expect spec_today_text 0 --out "Knee rehab, phase 2, Thu 2026-11-26, day 25 (open)
Streak: 1 day in a row (longest 22)
[~] Quad sets  quad-set  3 × 10, hold 5 s                1/2
[ ] Bridges    bridge    2 × 15, hold 3 s, rest 30 s     0/1    week 1/3" -- "$hep" today

# No line of `hep today` ends in a space (issue 22), whatever its columns.
for d in 2026-11-23 2026-11-24 2026-11-25 2026-11-26 2026-11-27; do "$hep" today --date "$d"; done >"$T/today.txt"
grep -n ' $' "$T/today.txt" >"$T/trailing" && bad today_lines_trimmed "$(cat -A "$T/trailing")" || ok today_lines_trimmed
"$hep" today --json --date 2026-11-25 >"$T/wed.json"
json_equal spec_wednesday_json '{"date": "2026-11-25", "status": "done",
 "items": [{"id": "quad-set", "name": "Quad sets", "due": 2, "done": 2, "skip": null,
            "sets": 3, "reps": 10, "hold": 5, "rest": null, "side": null, "per_day": 2,
            "per_week": null, "week_done": null},
           {"id": "slr", "name": "Straight leg raise", "due": 0, "done": 0, "skip": "pain",
            "sets": 3, "reps": 12, "hold": null, "rest": null, "side": "right", "per_day": 1,
            "per_week": null, "week_done": null,
            "skip_late": true},
           {"id": "bridge", "name": "Bridges", "due": 1, "done": 0, "skip": null,
            "sets": 2, "reps": 15, "hold": 3, "rest": 30, "side": null, "per_day": 1,
            "per_week": 3, "week_done": 1}],
 "streak": {"current": 1, "longest": 22}}' "$T/wed.json"
# (The pain skip was recorded on Thursday morning for Wednesday: late, as
# a session would be, SPEC 6.2.)

# Reads of any day are allowed: the future shows as future, before the
# start as none with nothing listed.
"$hep" today --json --date 2026-12-02 >"$T/fut.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["status"]=="future" and len(d["items"])==3 and all(i["done"]==0 for i in d["items"]) else 1)' "$T/fut.json" &&
	ok future_day_reads || bad future_day_reads "$(cat "$T/fut.json")"
"$hep" today --json --date 2026-10-30 >"$T/early.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["status"]=="none" and d["items"]==[] else 1)' "$T/early.json" &&
	ok before_start_reads || bad before_start_reads "$(cat "$T/early.json")"

# ---- remind: 0 nothing left, 1 something left, 2 any error ----------------
expect remind_left 1 --out "2 left today: Quad sets (1 of 2 done), Bridges (1 of 3 this week)" -- "$hep" remind
expect remind_quiet 1 --out "" -- "$hep" remind --quiet
expect remind_error 2 --err-has "cannot open" -- "$hep" remind --config "$T/nothing.cfg"
expect remind_usage 2 -- "$hep" remind --bogus
HEP_NOW=2026-11-26T07:30 expect remind_bad_now 2 -- env HEP_NOW=bad "$hep" remind
for id in quad-set quad-set bridge; do "$hep" done "$id" --db "$T/remind.db" >/dev/null; done
expect remind_all_done 0 --out "All done for today." -- "$hep" remind --db "$T/remind.db"
"$hep" skip quad-set --reason time --db "$T/remind2.db" >/dev/null
"$hep" done bridge --db "$T/remind2.db" >/dev/null
# Nothing is left, but a skip that excuses nothing keeps the day from
# counting: never "All done" then (the patient trial's finding).
expect remind_skipped_not_left 0 --out "Nothing left today; Quad sets skipped (time): today will not count toward your streak" -- "$hep" remind --db "$T/remind2.db"

# ---- refusals: exit 1, nothing written -----------------------------------
n=$(rows)
expect past_due 1 --err 'hep: all 2 sessions of "quad-set" are already done on 2026-11-25' -- "$hep" done quad-set --date 2026-11-25
expect not_due 1 --err 'hep: "slr" is not due on 2026-11-26' -- "$hep" done slr
expect unknown_id 1 --err 'hep: unknown exercise "nope"' -- "$hep" done nope
expect unknown_id_near 1 --err 'hep: unknown exercise "quad"; did you mean quad-set?' -- "$hep" done quad
expect unknown_id_typo 1 --err 'hep: unknown exercise "brigde"; did you mean bridge?' -- "$hep" skip brigde --reason time
expect unknown_id_undo 1 --err 'hep: unknown exercise "sl"; did you mean slr?' -- "$hep" undo sl
expect future_write 1 --err 'hep: 2026-11-27 is in the future; only today and earlier days can be recorded' -- "$hep" done quad-set --date 2026-11-27
expect before_start 1 --err 'hep: 2026-11-01 is before the program starts (2026-11-02)' -- "$hep" done quad-set --date 2026-11-01
expect skipped_excused 1 --err-has '"slr" was skipped (pain) on 2026-11-25' -- "$hep" done slr --date 2026-11-25
expect skip_twice 1 --err 'hep: "slr" is already skipped on 2026-11-25' -- "$hep" skip slr --reason time --date 2026-11-25
expect skip_done 1 --err 'hep: "quad-set" is already done on 2026-11-25' -- "$hep" skip quad-set --reason sick --date 2026-11-25
expect skip_not_listed 1 --err 'hep: "slr" is not on the list for 2026-11-26' -- "$hep" skip slr --reason rest
expect undo_nothing 1 --err 'hep: nothing to undo for "bridge" on 2026-11-26' -- "$hep" undo bridge
expect redo_nothing 1 --err 'hep: nothing to redo for "bridge" on 2026-11-26' -- "$hep" redo bridge
[[ $(rows) == "$n" ]] && ok refusals_write_nothing || bad refusals_write_nothing "rows $n -> $(rows)"

# ---- usage errors: exit 2 ------------------------------------------------
expect unknown_command 2 --err-has "unknown command 'frobnicate'" -- "$hep" frobnicate
expect unknown_option 2 --err-has "unknown option '--colour'" -- "$hep" today --colour
expect bad_date 2 --err-has "--date needs a real date as YYYY-MM-DD, not '2026-02-30'" -- "$hep" today --date 2026-02-30
expect bad_pain 2 --err-has "--pain needs a whole number from 0 to 10, not '11'" -- "$hep" done quad-set --pain 11
expect bad_reason 2 --err "hep: --reason must be rest, pain, sick, travel, time or other, not 'bored'
Try 'hep --help' for more information." -- "$hep" skip quad-set --reason bored
expect missing_reason 2 --err-has "'skip' needs --reason rest|pain|sick|travel|time|other" -- "$hep" skip quad-set
# (the screen takes no --json either: no command is not remind)
expect json_without_command 2 --err-has "--json goes with 'today', 'done'" -- "$hep" --json
expect missing_id 2 --err-has "'done' needs an exercise id" -- "$hep" done
expect missing_value 2 --err-has "option '--date' needs a value" -- "$hep" today --date
HEP_NOW=2026-11-26 expect bad_now 2 --err-has "HEP_NOW must be" -- "$hep" today
HEP_NOW=2026-11-26T25:00 expect bad_now_hour 2 --err-has "HEP_NOW must be" -- "$hep" today
[[ $(rows) == "$n" ]] && ok usage_errors_write_nothing || bad usage_errors_write_nothing

# ---- writes that succeed -------------------------------------------------
expect done_pain_note 0 --out "Quad sets: session 2 of 2 recorded for 2026-11-26" -- "$hep" done quad-set --pain 3 --note "it's fine; \"really\""
[[ $(sqlite3 "$HEP_DB" "SELECT pain || '|' || note || '|' || late || '|' || logged_at FROM session WHERE day='2026-11-26' AND n=2") == "3|it's fine; \"really\"|0|2026-11-26T07:30:00Z" ]] &&
	ok session_row_stored || bad session_row_stored "$(sqlite3 "$HEP_DB" "SELECT * FROM session WHERE day='2026-11-26'")"
expect undo_session 0 --out "Quad sets: session 2 taken back for 2026-11-26 (redo brings it back)" -- "$hep" undo quad-set
expect undo_skip 0 --out "Straight leg raise: the skip (pain) taken back for 2026-11-25 (redo brings it back)" -- "$hep" undo slr --date 2026-11-25
expect late_session 0 --out "Straight leg raise: session 1 of 1 recorded for 2026-11-25 (late)" -- "$hep" done slr --date 2026-11-25
[[ $(sqlite3 "$HEP_DB" "SELECT late FROM session WHERE exercise='slr' AND day='2026-11-25'") == 1 ]] &&
	ok late_flag_stored || bad late_flag_stored
expect skip_all 0 --out "Quad sets: skipped (travel) on 2026-11-26
Bridges: skipped (travel) on 2026-11-26" -- "$hep" skip --all --reason travel
expect skip_all_none_left 1 --err "hep: nothing left to skip on that day" -- "$hep" skip --all --reason travel

# ---- the day rolls over at day_starts, on the wall clock -------------------
# (After the travel skip of --all above, which this session withdraws.)
HEP_NOW=2026-11-27T02:30 expect rollover_before 0 --out "Quad sets: session 2 of 2 recorded for 2026-11-26; the skip (travel) is withdrawn" -- "$hep" done quad-set
HEP_NOW=2026-11-27T04:00 "$hep" today --json >"$T/after.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["date"]=="2026-11-27" else 1)' "$T/after.json" &&
	ok rollover_after || bad rollover_after "$(cat "$T/after.json")"

# ---- help, version, check, init ------------------------------------------
HEP_CONFIG=/nonexistent expect help_reads_nothing 0 -- "$hep" --help
# Each command's help entry stays in one piece (a split line once put the
# end of remind's under import).
"$hep" --help >"$T/help.txt"
python3 - "$T/help.txt" <<'PY' && ok help_entries_whole || bad help_entries_whole "$(cat "$T/help.txt")"
import re, sys
lines = open(sys.argv[1]).read().split("\n")
cmds = [i for i, l in enumerate(lines) if re.match(r"  [a-z]+( |$)", l)]
assert any(lines[i].startswith("  remind") for i in cmds)
i = next(i for i in cmds if lines[i].startswith("  remind"))
assert "something is left" in lines[i + 1], lines[i:i + 2]
for i in cmds:
    for cont in lines[i + 1:]:
        if not cont.startswith("      "):
            break
        assert cont.strip() and not cont.strip()[0].isupper() or cont.strip().startswith("R:"), cont
PY
# `hep COMMAND --help` is that command's own help (issue 22: report's
# printed the whole help), its usage the one line `hep --help` gives it.
# (The options every command takes, --json but for remind.)
files='  --config FILE   the prescription (else $HEP_CONFIG, else
                  $XDG_CONFIG_HOME/hep/prescription.cfg, else the sample)
  --db FILE       the data file (else $HEP_DB, else
                  $XDG_DATA_HOME/hep/hep.db)
  --date DATE     the day to show or record, as YYYY-MM-DD'
json='  --json          machine-readable output'
last='  --help          show this help and exit
  --version       show the version and exit'
HEP_CONFIG=/nonexistent expect report_help 0 --out "Usage: hep report [--from D] [--to D | --since-visit] [--format F]
  adherence for your therapist (F: text, md,
  csv, json, html); the last 4 weeks by default

Options:
$files
$json
$last" -- "$hep" report --help
expect remind_help_no_json 0 --out "Usage: hep remind [--quiet] [--now]
  what is left today, in one line (exit 1 if
  something is left, 0 if not, 2 on an error;
  --now: a time slot due now)

Options:
$files
$last" -- "$hep" remind -h
own=
for c in $(sed -n 's/^  \([a-z]\+\)\( .*\)\?$/\1/p' "$T/help.txt" | sort -u); do
	"$hep" "$c" --help >"$T/own.txt" 2>&1 || own+=" $c (exit $?)"
	head -1 "$T/own.txt" | grep -q "^Usage: hep $c\( \|$\)" && ! grep -q '^Commands:' "$T/own.txt" ||
		own+=" $c"
	# Its usage as hep --help words it.
	u=$(head -1 "$T/own.txt" | sed "s/^Usage: hep //")
	grep -qF -- "  $u" "$T/help.txt" || own+=" $c (usage)"
done
[[ -z $own ]] && ok every_command_own_help || bad every_command_own_help "not their own:$own"
HEP_CONFIG=/nonexistent expect version 0 --out "hep $(sed -n 's/^## \([0-9.]*\) (.*/\1/p' "$src/../NEWS.md" | head -n 1)" -- "$hep" --version
unset HEP_CONFIG
# The sample is found beside the program (share/hep in the build folder),
# never at a path of the source tree baked into it.
sample=$("$hep" check 2>&1)
sample_file=${sample%%: ok, 7 exercises (the bundled sample)}
if [[ $sample_file != "$sample" && -f $sample_file && $sample_file == */share/hep/prescription.cfg ]] &&
	cmp -s "$sample_file" "$src/../config/prescription.cfg"; then
	ok check_sample
else
	bad check_sample "wanted 'BUILD/share/hep/prescription.cfg: ok, 7 exercises (the bundled sample)', a copy of config/prescription.cfg" "got: $sample"
fi
expect config_must_exist 1 --err "$T/none.cfg: cannot open: No such file or directory" -- "$hep" today --config "$T/none.cfg"
HEP_CONFIG=$T/none.cfg expect env_config_must_exist 1 --err "$T/none.cfg: cannot open: No such file or directory" -- "$hep" today
expect init_writes 0 --out "wrote $XDG_CONFIG_HOME/hep/prescription.cfg
edit it to match your therapist's prescription, then run 'hep check'" -- "$hep" init
cmp -s "$XDG_CONFIG_HOME/hep/prescription.cfg" "$src/../config/prescription.cfg" && ok init_copies_sample || bad init_copies_sample
echo "# mine" >>"$XDG_CONFIG_HOME/hep/prescription.cfg"
expect init_never_overwrites 1 --err "hep: $XDG_CONFIG_HOME/hep/prescription.cfg already exists; it was left as it is" -- "$hep" init
tail -1 "$XDG_CONFIG_HOME/hep/prescription.cfg" | grep -q '# mine' && ok init_left_file || bad init_left_file
expect check_user_file 0 --out "$XDG_CONFIG_HOME/hep/prescription.cfg: ok, 7 exercises" -- "$hep" check
expect init_config_option 0 -- "$hep" init --config "$T/other/rx.cfg"
[[ -f $T/other/rx.cfg ]] && ok init_config_target || bad init_config_target

# ---- an invalid prescription writes nothing --------------------------------
printf 'version = 1;\nprogram: { title = "T"; };\nexercises = ({ id = "a"; name = "A"; sets = 0; });\n' >"$T/bad.cfg"
expect invalid_rx_refused 1 --err "$T/bad.cfg:3: 'sets' must be a whole number from 1 to 999 or [MIN, MAX], not 0" -- "$hep" done a --config "$T/bad.cfg" --db "$T/never.db"
[[ ! -e $T/never.db ]] && ok invalid_rx_no_datafile || bad invalid_rx_no_datafile

finish
