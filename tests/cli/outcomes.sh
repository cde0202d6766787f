#!/usr/bin/env bash
# Outcomes (SPEC section 8): measures and PSFS check-ins recorded as
# entries of the diary, each refusal with its message and nothing written.
source "$(dirname "$0")/lib.sh"

cat >"$T/rx.cfg" <<'CFG'
version = 1;
program: {
  title = "Knee rehab"; start = "2026-11-02"; week_starts = "monday";
  measures = (
    { id = "knee-bend"; name = "Knee bend"; unit = "°"; min = 0; max = 160;
      every = "week"; goal = 120; better = "higher"; },
    { id = "chair-stand"; name = "30-second chair stand"; unit = "stands";
      min = 0; max = 60; every = "week"; },
    { id = "swelling"; name = "Swelling"; unit = "cm"; min = -5; max = 5;
      every = "day"; better = "lower"; } );
  psfs = ["Climbing the stairs at home", "Kneeling in the garden", "Walking 1 km"];
};
exercises = (
  { id = "quad-set"; name = "Quad sets"; sets = 3; reps = 10; },
  { id = "bridge"; name = "Bridges"; sets = 2; reps = 15; per_week = 3; }
);
CFG
export HEP_CONFIG=$T/rx.cfg HEP_DB=$T/hep.db HEP_NOW=2026-11-05T09:00
entries() { sqlite3 "$HEP_DB" 'SELECT count(*) FROM entry' 2>/dev/null || echo 0; }

# ---- recording ---------------------------------------------------------------
expect measure_recorded 0 --out "Knee bend: 92.5 ° recorded for 2026-11-05" -- "$hep" measure knee-bend 92.5
expect measure_corrected 0 --out "Knee bend: 95 ° recorded for 2026-11-05 (it replaces 92.5 °)" -- \
	"$hep" measure knee-bend 95 --note "after the warm-up"
expect measure_past_day 0 --out "30-second chair stand: 11 stands recorded for 2026-11-03" -- \
	"$hep" measure chair-stand 11 --date 2026-11-03
expect measure_negative 0 --out "Swelling: -1.5 cm recorded for 2026-11-05" -- "$hep" measure swelling -1.5
expect psfs_recorded 0 --out "PSFS: score 3.3 (3 activities) recorded for 2026-11-05" -- "$hep" psfs 3 2 5
expect psfs_json_not_taken 0 --out "PSFS: score 4.0 (3 activities) recorded for 2026-11-04" -- "$hep" psfs 4 4 4 --date 2026-11-04

# ---- refusals: a clear message, exit 1 or 2, nothing written -------------------
n=$(entries)
expect measure_unknown 1 --err 'hep: unknown measure "knee-bnd"; did you mean knee-bend?' -- "$hep" measure knee-bnd 90
expect measure_above_max 1 --err 'hep: 170 ° is outside knee-bend'"'"'s range, 0 to 160 °' -- "$hep" measure knee-bend 170
expect measure_below_min 1 --err 'hep: -6 cm is outside swelling'"'"'s range, -5 to 5 cm' -- "$hep" measure swelling -6
expect measure_two_decimals 2 --err-has "'measure' needs a value as a number with at most one decimal place (such as 92.5), not '92.25'" -- "$hep" measure knee-bend 92.25
expect measure_not_a_number 2 --err-has "not 'ninety'" -- "$hep" measure knee-bend ninety
expect measure_no_value 2 --err-has "'measure' needs a measure id and a value" -- "$hep" measure knee-bend
expect measure_future 1 --err 'hep: 2026-11-06 is in the future; only today and earlier days can be recorded' -- \
	"$hep" measure knee-bend 90 --date 2026-11-06
expect measure_before_start 1 --err 'hep: 2026-11-01 is before the program starts (2026-11-02)' -- \
	"$hep" measure knee-bend 90 --date 2026-11-01
expect measure_exercise_id 1 --err 'hep: unknown measure "quad-set"; the measures are knee-bend, chair-stand and swelling' -- "$hep" measure quad-set 3
expect psfs_too_few 1 --err 'hep: 2 ratings for 3 PSFS activities: one rating, 0 to 10, for each, in order' -- "$hep" psfs 3 2
expect psfs_too_many 1 --err 'hep: 4 ratings for 3 PSFS activities: one rating, 0 to 10, for each, in order' -- "$hep" psfs 3 2 5 6
expect psfs_out_of_range 2 --err-has "a PSFS rating is a whole number from 0 (unable) to 10, not '11'" -- "$hep" psfs 3 2 11
expect psfs_none 2 --err-has "'psfs' needs a rating, 0 to 10, for each PSFS activity" -- "$hep" psfs
expect psfs_future 1 --err 'hep: 2026-11-09 is in the future; only today and earlier days can be recorded' -- "$hep" psfs 1 2 3 --date 2026-11-09
[[ $(entries) == "$n" ]] && ok refusals_write_nothing || bad refusals_write_nothing "$(entries) entries, was $n"

# ---- the diary shows both values, and the outcomes stand apart ----------------------
expect log_outcomes 0 --out "    1  2026-11-05 09:00  for 2026-11-05  knee-bend  measure 92.5 °
    2  2026-11-05 09:00  for 2026-11-05  knee-bend  measure 95 °, note \"after the warm-up\"
    3  2026-11-05 09:00  for 2026-11-03  chair-stand  measure 11 stands (logged late, Thu 5 Nov 09:00)
    4  2026-11-05 09:00  for 2026-11-05  swelling  measure -1.5 cm
    5  2026-11-05 09:00  for 2026-11-05  psfs  PSFS 3, 2, 5 (score 3.3)
    6  2026-11-05 09:00  for 2026-11-04  psfs  PSFS 4, 4, 4 (score 4.0) (logged late, Thu 5 Nov 09:00)" -- "$hep" log
"$hep" log --json >"$T/log.json"
python3 - "$T/log.json" <<'PY' && ok log_json_outcomes || bad log_json_outcomes "$(cat "$T/log.json")"
import json, sys
e = json.load(open(sys.argv[1]))["entries"]
assert [x["kind"] for x in e] == ["measure"] * 4 + ["psfs"] * 2, e
assert [x["value"] for x in e[:4]] == [92.5, 95, 11, -1.5], e
assert e[1]["note"] == "after the warm-up" and e[0]["exercise"] == "knee-bend"
assert e[4]["exercise"] is None and e[4]["value"] == {
    "ratings": [3, 2, 5],
    "activities": ["Climbing the stairs at home", "Kneeling in the garden", "Walking 1 km"]}, e[4]
for x in e:
    assert x["session"] is None and x["pain"] is None and x["reason"] is None and x["replaces"] is None
PY
# No exercise's day counts them: today still has everything to do.
expect today_untouched 0 --out "[ ] Quad sets  quad-set  3 × 10                          0/1  " -- \
	sh -c "'$hep' today | grep '^\[.\] Quad'"
[[ $(sqlite3 "$HEP_DB" 'SELECT count(*) FROM session') == 0 && $(sqlite3 "$HEP_DB" 'SELECT count(*) FROM tally') == 0 ]] &&
	ok no_session_no_tally || bad no_session_no_tally "$(sqlite3 "$HEP_DB" 'SELECT * FROM tally')"

# ---- back-up: JSON carries them, round trip byte-identical, import twice adds nothing
"$hep" done quad-set >/dev/null
"$hep" export --format json >"$T/a.json"
expect import_outcomes 0 --out "imported 7 rows from $T/a.json (0 already there)" -- "$hep" import "$T/a.json" --db "$T/b.db"
"$hep" export --format json --db "$T/b.db" >"$T/b.json"
cmp -s "$T/a.json" "$T/b.json" && ok export_import_export_identical || bad export_import_export_identical "$(diff "$T/a.json" "$T/b.json" | head -5)"
expect import_again_adds_nothing 0 --out "imported 0 rows from $T/a.json (7 already there)" -- "$hep" import "$T/a.json" --db "$T/b.db"
# The CSV back-up stays the state: sessions and skips only.
expect csv_is_the_state 0 --out "day,exercise,logged_at,pain,note,skip
2026-11-05,quad-set,2026-11-05T09:00:00Z,,," -- "$hep" export
# A hostile back-up: each bad outcome entry refused with its line.
mk() { printf '{"entries": [\n%s]}\n' "$1" >"$T/bad.json"; }
base='"seq": 1, "made_at": "2026-11-05T08:00:00Z", "day": "2026-11-05", "session": null, "late": false, "pain": null, "pain_before": null, "note": null, "reason": null, "replaces": null'
mk "{$base, \"kind\": \"measure\", \"exercise\": \"knee-bend\", \"value\": 92.25}"
expect import_measure_two_decimals 1 --err "$T/bad.json:2: a measure's value must be a number with at most one decimal place" -- "$hep" import "$T/bad.json" --db "$T/c.db"
mk "{$base, \"kind\": \"measure\", \"exercise\": \"knee-bend\", \"value\": null}"
expect import_measure_no_value 1 --err "$T/bad.json:2: a measure's value must be a number with at most one decimal place" -- "$hep" import "$T/bad.json" --db "$T/c.db"
mk "{$base, \"kind\": \"psfs\", \"exercise\": null, \"value\": {\"ratings\": [3, 11], \"activities\": [\"a\", \"b\"]}}"
expect import_psfs_rating 1 --err "$T/bad.json:2: a PSFS rating is 0 to 10" -- "$hep" import "$T/bad.json" --db "$T/c.db"
mk "{$base, \"kind\": \"psfs\", \"exercise\": null, \"value\": {\"ratings\": [3], \"activities\": [\"a\", \"b\"]}}"
expect import_psfs_uneven 1 --err "$T/bad.json:2: a PSFS check-in's value is {\"ratings\": [...], \"activities\": [...]}, 1 to 5 of each" -- "$hep" import "$T/bad.json" --db "$T/c.db"
mk "{$base, \"kind\": \"psfs\", \"exercise\": \"quad-set\", \"value\": {\"ratings\": [3], \"activities\": [\"a\"]}}"
expect import_psfs_exercise 1 --err "$T/bad.json:2: a PSFS check-in names no exercise" -- "$hep" import "$T/bad.json" --db "$T/c.db"
mk "{$base, \"kind\": \"session\", \"exercise\": \"quad-set\", \"value\": 3}"
expect import_session_value 1 --err "$T/bad.json:2: value must be null (only a measure or a PSFS check-in has one)" -- "$hep" import "$T/bad.json" --db "$T/c.db"
[[ ! -e $T/c.db ]] || [[ $(sqlite3 "$T/c.db" 'SELECT count(*) FROM entry') == 0 ]] &&
	ok hostile_imports_write_nothing || bad hostile_imports_write_nothing "$(sqlite3 "$T/c.db" 'SELECT * FROM entry')"

finish
