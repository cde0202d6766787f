#!/usr/bin/env bash
# Outcomes (SPEC section 8): measures and PSFS check-ins recorded as
# entries of the diary, each refusal with its message and nothing written.
source "$(dirname "$0")/lib.sh"

# The program both outcome tests share (a copy: the test edits it).
cp "$(dirname "$0")/../data/outcomes.cfg" "$T/rx.cfg"
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
expect measure_above_max 1 --err 'hep: Knee bend: 170 ° is outside its range, 0 to 160 °' -- "$hep" measure knee-bend 170
expect measure_below_min 1 --err 'hep: Swelling: -6 cm is outside its range, -5 to 5 cm' -- "$hep" measure swelling -6
expect measure_trailing_point 2 --err-has "not '95.' (write it as 95)" -- "$hep" measure knee-bend 95.
expect measure_leading_point 2 --err-has "not '.5' (write it as 0.5)" -- "$hep" measure knee-bend .5
expect measure_negative_leading_point 2 --err-has "not '-.5' (write it as -0.5)" -- "$hep" measure swelling -.5
expect measure_decimal_comma 2 --err-has "not '92,5' (write it as 92.5)" -- "$hep" measure knee-bend 92,5
expect measure_no_hint 2 --err-has "not 'ninety'
" -- "$hep" measure knee-bend ninety
expect undo_a_measure 1 --err "hep: Knee bend (knee-bend) is a measure, not an exercise: undo moves along an exercise's day. Record the right value with 'hep measure knee-bend VALUE': a day's latest value counts, and hep log keeps both" -- "$hep" undo knee-bend
expect done_a_measure 1 --err "hep: Knee bend (knee-bend) is a measure, not an exercise: record it with 'hep measure knee-bend VALUE'" -- "$hep" done knee-bend
expect skip_a_measure 1 --err-has "is a measure, not an exercise" -- "$hep" skip knee-bend --reason rest
expect redo_a_measure 1 --err-has "redo moves along an exercise's day" -- "$hep" redo knee-bend
expect measure_two_decimals 2 --err-has "'measure' needs a value as a number with at most one decimal place (such as 92.5), not '92.25'" -- "$hep" measure knee-bend 92.25
expect measure_not_a_number 2 --err-has "not 'ninety'" -- "$hep" measure knee-bend ninety
expect measure_no_value 2 --err-has "'measure' needs a measure id and a value" -- "$hep" measure knee-bend
expect measure_future 1 --err 'hep: 2026-11-06 is in the future; only today and earlier days can be recorded' -- \
	"$hep" measure knee-bend 90 --date 2026-11-06
expect measure_before_start 1 --err 'hep: 2026-11-01 is before the program starts (2026-11-02)' -- \
	"$hep" measure knee-bend 90 --date 2026-11-01
expect measure_exercise_id 1 --err 'hep: unknown measure "quad-set"; the measures are knee-bend, chair-stand and swelling' -- "$hep" measure quad-set 3
# The wrong number of ratings is a usage error (SPEC section 4: exit 2).
expect psfs_too_few 2 --err-has 'hep: 2 ratings for 3 PSFS activities: one rating, 0 to 10, for each, in order' -- "$hep" psfs 3 2
expect psfs_too_many 2 --err-has 'hep: 4 ratings for 3 PSFS activities: one rating, 0 to 10, for each, in order' -- "$hep" psfs 3 2 5 6
expect psfs_out_of_range 2 --err-has "a PSFS rating is a whole number from 0 (unable) to 10, not '11'" -- "$hep" psfs 3 2 11
expect psfs_none 2 --err-has "'psfs' needs a rating, 0 to 10, for each PSFS activity" -- "$hep" psfs
expect psfs_future 1 --err 'hep: 2026-11-09 is in the future; only today and earlier days can be recorded' -- "$hep" psfs 1 2 3 --date 2026-11-09
[[ $(entries) == "$n" ]] && ok refusals_write_nothing || bad refusals_write_nothing "$(entries) entries, was $n"

# ---- the diary shows both values, and the outcomes stand apart ----------------------
expect log_outcomes 0 --out "    1  2026-11-05 09:00  for 2026-11-05  knee-bend  measure 92.5 °
    2  2026-11-05 09:00  for 2026-11-05  knee-bend  measure 95 ° (was 92.5 °), note \"after the warm-up\"
    3  2026-11-05 09:00  for 2026-11-03  chair-stand  measure 11 stands (late)
    4  2026-11-05 09:00  for 2026-11-05  swelling  measure -1.5 cm
    5  2026-11-05 09:00  for 2026-11-05  psfs  PSFS 3, 2, 5 (score 3.3)
    6  2026-11-05 09:00  for 2026-11-04  psfs  PSFS 4, 4, 4 (score 4.0) (late)" -- "$hep" log
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
expect today_untouched 0 --out "[ ] Quad sets  quad-set  3 × 10                          0/1" -- \
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
2026-11-05,quad-set,2026-11-05T09:00:00Z,,," -- "$hep" export --format csv
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

# ---- hep outcomes: first, latest, change, what is meaningful ---------------------
export HEP_DB=$T/o.db
at() { HEP_NOW=$1 "$hep" "${@:2}" >/dev/null || echo "setup failed: $*"; }
# Three weeks: the knee bends more, the swelling goes down, the PSFS gains
# 2.3 points on the activities of the latest check-in (the first one rated
# another list), pain after sessions falls 2.5 points. Pains above the
# limit (3): five around sessions, one on a skip (no session: no mean has
# it), one before a session of the last week.
at 2026-11-02T08:00 measure knee-bend 90
at 2026-11-02T08:01 measure swelling 3
at 2026-11-02T08:02 psfs 2 2 2
at 2026-11-02T09:00 done quad-set --pain-before 6 --pain 5
at 2026-11-04T09:00 done quad-set --pain 6
sed -i 's/"Walking 1 km"\]/"Walking 2 km"]/' "$T/rx.cfg"
at 2026-11-09T08:00 measure knee-bend 100
at 2026-11-09T08:02 psfs 3 3 4
at 2026-11-09T09:00 done quad-set --pain-before 5 --pain 4
at 2026-11-10T18:00 skip bridge --reason pain --pain 7
at 2026-11-16T08:00 measure knee-bend 121.5
at 2026-11-16T08:01 measure swelling 1.5
at 2026-11-16T08:01 measure swelling 0.5 --note "corrected: measured again"
at 2026-11-16T08:02 psfs 5 5 7
at 2026-11-16T09:00 done quad-set --pain-before 5 --pain 3
export HEP_NOW=2026-11-16T20:00
expect outcomes_text 0 --out "Knee rehab: outcomes from 2026-11-02 to 2026-11-16
Outcomes
  Called meaningful: pain down 2 points or more (Farrar et al., 2001), the PSFS
    up 2 points or more (Stratford et al., 1995), a measure's goal reached.
  Knee bend: 90 ° on 2026-11-02 to 121.5 ° on 2026-11-16, change +31.5 °; goal
    120 °: met
  30-second chair stand: no value in these weeks
  Swelling: 3 cm on 2026-11-02 to 0.5 cm on 2026-11-16, change -2.5 cm
  PSFS (mean of 3 activities): 3.3 on 2026-11-09 to 5.7 on 2026-11-16, change
    +2.4: meaningful (1 earlier check-in of other activities not compared)
  Pain after sessions: 5.5 in the week of 2026-11-02 to 3.0 in the week of
    2026-11-16, down 2.5: meaningful
  Pain during a session (after - before): -1.3 on average over 3 sessions
  Week of 2026-11-02: before 6.0 (n=1), after 5.5 (n=2), change -1.0 (n=1)
  Week of 2026-11-09: before 5.0 (n=1), after 4.0 (n=1), change -1.0 (n=1)
  Week of 2026-11-16: before 5.0 (n=1), after 3.0 (n=1), change -2.0 (n=1)

Pain above the limit (7)
  Week of 2026-11-02 (limit 3): Mon 2 Quad sets, 5 after; Mon 2 Quad
    sets, 6 before; Wed 4 Quad sets, 6 after
  Week of 2026-11-09 (limit 3): Mon 9 Quad sets, 4 after; Mon 9 Quad
    sets, 5 before; Tue 10 Bridges, 7 on a skip
  Week of 2026-11-16 (limit 3): Mon 16 Quad sets, 5 before" -- "$hep" outcomes
"$hep" outcomes --json >"$T/o.json"
"$hep" report --format json --from 2026-11-02 >"$T/r.json"
python3 - "$T/o.json" "$T/r.json" <<'PY' && ok outcomes_json || bad outcomes_json "$(cat "$T/o.json")"
import json, sys
o = json.load(open(sys.argv[1]))
r = json.load(open(sys.argv[2]))
assert r["outcomes"] == o, "report and outcomes differ"
k, c, s = o["measures"]
assert k == {"id": "knee-bend", "name": "Knee bend", "unit": "°",
             "first": {"day": "2026-11-02", "value": 90}, "latest": {"day": "2026-11-16", "value": 121.5},
             "change": 31.5, "goal": 120, "goal_met": True}, k
assert c["first"] is None and c["change"] is None and c["goal_met"] is None, c
assert s["latest"] == {"day": "2026-11-16", "value": 0.5} and s["change"] == -2.5 and s["goal"] is None, s
p = o["psfs"]
assert p["activities"][2] == "Walking 2 km" and p["first"] == {"day": "2026-11-09", "score": 3.3}, p
# The change of the scores as printed (3.3 to 5.7), not of the exact
# means (2.33): what a reader subtracts is what the report says.
assert p["latest"] == {"day": "2026-11-16", "score": 5.7} and p["change"] == 2.4 and p["meaningful"], p
pain = o["pain"]
assert [w["start"] for w in pain["weeks"]] == ["2026-11-02", "2026-11-09", "2026-11-16"], pain
# Each mean with the sessions it is over: 2 sessions, 1 with a pain
# before (and so with both), 2 with one after.
assert pain["weeks"][0] == {"start": "2026-11-02", "before": 6.0, "after": 5.5, "change": -1.0, "sessions": 2,
                            "with_before": 1, "with_after": 2, "with_both": 1}, pain["weeks"][0]
assert [(w["with_before"], w["with_after"], w["with_both"], w["sessions"]) for w in pain["weeks"][1:]] == [(1, 1, 1, 1)] * 2
assert (pain["first_week"], pain["latest_week"], pain["meaningful"]) == ("2026-11-02", "2026-11-16", True)
ev = [(e["day"], e["exercise"], e["pain"], e["when"], e["limit"]) for e in o["pain_events"]]
assert ev == [("2026-11-02", "quad-set", 5, "after", 3), ("2026-11-02", "quad-set", 6, "before", 3),
              ("2026-11-04", "quad-set", 6, "after", 3), ("2026-11-09", "quad-set", 4, "after", 3),
              ("2026-11-09", "quad-set", 5, "before", 3), ("2026-11-10", "bridge", 7, "on a skip", 3),
              ("2026-11-16", "quad-set", 5, "before", 3)], ev
PY
# The text tells every pain above the limit (SPEC 2.1), a line a week,
# each as the JSON lists it.
"$hep" outcomes >"$T/o.txt"
events_told outcomes_events_told "$T/o.txt" "$T/o.json" quad-set="Quad sets" bridge=Bridges
# A change is told from the means as printed: 4.3 (13/3) to 2.4 (12/5) is
# "down 1.9", not meaningful (the exact 1.93 would print as 1.9 too, and
# the reader's 4.3 - 2.4 agrees).
export HEP_DB=$T/printed.db
for d in 02 03 04; do at "2026-11-${d}T09:00" done quad-set --pain $((d == 4 ? 5 : 4)); done
for d in 09 10 11 12 13; do at "2026-11-${d}T09:00" done quad-set --pain $((10#$d % 2 ? 2 : 3)); done
expect outcomes_printed_change 0 --out "  Pain after sessions: 4.3 in the week of 2026-11-02 to 2.4 in the week of
    2026-11-09, down 1.9" -- sh -c "HEP_NOW=2026-11-13T20:00 '$hep' outcomes | grep -A1 '^  Pain after'"
export HEP_DB=$T/o.db
# Over the last week alone nothing is called meaningful: one value each.
expect outcomes_one_week 0 --out "  Knee bend: 121.5 ° on 2026-11-16, one value; goal 120 °: met
  PSFS (mean of 3 activities): 5.7 on 2026-11-16, one check-in
  Pain after sessions: 3.0 in the week of 2026-11-16" -- \
	sh -c "'$hep' outcomes --from 2026-11-16 | grep -E '^  (Knee|PSFS|Pain after)'"
# Every format of the report has the part.
for f in text md html; do
	"$hep" report --format $f --from 2026-11-02 >"$T/r.$f"
done
grep -q '^Outcomes$' "$T/r.text" && grep -q '^## Outcomes$' "$T/r.md" &&
	grep -q '^- Knee bend: 90 ° on 2026-11-02 to 121.5 ° on 2026-11-16, change +31.5 °; goal 120 °: met$' "$T/r.md" &&
	grep -q '<h2>Outcomes</h2>' "$T/r.html" && grep -q '<li>PSFS (mean of 3 activities): 3.3 on 2026-11-09' "$T/r.html" &&
	ok report_outcomes_every_format || bad report_outcomes_every_format "$(grep -h -A3 Outcomes "$T"/r.*)"
"$hep" report --format csv --from 2026-11-02 >"$T/r.csv"
expect report_csv_outcomes 0 --out "week,outcome,value
2026-11-02,knee-bend,90
2026-11-02,swelling,3
2026-11-02,psfs_earlier_activities,2.0
2026-11-02,pain_before,6.0
2026-11-02,pain_after,5.5
2026-11-09,knee-bend,100
2026-11-09,psfs,3.3
2026-11-09,pain_before,5.0
2026-11-09,pain_after,4.0
2026-11-16,knee-bend,121.5
2026-11-16,swelling,0.5
2026-11-16,psfs,5.7
2026-11-16,pain_before,5.0
2026-11-16,pain_after,3.0

outcome,name,unit,first_day,first,latest_day,latest,change,goal,goal_met,meaningful
knee-bend,Knee bend,°,2026-11-02,90,2026-11-16,121.5,31.5,120,true,
chair-stand,30-second chair stand,stands,,,,,,,,
swelling,Swelling,cm,2026-11-02,3,2026-11-16,0.5,-2.5,,,
psfs,PSFS,,2026-11-09,3.3,2026-11-16,5.7,2.4,,,true

pain,first_week,first_mean,latest_week,latest_mean,meaningful
after,2026-11-02,5.5,2026-11-16,3.0,true

day,exercise,name,pain,when,limit
2026-11-02,quad-set,Quad sets,5,after,3
2026-11-02,quad-set,Quad sets,6,before,3
2026-11-04,quad-set,Quad sets,6,after,3
2026-11-09,quad-set,Quad sets,4,after,3
2026-11-09,quad-set,Quad sets,5,before,3
2026-11-10,bridge,Bridges,7,on a skip,3
2026-11-16,quad-set,Quad sets,5,before,3" -- sed -n '/^week,outcome,value$/,$p' "$T/r.csv"
# Every table of the CSV parses (RFC 4180) with one column count, its
# numbers those of the JSON report; names with commas and quotes too, and
# a negative value as the number it is.
sed 's/name = "Swelling"/name = "Swelling, \\"left\\" knee"/; s/name = "Bridges"/name = "Bridges, \\"both\\" legs"/' \
	"$T/rx.cfg" >"$T/quoted.cfg"
q=(--config "$T/quoted.cfg" --db "$T/q.db")
at 2026-11-03T08:00 measure swelling -1.5 "${q[@]}"
at 2026-11-04T08:00 skip bridge --reason pain --pain 7 "${q[@]}"
"$hep" report --format csv --from 2026-11-02 "${q[@]}" >"$T/q.csv"
"$hep" report --format json --from 2026-11-02 "${q[@]}" >"$T/q.json"
python3 - "$T/r.csv" "$T/r.json" "$T/q.csv" "$T/q.json" <<'PY' && ok report_csv_tables_parse || bad report_csv_tables_parse "$(cat "$T/q.csv")"
import csv, io, json, sys
def tables(path):
    out = []
    for block in open(path, newline="").read().split("\n\n"):
        rows = list(csv.reader(io.StringIO(block)))
        assert rows and all(len(r) == len(rows[0]) for r in rows), (path, rows)
        out.append(rows)
    return out
def cell(v):
    return "" if v is None else "true" if v is True else "false" if v is False else json.dumps(v)
for csv_path, json_path in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    t = tables(csv_path)
    r = json.load(open(json_path))
    o = r["outcomes"]
    assert [x[0][0] for x in t] == ["week", "week", "outcome", "pain", "day"], [x[0] for x in t]
    assert len(t[4]) == 1 + len(o["pain_events"]) and len(t[4]) > 1
    assert len(t[0]) == 1 + len(r["exercises"]) * len(r["weeks"])   # the adherence table as it was
    summary = {row[0]: dict(zip(t[2][0], row)) for row in t[2][1:]}
    for m in o["measures"] + [dict(o["psfs"], id="psfs")]:
        s, key = summary[m["id"]], "score" if m["id"] == "psfs" else "value"
        for k in ("first", "latest"):
            assert s[k + "_day"] == (m[k]["day"] if m[k] else "") and s[k] == cell(m[k] and m[k][key]), (s, m)
        for k in ("change", "goal", "goal_met", "meaningful"):
            assert s[k] == cell(m.get(k)), (k, s, m)
        if m["id"] != "psfs":
            assert (s["name"], s["unit"]) == (m["name"], m["unit"]), s
    p = dict(zip(t[3][0], t[3][1]))
    pw = {w["start"]: w for w in o["pain"]["weeks"]}
    for k in ("first", "latest"):
        w = o["pain"][k + "_week"]
        assert (p[k + "_week"], p[k + "_mean"]) == ((w, "%.1f" % pw[w]["after"]) if w else ("", "")), (p, o["pain"])
    assert p["meaningful"] == cell(o["pain"]["meaningful"]), p
    names = {x["id"]: x["name"] for x in r["exercises"]}
    assert [tuple(e) for e in t[4][1:]] == [(e["day"], e["exercise"], names[e["exercise"]], str(e["pain"]), e["when"], str(e["limit"]))
                                        for e in o["pain_events"]], t[4]
q = tables(sys.argv[3])
assert q[2][3][:7] == ["swelling", 'Swelling, "left" knee', "cm", "2026-11-03", "-1.5", "2026-11-03", "-1.5"], q[2]
assert q[4][1:] == [["2026-11-04", "bridge", 'Bridges, "both" legs', "7", "on a skip", "3"]], q[4]
PY

# ---- wrapping: a value and its unit stay on one line -----------------------
# Twenty measures, their names 30 to 50 columns long, units of one word or
# more: wherever the 80th column falls, no value is parted from its unit
# (the wrapper once left "101.5" at a line's end and "°" on the next), no
# line passes 80 columns, and joined up the items say all they said.
python3 - "$T/wrap.cfg" <<'PY'
import sys
units = ["°", "stands", "s per leg", "cm"]
rows = ['    { id = "m%d"; name = "%s"; unit = "%s"; min = 0; max = 200; every = "week"; goal = 120; }'
        % (i, ("Knee bend, measured lying down" + " abcdefghijklmnopqrst")[:31 + i].rstrip(), units[i % 4]) for i in range(20)]
open(sys.argv[1], "w").write('version = 1;\nprogram: { title = "Wrap"; start = "2026-11-02";\n  measures = (\n'
                             + ",\n".join(rows) + ' );\n};\nexercises = ( { id = "quad-set"; name = "Quad sets"; sets = 1; } );\n')
PY
w=(--config "$T/wrap.cfg" --db "$T/wrap.db")
for i in $(seq 0 19); do at 2026-11-02T08:00 measure "m$i" 92.5 "${w[@]}"; done
for i in $(seq 0 19); do at 2026-11-09T08:00 measure "m$i" 101.5 "${w[@]}"; done
for f in text md html; do HEP_NOW=2026-11-09T20:00 "$hep" report --format $f "${w[@]}" >"$T/wrap.$f"; done
python3 - "$T/wrap.text" "$T/wrap.cfg" <<'PY' && ok wrap_value_with_unit || bad wrap_value_with_unit "$(sed -n '/^Outcomes/,$p' "$T/wrap.text")"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert "\u00a0" not in text
lines = text.split("\n")
assert all(len(l) <= 80 for l in lines), [l for l in lines if len(l) > 80]
measures = re.findall(r'name = "([^"]*)"; unit = "([^"]*)"', open(sys.argv[2], encoding="utf-8").read())
wrapped = 0
for name, u in measures:
    at = next(i for i, l in enumerate(lines) if l.startswith("  " + name + ": "))
    item, k = [lines[at]], at + 1
    while k < len(lines) and lines[k].startswith("    "):
        item.append(lines[k])
        k += 1
    wrapped += len(item) > 1
    want = "  %s: 92.5 %s on 2026-11-02 to 101.5 %s on 2026-11-09, change +9 %s; goal 120 %s: not yet met" % (name, u, u, u, u)
    assert " ".join(l.strip() for l in item) == want.strip(), (item, want)
    # Each value with its unit, on one line.
    for v in ("92.5", "101.5", "+9", "120"):
        assert sum(l.count(v + " " + u) for l in item) == 1, (v, u, item)
assert wrapped == 20
PY
grep -q '^- Knee bend, measured lying down: 92.5 ° on 2026-11-02 to 101.5 ° on 2026-11-09, change +9 °; goal 120 °: not yet met$' "$T/wrap.md" &&
	! grep -q $'\xc2\xa0' "$T/wrap.md" &&
	grep -q '<li>Knee bend, measured lying down ab: 92.5&#160;s&#160;per&#160;leg on 2026-11-02 to 101.5&#160;s&#160;per&#160;leg on' "$T/wrap.html" &&
	ok wrap_md_html || bad wrap_md_html "$(grep -m2 'lying down' "$T/wrap.md" "$T/wrap.html")"

# ---- property: the numbers are a plain recomputation from the entries ----------
# Random histories of measures (corrections the same day, entries out of day
# order), PSFS check-ins (the activity list changing) and sessions with
# pains, restored from a JSON back-up: hep outcomes --json must equal what
# SPEC 8.1 says, computed here without hep's code.
cases=${HEP_OUTCOME_CASES:-40}
export HEP_DB=$T/p.db
python3 - "$hep" "$T" "$cases" <<'PY' && ok "outcomes_property ($cases histories)" || bad outcomes_property
import datetime, json, os, random, subprocess, sys
hep, T, cases = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = datetime.date(2026, 9, 7)          # a Monday
today = datetime.date(2026, 11, 25)
def iso(d): return d.isoformat()
def printed(v): return round(float(format(v, ".1f")) * 10)   # "%.1f", in tenths
def week_of(d): return d - datetime.timedelta(days=d.weekday())
for case in range(cases):
    rnd = random.Random(case)
    acts = ["Stairs", "Kneeling", "Walking"][:rnd.randint(1, 3)]
    measures = [("bend", 0, 1600, 1200 if rnd.random() < 0.7 else None, rnd.random() < 0.3),
                ("stand", -50, 600, None, False)]
    cfg = os.path.join(T, f"p{case}.cfg")
    with open(cfg, "w") as f:
        f.write('version = 1;\nprogram: { title = "P"; start = "%s"; week_starts = "monday";\n' % iso(start))
        f.write('  measures = (\n')
        f.write(',\n'.join('    { id = "%s"; name = "%s"; unit = "u"; min = %s; max = %s; every = "week";%s%s }' % (
            i, i, lo / 10, hi / 10, " goal = %s;" % (g / 10) if g is not None else "",
            ' better = "lower";' if low else "") for i, lo, hi, g, low in measures))
        f.write(' );\n  psfs = [%s];\n};\n' % ", ".join('"%s"' % a for a in acts))
        f.write('exercises = ( { id = "ex"; name = "Ex"; sets = 1; per_day = 3; } );\n')
    entries, seq = [], 0
    def add(kind, day, **kw):
        global seq
        seq += 1
        e = {"seq": seq, "made_at": iso(day) + "T08:00:00Z", "kind": kind, "exercise": None,
             "day": iso(day), "session": None, "late": False, "pain": None, "pain_before": None,
             "note": None, "reason": None, "value": None, "replaces": None}
        e.update(kw)
        entries.append(e)
    days = (today - start).days
    for _ in range(rnd.randint(0, 25)):
        d = start + datetime.timedelta(days=rnd.randrange(days + 1))
        i, lo, hi, _, _ = rnd.choice(measures)
        for _ in range(rnd.choice([1, 1, 1, 2, 3])):      # corrections
            add("measure", d, exercise=i, value=rnd.randint(lo, hi) / 10)
    for _ in range(rnd.randint(0, 8)):
        d = start + datetime.timedelta(days=rnd.randrange(days + 1))
        names = acts if rnd.random() < 0.7 else acts[:-1] + ["Old"]
        add("psfs", d, value={"ratings": [rnd.randint(0, 10) for _ in names], "activities": names})
    n_sess = {}
    for _ in range(rnd.randint(0, 30)):
        d = start + datetime.timedelta(days=rnd.randrange(days + 1))
        if n_sess.get(d, 0) == 3:
            continue
        n_sess[d] = n_sess.get(d, 0) + 1
        p = rnd.choice([None, rnd.randint(0, 10)])
        b = rnd.choice([None, rnd.randint(0, 10)])
        add("session", d, exercise="ex", session=n_sess[d], pain=p, pain_before=b)
    back = os.path.join(T, f"p{case}.json")
    json.dump({"entries": entries}, open(back, "w"))
    db = os.path.join(T, f"p{case}.db")
    env = dict(os.environ, HEP_NOW=iso(today) + "T20:00", HEP_CONFIG=cfg, HEP_DB=db)
    subprocess.run([hep, "import", back], env=env, check=True, stdout=subprocess.DEVNULL)
    got = json.loads(subprocess.run([hep, "outcomes", "--json"], env=env, check=True,
                                    capture_output=True, text=True).stdout)
    # The reference, from the entries alone.
    for (i, lo, hi, goal, low), m in zip(measures, got["measures"]):
        by_day = {}
        for e in entries:                  # in seq order: the latest wins
            if e["kind"] == "measure" and e["exercise"] == i:
                by_day[e["day"]] = round(e["value"] * 10)
        if not by_day:
            assert m["first"] is None and m["latest"] is None and m["change"] is None, (case, m)
            continue
        f, l = min(by_day), max(by_day)
        assert m["first"] == {"day": f, "value": by_day[f] / 10 if by_day[f] % 10 else by_day[f] // 10}, (case, m)
        assert round(m["latest"]["value"] * 10) == by_day[l] and m["latest"]["day"] == l, (case, m)
        assert round(m["change"] * 10) == by_day[l] - by_day[f], (case, m)
        met = None if goal is None else (by_day[l] <= goal if low else by_day[l] >= goal)
        assert m["goal_met"] == met, (case, m, met)
    checkins = {}
    for e in entries:
        if e["kind"] == "psfs":
            checkins[e["day"]] = e["value"]
    p = got["psfs"]
    if not checkins:
        assert p["first"] is None and p["meaningful"] is False, (case, p)
    else:
        ds = sorted(checkins)
        latest = checkins[ds[-1]]
        first = next(d for d in ds if checkins[d]["activities"] == latest["activities"])
        score = lambda c: sum(c["ratings"]) / len(c["ratings"])
        # Changes are of the means as printed, in tenths.
        ch = printed(score(latest)) - printed(score(checkins[first]))
        assert p["first"]["day"] == first and p["latest"]["day"] == ds[-1], (case, p)
        assert abs(p["first"]["score"] - score(checkins[first])) <= 0.05 + 1e-9, (case, p)
        assert round(p["change"] * 10) == ch and p["meaningful"] == (ch >= 20), (case, p, ch)
    weeks = {}
    for e in entries:
        if e["kind"] == "session" and (e["pain"] is not None or e["pain_before"] is not None):
            w = weeks.setdefault(iso(week_of(datetime.date.fromisoformat(e["day"]))), [[], [], [], 0])
            w[3] += 1
            if e["pain"] is not None: w[1].append(e["pain"])
            if e["pain_before"] is not None: w[0].append(e["pain_before"])
            if e["pain"] is not None and e["pain_before"] is not None: w[2].append(e["pain"] - e["pain_before"])
    gw = {w["start"]: w for w in got["pain"]["weeks"]}
    assert sorted(gw) == sorted(weeks), (case, sorted(gw), sorted(weeks))
    mean = lambda v: None if not v else sum(v) / len(v)
    for s, (b, a, c, n) in weeks.items():
        for key, v in (("before", b), ("after", a), ("change", c)):
            want = mean(v)
            assert (gw[s][key] is None) == (want is None) and (want is None or abs(gw[s][key] - want) <= 0.05 + 1e-9), (case, s, key, gw[s], want)
        assert gw[s]["sessions"] == n
        assert (gw[s]["with_before"], gw[s]["with_after"], gw[s]["with_both"]) == (len(b), len(a), len(c)), (case, s, gw[s])
    with_after = sorted(s for s, w in weeks.items() if w[1])
    fw = with_after[0] if with_after else None
    lw = with_after[-1] if with_after else None
    assert (got["pain"]["first_week"], got["pain"]["latest_week"]) == (fw, lw), (case, got["pain"])
    meaningful = bool(with_after) and fw != lw and printed(mean(weeks[fw][1])) - printed(mean(weeks[lw][1])) >= 20
    assert got["pain"]["meaningful"] == meaningful, (case, got["pain"])
PY


# ---- the check-in due, said by today and remind; a PSFS correction --------------
export HEP_DB=$T/due.db HEP_NOW=2026-11-05T09:00
expect today_checkin_due 0 --out "Check-in due: Knee bend, 30-second chair stand, Swelling, PSFS ('hep measure', 'hep psfs' or c on the screen)" -- \
	sh -c "'$hep' today | grep '^Check-in due'"
expect remind_checkin_due 1 --out "2 left today: Quad sets, Bridges (0 of 3 this week); check-in due: Knee bend, 30-second chair stand, Swelling, PSFS" -- "$hep" remind
"$hep" measure knee-bend 90 >/dev/null
"$hep" measure chair-stand 10 >/dev/null
"$hep" measure swelling 1 >/dev/null
expect psfs_first_of_day 0 --out "PSFS: score 3.0 (3 activities) recorded for 2026-11-05" -- "$hep" psfs 3 3 3
expect psfs_correction_says_what_it_replaces 0 --out "PSFS: score 3.3 (3 activities) recorded for 2026-11-05 (it replaces the score 3.0)" -- "$hep" psfs 3 3 4
expect today_nothing_due 0 --out "" -- sh -c "'$hep' today | grep '^Check-in' || true"
# The activities changed the same week: the new list is due at once, and
# a rating of it ends that.
sed 's/"Walking [^"]*"/"Walking to the shop without a cane"/' "$HEP_CONFIG" >"$T/due-new.cfg"
grep -q 'Walking to the shop' "$T/due-new.cfg" && ! cmp -s "$HEP_CONFIG" "$T/due-new.cfg" || bad psfs_list_changed_in_test
expect psfs_due_after_new_list 0 --out "Check-in due: PSFS ('hep measure', 'hep psfs' or c on the screen)" -- \
	sh -c "HEP_NOW=2026-11-05T18:00 '$hep' today --config '$T/due-new.cfg' | grep '^Check-in due'"
HEP_NOW=2026-11-05T18:05 "$hep" psfs 3 3 2 --config "$T/due-new.cfg" >/dev/null
expect psfs_new_list_rated 0 --out "" -- \
	sh -c "HEP_NOW=2026-11-05T18:10 '$hep' today --config '$T/due-new.cfg' | grep '^Check-in' || true"
# Another day: only its own check-ins count (the daily swelling is due again).
expect remind_next_day 1 --out "2 left today: Quad sets, Bridges (0 of 3 this week); check-in due: Swelling" -- env HEP_NOW=2026-11-06T09:00 "$hep" remind
expect today_past_day_says_nothing 0 --out "" -- sh -c "HEP_NOW=2026-11-06T09:00 '$hep' today --date 2026-11-05 | grep '^Check-in' || true"
# The exit status is the exercises' alone: all done (the bridges' week
# met), a check-in still due, said as a sentence after a sentence.
for d in 02 03 04; do HEP_NOW=2026-11-06T09:00 "$hep" done bridge --date 2026-11-$d >/dev/null; done
HEP_NOW=2026-11-06T09:00 "$hep" done quad-set >/dev/null
expect remind_due_exit_zero_when_done 0 --out "All done for today. Check-in due: Swelling." -- env HEP_NOW=2026-11-06T09:00 "$hep" remind

finish
