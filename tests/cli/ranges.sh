# Ranges of frequency (SPEC 2.2): per_day = [MIN, MAX] and per_week =
# [MIN, MAX]. MIN is due and counted as per_day = MIN would be; sessions up
# to MAX are welcome, shown "3/3 +1", never refused; one beyond a per_day
# MAX is refused. JSON gives [MIN, MAX]; the report says the extra ones.
source "$(dirname "$0")/lib.sh"

cat >"$T/rx.cfg" <<'CFG'
version = 1;
program: { title = "Ranges"; start = "2026-11-02"; };
exercises = (
  { id = "pfmt"; name = "Pelvic floor squeezes"; sets = 3; reps = [8, 12];
    hold = "8 s"; per_day = [3, 5]; },
  { id = "walk"; name = "Walk"; duration = ["20 min", "30 min"];
    per_week = [3, 5]; },
  { id = "nod"; name = "Neck nods"; reps = 10; per_day = [1, 2];
    at = ["morning", "evening"]; }
);
CFG
export HEP_CONFIG=$T/rx.cfg HEP_DB=$T/hep.db
at() { HEP_NOW=$1 "$hep" "${@:2}"; }

expect check_ranges 0 --out "$T/rx.cfg: ok, 3 exercises" -- "$hep" check

# ---- per_day = [3, 5]: 3 due, 4 and 5 welcome, 6 refused -----------------------
for i in 1 2 3; do at 2026-11-02T08:0$i done pfmt >/dev/null; done
expect fourth_session_welcome 0 \
	--out "Pelvic floor squeezes: session 4 of 3 to 5 recorded for 2026-11-02" -- \
	env HEP_NOW=2026-11-02T08:04 "$hep" done pfmt
at 2026-11-02T08:05 done pfmt >/dev/null
expect sixth_session_refused 1 \
	--err 'hep: "pfmt" is done 3 to 5 times a day; all 5 are recorded on 2026-11-02' -- \
	env HEP_NOW=2026-11-02T08:06 "$hep" done pfmt
expect range_count_in_today 0 \
	--out "[x] Pelvic floor squeezes  pfmt  3 × 8–12, hold 8 s              3/3 +2  2 extra" -- \
	sh -c "HEP_NOW=2026-11-02T09:00 '$hep' today | grep 'Pelvic' | sed 's/ *$//'"
[[ $(at 2026-11-02T09:00 today --json | python3 -c 'import json,sys
i={x["id"]: x for x in json.load(sys.stdin)["items"]}
print(i["pfmt"]["per_day"], i["pfmt"]["due"], i["pfmt"]["done"], i["pfmt"]["extra"], i["walk"]["per_week"], i["nod"]["per_day"])') == "[3, 5] 3 5 2 [3, 5] [1, 2]" ]] &&
	ok range_in_today_json || bad range_in_today_json "$(at 2026-11-02T09:00 today --json)"

# ---- MIN is what is due: remind stops there, the day is done ------------------
at 2026-11-02T09:01 done nod >/dev/null
expect remind_stops_at_min 1 --out "1 left today: Walk (0 of 3 this week)" -- \
	env HEP_NOW=2026-11-02T09:02 "$hep" remind
expect label_of_welcome_session 0 \
	--out "Neck nods: session 2 of 1 to 2 (evening) recorded for 2026-11-02" -- \
	env HEP_NOW=2026-11-02T19:00 "$hep" done nod


# ---- more than MIN on the next days --------------------------------------------
for d in 03 04; do for i in 1 2 3 4; do at 2026-11-${d}T08:1$i done pfmt >/dev/null; done; done

# ---- per_week = [3, 5]: extra days counted and shown, never refused -----------
for d in 04 05 06 07; do at 2026-11-${d}T20:00 done walk >/dev/null; done
expect week_extra_day_shown 0 --out "week 3/3 +1" -- \
	sh -c "HEP_NOW=2026-11-07T20:05 '$hep' today | grep 'Walk' | sed 's/.*  //'"
# ---- the report: adherence never above 100 %, the extra sessions said --------
at 2026-11-09T08:00 report --format json >"$T/r.json"
python3 - "$T/r.json" <<'PY' && ok report_json_ranges || bad report_json_ranges "$(head -c 600 "$T/r.json")"
import json, sys
x = {e["id"]: e for e in json.load(open(sys.argv[1]))["exercises"]}
p = x["pfmt"]
assert p["per_day"] == [3, 5] and x["walk"]["per_week"] == [3, 5], p
assert p["done"] == 9 and p["extra"] == 4, p  # 3 a day counted, 3 days
assert p["weeks"][0]["done"] == 9, p  # never above what was due
assert x["walk"]["extra"] is None
PY
expect report_text_extra 0 \
	--out "  3 × 8–12, hold 8 s, 3-5/day, +4 extra sessions over 1 week; skips: none" -- \
	sh -c "HEP_NOW=2026-11-09T08:00 '$hep' report | grep '3-5/day'"

# ---- the back-up keeps a range; a back-up's range reads back -----------------
at 2026-11-09T08:01 export >"$T/a.json"
HEP_DB=$T/b.db at 2026-11-09T08:02 import "$T/a.json" >/dev/null
HEP_DB=$T/b.db at 2026-11-09T08:03 export >"$T/b.json"
cmp -s "$T/a.json" "$T/b.json" && ok backup_round_trip || bad backup_round_trip "$(diff "$T/a.json" "$T/b.json" | head)"
grep -q '"per_day": \[3, 5\]' "$T/a.json" && ok backup_holds_range || bad backup_holds_range

# ---- a change to a range is a change of per_day ------------------------------
sed 's/per_day = \[1, 2\];/per_day = [1, 3]; at = ["morning", "noon", "evening"];/; s/    at = \["morning", "evening"\]; }/ }/' \
	"$T/rx.cfg" >"$T/rx2.cfg"
HEP_CONFIG=$T/rx2.cfg at 2026-11-10T08:00 today >/dev/null
HEP_CONFIG=$T/rx2.cfg at 2026-11-10T08:01 history >"$T/h.txt"
grep -q 'per_day.*1-2.*1-3' "$T/h.txt" && ok history_says_range || bad history_says_range "$(cat "$T/h.txt")"

# ---- what a file may not say ------------------------------------------------
bad_rx() {
	printf 'version = 1;\nprogram: { title = "x"; start = "2026-11-02"; };\nexercises = (\n%s\n);\n' "$2" >"$T/bad.cfg"
	expect "$1" 1 --err-has "$3" -- env HEP_CONFIG="$T/bad.cfg" "$hep" check
}
bad_rx range_as_needed '{ id = "a"; name = "A"; as_needed = true;
  per_day = [2, 4]; }' "bad.cfg:5: 'per_day' as a range [MIN, MAX] cannot be combined with 'as_needed' (never due)"
bad_rx range_min_below_max '{ id = "a"; name = "A"; per_day = [4, 4]; }' \
	"bad.cfg:4: 'per_day' as a range must be [MIN, MAX] with MIN below MAX"
bad_rx range_per_week_bounds '{ id = "a"; name = "A"; per_week = [3, 8]; }' \
	"bad.cfg:4: 'per_week' must be a whole number from 1 to 7 or [MIN, MAX], not 8"
bad_rx range_at_names_max '{ id = "a"; name = "A"; per_day = [2, 3];
  at = ["morning", "evening"]; }' \
	"bad.cfg:5: 'per_day' is [2, 3] but 'at' names 2 sessions: with a range, 'at' names MAX"
printf 'version = 1;\nprogram: { title = "x"; start = "2026-11-02"; };\nexercises = (\n{ id = "a"; name = "A"; per_day = 2;\n steps = ( { from = "week 2"; per_day = [2, 4]; } ); }\n);\n' >"$T/step.cfg"
[[ $(HEP_CONFIG=$T/step.cfg HEP_DB=$T/s.db HEP_NOW=2026-11-02T08:00 "$hep" today --json --date 2026-11-09 | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["per_day"])') == "[2, 4]" ]] &&
	ok step_gives_range || bad step_gives_range

echo "$pass passed, $fail failed"
((fail == 0))
