#!/usr/bin/env bash
# The measures' and the PSFS's versions (SPEC section 8): kept from the
# first day hep sees them, each change stored dated the day hep sees it,
# told by `hep history` (text and JSON), carried by a JSON back-up and
# checked on import like the prescription's own keys.
source "$(dirname "$0")/lib.sh"

# rx FILE [SED...]: the test prescription, edited by sed expressions.
rx() {
	local out=$1
	shift
	sed -e '' "$@" >"$out" <<'CFG'
version = 1;
program: {
  title = "Knee rehab"; start = "2026-11-02"; week_starts = "monday";
  measures = (
    { id = "knee-bend"; name = "Knee bend"; unit = "°"; min = 0; max = 160;
      every = "week"; goal = 120; better = "higher"; },
    { id = "chair-stand"; name = "30-second chair stand"; unit = "stands";
      min = 0; max = 60; every = "week"; } );
  psfs = ["Climbing the stairs at home", "Kneeling in the garden", "Walking 1 km"];
};
exercises = ( { id = "quad-set"; name = "Quad sets"; sets = 3; reps = 10; } );
CFG
}
rx "$T/a.cfg"
# The goal moved (with a decimal), swelling added, one activity changed.
rx "$T/b.cfg" -e 's/goal = 120/goal = 125.5/' -e 's/"Walking 1 km"/"Walking 2 km"/' \
	-e 's/every = "week"; } );/every = "week"; },\n    { id = "swelling"; name = "Swelling"; unit = "cm"; min = -5; max = 5; every = "day"; better = "lower"; } );/'
# chair-stand removed, the PSFS gone.
rx "$T/c.cfg" -e '/chair-stand/,/every = "week"; } );/c\    );' -e '/psfs =/d' -e 's/goal = 120; better = "higher"; },/goal = 120; better = "higher"; }/'
# The two measures in the other order.
rx "$T/d.cfg" -e '/{ id = "knee-bend"/,/goal = 120; better = "higher"; },/d' \
	-e 's/every = "week"; } );/every = "week"; },\n    { id = "knee-bend"; name = "Knee bend"; unit = "°"; min = 0; max = 160;\n      every = "week"; goal = 120; better = "higher"; } );/'
export HEP_DB=$T/hep.db
at() { local now=$1 cfg=$2; shift 2; HEP_NOW=$now HEP_CONFIG=$T/$cfg "$hep" "$@"; }

"$hep" check --config "$T/c.cfg" >/dev/null 2>&1 && ok removed_cfg_valid || bad removed_cfg_valid "$("$hep" check --config "$T/c.cfg" 2>&1)"
"$hep" check --config "$T/d.cfg" >/dev/null 2>&1 && ok reordered_cfg_valid || bad reordered_cfg_valid "$("$hep" check --config "$T/d.cfg" 2>&1)"

# ---- the first version: dated the day hep first sees it ------------------------
at 2026-11-05T09:00 a.cfg measure knee-bend 92.5 >/dev/null
expect first_version 0 --out "The prescription has had 1 version.

2026-11-05  the first prescription (it also rules every earlier day):
  Quad sets (quad-set): 3 × 10, 1/day

The measures and the PSFS have had 1 version (kept from the first day hep saw them).

2026-11-05  the first kept:
  Knee bend (knee-bend): 0 to 160 °, every week, goal 120 °, higher is better
  30-second chair stand (chair-stand): 0 to 60 stands, every week, higher is better
  PSFS activities: Climbing the stairs at home; Kneeling in the garden; Walking 1 km" -- \
	env HEP_NOW=2026-11-06T09:00 HEP_CONFIG="$T/a.cfg" "$hep" history
[[ $(sqlite3 "$HEP_DB" 'SELECT count(*) FROM outcome_plan') == 1 ]] && ok opening_again_stores_nothing ||
	bad opening_again_stores_nothing "$(sqlite3 "$HEP_DB" 'SELECT * FROM outcome_plan')"

# ---- a change: stored the day hep sees it, told field by field -----------------
at 2026-11-12T08:00 b.cfg measure swelling 1.5 >/dev/null
expect changed_version 0 --out "
2026-11-12  changed:
  knee-bend: goal 120 → 125.5
  added Swelling (swelling): -5 to 5 cm, every day, lower is better
  new PSFS activities: Climbing the stairs at home; Kneeling in the garden; Walking 2 km
  (a PSFS score compares only with check-ins of these activities)" -- \
	sh -c "HEP_NOW=2026-11-12T09:00 HEP_CONFIG='$T/b.cfg' '$hep' history | sed -n '/^2026-11-12  changed:/,\$p' | sed '1i\\\\'"
HEP_NOW=2026-11-12T09:00 HEP_CONFIG=$T/b.cfg "$hep" history --json >"$T/h.json"
python3 - "$T/h.json" <<'PY' && ok history_json || bad history_json "$(cat "$T/h.json")"
import json, sys
h = json.load(open(sys.argv[1]))
p = h["outcome_plans"]
assert [x["from"] for x in p] == ["2026-11-05", "2026-11-12"], p
assert p[0]["measures"] == ["knee-bend", "chair-stand"] and p[0]["added"] == [] and not p[0]["psfs_changed"]
assert p[1]["measures"] == ["knee-bend", "chair-stand", "swelling"]
assert p[1]["added"] == ["swelling"] and p[1]["removed"] == [] and p[1]["psfs_changed"] is True
assert p[1]["changed"] == [{"id": "knee-bend", "changes": [{"field": "goal", "before": "120", "after": "125.5"}]}], p[1]
assert p[1]["psfs"][2] == "Walking 2 km"
assert len(h["snapshots"]) == 1  # the exercises did not change
PY
# Today says so the day it is stored, in the prescription's notice (a
# copy of the file is looked at the next day).
cp "$HEP_DB" "$T/copy.db"
expect today_notice 0 --out "Prescription changed: Knee bend goal 120 → 125.5; + Swelling; new PSFS activities" -- \
	sh -c "HEP_NOW=2026-11-12T09:00 HEP_CONFIG='$T/b.cfg' '$hep' today | grep '^Prescription changed'"
expect today_notice_gone_next_day 0 --out "" -- \
	sh -c "HEP_NOW=2026-11-13T09:00 HEP_CONFIG='$T/b.cfg' '$hep' today --db '$T/copy.db' | grep '^Prescription changed' || true"
# The snapshots hold the exercises only: a change of the measures stores none.
[[ $(sqlite3 "$HEP_DB" 'SELECT count(*) FROM snapshot') == 1 ]] && ok measures_store_no_snapshot ||
	bad measures_store_no_snapshot "$(sqlite3 "$HEP_DB" 'SELECT * FROM snapshot')"

# ---- changed back the same day: that day's version goes --------------------------
at 2026-11-12T20:00 a.cfg today >/dev/null
[[ $(sqlite3 "$HEP_DB" 'SELECT group_concat(day) FROM outcome_plan') == 2026-11-05 ]] && ok changed_back_same_day ||
	bad changed_back_same_day "$(sqlite3 "$HEP_DB" 'SELECT * FROM outcome_plan')"
at 2026-11-12T20:05 b.cfg today >/dev/null

# ---- removed, reordered -------------------------------------------------------------
at 2026-11-16T09:00 c.cfg today >/dev/null
expect removed_told 0 --out "2026-11-16  changed:
  knee-bend: goal 125.5 → 120
  removed 30-second chair stand (chair-stand); its values are kept
  removed Swelling (swelling); its values are kept
  new PSFS activities: none" -- \
	sh -c "HEP_NOW=2026-11-16T09:00 HEP_CONFIG='$T/c.cfg' '$hep' history | sed -n '/^2026-11-16  changed:/,\$p'"
expect removed_value_kept 0 --out "    2  2026-11-12 08:00  for 2026-11-12  swelling  measure 1.5" -- \
	sh -c "HEP_NOW=2026-11-16T09:00 HEP_CONFIG='$T/c.cfg' '$hep' log | grep swelling"
at 2026-11-17T09:00 a.cfg today >/dev/null
at 2026-11-18T09:00 d.cfg today >/dev/null
expect reordered_told 0 --out "2026-11-18  changed:
  the same measures, in a new order" -- \
	sh -c "HEP_NOW=2026-11-18T09:00 HEP_CONFIG='$T/d.cfg' '$hep' history | sed -n '/^2026-11-18  changed:/,\$p'"

# ---- a back-up carries them: export -> import into an empty file -> export --------
export HEP_NOW=2026-11-18T10:00 HEP_CONFIG=$T/d.cfg
"$hep" export --format json >"$T/b1.json"
python3 - "$T/b1.json" <<'PY' && ok backup_holds_versions || bad backup_holds_versions "$(head -c 600 "$T/b1.json")"
import json, sys
b = json.load(open(sys.argv[1]))
p = b["outcome_plans"]
assert [x["from"] for x in p] == ["2026-11-05", "2026-11-12", "2026-11-16", "2026-11-17", "2026-11-18"], p
m = p[1]["measures"]
assert m[0] == {"id": "knee-bend", "name": "Knee bend", "unit": "°", "min": 0, "max": 160,
                "every": "week", "goal": 125.5, "better": "higher"}, m[0]
assert m[1]["goal"] is None and m[2]["min"] == -5 and m[2]["better"] == "lower", m
assert p[2]["psfs"] == [] and p[1]["psfs"][2] == "Walking 2 km"
PY
HEP_DB=$T/new.db "$hep" import "$T/b1.json" >/dev/null && HEP_DB=$T/new.db "$hep" export --format json >"$T/b2.json"
cmp -s "$T/b1.json" "$T/b2.json" && ok backup_round_trip || bad backup_round_trip "$(diff "$T/b1.json" "$T/b2.json" | head -10)"
cmp -s <("$hep" history) <(HEP_DB=$T/new.db "$hep" history) && ok restored_history_same ||
	bad restored_history_same "$(diff <("$hep" history) <(HEP_DB=$T/new.db "$hep" history) | head)"
# Imported again: nothing new.
HEP_DB=$T/new.db "$hep" import "$T/b1.json" >/dev/null
[[ $(sqlite3 "$T/new.db" 'SELECT count(*) FROM outcome_plan') == 5 ]] && ok import_twice_adds_no_version ||
	bad import_twice_adds_no_version "$(sqlite3 "$T/new.db" 'SELECT * FROM outcome_plan')"

# ---- hostile versions in a back-up: refused with the line, nothing written --------
# A message's line "@+N" is N lines after "outcome_plans" in the back-up,
# wherever the prescriptions before it end (a new key adds lines there).
hostile() {
	local name=$1 expr=$2 msg=$3 plans
	plans=$(python3 - "$T/b1.json" "$T/bad.json" "$expr" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
p = b["outcome_plans"]
exec(sys.argv[3])
# "@TOKEN@" writes TOKEN as it is: a number JSON would print otherwise.
text = json.dumps(b, ensure_ascii=False, indent=1)
text = text.replace('"@', "").replace('@"', "")
open(sys.argv[2], "w").write(text)
print(text[:text.find('"outcome_plans"')].count("\n") + 1)
PY
	) || { bad "import_$name" "the hostile back-up could not be made"; return; }
	while [[ $msg =~ @\+([0-9]+) ]]; do
		msg=${msg/"${BASH_REMATCH[0]}"/$((plans + BASH_REMATCH[1]))}
	done
	rm -f "$T/bad.db"
	HEP_DB=$T/bad.db "$hep" today >/dev/null
	local before
	before=$(sqlite3 "$T/bad.db" 'SELECT count(*) FROM outcome_plan; SELECT count(*) FROM entry')
	expect "import_$name" 1 --err-has "$msg" -- env HEP_DB="$T/bad.db" "$hep" import "$T/bad.json"
	[[ $(sqlite3 "$T/bad.db" 'SELECT count(*) FROM outcome_plan; SELECT count(*) FROM entry') == "$before" ]] &&
		ok "import_${name}_writes_nothing" || bad "import_${name}_writes_nothing"
}
hostile min_not_below_max 'p[0]["measures"][0]["min"] = 160' "bad.json:@+9: 'min' (160) must be below 'max' (160)"
hostile two_decimals 'p[0]["measures"][0]["max"] = 160.25' "bad.json:@+9: 'max' must be a number with at most one decimal place (such as 92.5), not 160.25"
hostile trailing_zero 'p[0]["measures"][0]["max"] = "@160.50@"' "bad.json:@+9: 'max' must be a number with at most one decimal place (such as 92.5), not 160.50"
hostile goal_outside 'p[0]["measures"][0]["goal"] = 161' "bad.json:@+11: 'goal' must be from 0 to 160 ('min' to 'max'), not 161"
hostile bad_every 'p[0]["measures"][0]["every"] = "month"' "bad.json:@+10: 'every' must be \"day\", \"week\" or \"visit\", not \"month\""
hostile unit_too_wide 'p[0]["measures"][0]["unit"] = "degrees of flexion"' "bad.json:@+7: 'unit' is 18 columns wide; at most 12"
hostile control_in_name 'p[0]["measures"][0]["name"] = "Knee\u001b[31m"' "bad.json:@+6: 'name' holds a control character"
hostile six_activities 'p[0]["psfs"] = ["a", "b", "c", "d", "e", "f"]' "bad.json:@+25: 'psfs' must name 1 to 5 activities, not 6"
hostile same_activity 'p[1]["psfs"][1] = p[1]["psfs"][0]' "'psfs' names \"Climbing the stairs at home\" twice"
hostile unknown_key 'p[0]["measures"][0]["colour"] = "red"' 'unknown key "colour" in measure 1'
hostile duplicate_id 'p[0]["measures"].append(dict(p[0]["measures"][0]))' 'bad.json:@+25: duplicate measure id "knee-bend" (first on line @+5)'
hostile no_from 'del p[0]["from"]' 'a version of the measures needs "from" as YYYY-MM-DD'
hostile from_the_future 'p[1]["from"] = "2026-11-19"' 'a version of the measures from 2026-11-19, in the future'
hostile not_a_list 'b["outcome_plans"] = {}' '"outcome_plans" must be a list'
expect import_line_named 1 --err-has "bad.json:" -- env HEP_DB="$T/bad.db" "$hep" import "$T/bad.json"

# ---- a prescription without measures keeps none ------------------------------------
rx "$T/none.cfg" -e '/measures = (/,/every = "week"; } );/d' -e '/psfs =/d'
HEP_DB=$T/none.db HEP_CONFIG=$T/none.cfg "$hep" today >/dev/null
[[ $(sqlite3 "$T/none.db" 'SELECT count(*) FROM outcome_plan') == 0 ]] && ok no_measures_no_version || bad no_measures_no_version
expect no_measures_history 0 --out "The prescription has had 1 version.

2026-11-18  the first prescription (it also rules every earlier day):
  Quad sets (quad-set): 3 × 10, 1/day" -- env HEP_DB="$T/none.db" HEP_CONFIG="$T/none.cfg" "$hep" history
HEP_DB=$T/none.db HEP_CONFIG=$T/none.cfg "$hep" history --json | python3 -c 'import json,sys; assert json.load(sys.stdin)["outcome_plans"] == []' &&
	ok no_measures_json || bad no_measures_json

finish
