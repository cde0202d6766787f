#!/usr/bin/env bash
# Reports for the therapist (SPEC section 4): every format from one record,
# on-time and late adherence apart, pain and its trend, notes, CSV cells
# that cannot run as formulas, HTML that parses and carries its charts.
source "$(dirname "$0")/lib.sh"

export HEP_CONFIG=$src/data/report.cfg HEP_DB=$T/r.db
# Two weeks, logged on the day (on time) except where said; each line is
# "WHEN ARGS...", run in the order of WHEN (the clock moves on: SPEC 6.2).
plan() {
	for d in 02 03 04 05 06 07 08 09 10 11 12 13 14 15; do
		echo "2026-11-${d}T08:00 done cat-cow --pain $((10#$d % 3 + 4))"
		[[ $d == 09 || $d == 10 ]] || echo "2026-11-${d}T19:00 done cat-cow --pain 3"
	done
	for d in 02 05 09 12; do echo "2026-11-${d}T08:05 done formula"; done
	for d in 03 05 10 12; do echo "2026-11-${d}T08:10 done walk"; done
	echo "2026-11-13T08:00 skip walk --reason travel --note away,_no_time"
	echo "2026-11-11T12:00 done cat-cow --date 2026-11-10 --note filled_in_a_day_late"
}
while read -r when args; do
	read -ra words <<<"$args"
	words=("${words[@]//_/ }")
	HEP_NOW=$when "$hep" "${words[@]}" >/dev/null || echo "setup failed: $when $args"
done < <(plan | sort -s -k1,1)
export HEP_NOW=2026-11-15T20:00

"$hep" report --from 2026-11-02 --to 2026-11-15 >"$T/report.txt"
expect report_text 0 --out "Home exercise report: Back care
Patient: Ana <Test> & Co    Therapist: R. Lee, PT
Span: 2026-11-02 to 2026-11-15 (14 days)

Adherence: 97% of due sessions (35 of 36); on time: 94% (34 of 36)
Streak: 6 days in a row (longest 7)
Skips: travel 1 day (1 exercise-day)
Pain: average 4.1 of 10 over 26 sessions, steady

Exercise                        Done/due   All  On time  Streak
Cat-cow                            27/28   96%      93%  6 days
  2 × 10, 2/day; skips: none; pain 4.1 steady
=SUM(A1:A9)                          4/4  100%     100%  4 days
  1 set, hold 30 s, on Mon Thu, 1/day; skips: none
Walk                                 4/4  100%     100%  2 weeks
  1 set, any 2 days/week; skips: travel 1

Week of      Done/due  All  On time
2026-11-02   18/18     100%    100%
2026-11-09   17/18      94%     89%

Notes
2026-11-10  Cat-cow: filled in a day late
2026-11-13  Walk (skipped: travel): away, no time

Outcomes
  Called meaningful: pain down 2 points or more (Farrar et al., 2001), the PSFS
    up 2 points or more (Stratford et al., 1995), a measure's goal reached.
  Pain \"lower\", \"steady\" or \"higher\" above compares the second half of these
    days with the first (a point or more); the weeks below compare the first
    week with the latest.
  Pain after sessions: 4.1 in the week of 2026-11-02 to 4.1 in the week of
    2026-11-09, no change
  Week of 2026-11-02: before -, after 4.1 (n=14)
  Week of 2026-11-09: before -, after 4.1 (n=12)" -- "$hep" report --from 2026-11-02 --to 2026-11-15

"$hep" report --from 2026-11-02 --to 2026-11-15 --format json >"$T/r.json"
python3 - "$T/r.json" <<'PY' && ok report_json || bad report_json "$(head -c 800 "$T/r.json")"
import json, sys
r = json.load(open(sys.argv[1]))
assert (r["from"], r["to"], r["since_visit"]) == ("2026-11-02", "2026-11-15", False)
assert (r["due"], r["done"], r["done_on_time"]) == (36, 35, 34), r
assert r["adherence"] == 0.972 and r["adherence_on_time"] == 0.944, r
assert r["skips"]["travel"] == 1 and r["pain"]["sessions"] == 26
c = r["exercises"][0]
assert c["id"] == "cat-cow" and (c["due"], c["done"], c["done_on_time"]) == (28, 27, 26), c
assert [w["done"] for w in c["weeks"]] == [14, 13], c["weeks"]
assert [w["start"] for w in r["weeks"]] == ["2026-11-02", "2026-11-09"]
assert [(w["due"], w["done"], w["done_on_time"]) for w in r["weeks"]] == [(18, 18, 18), (18, 17, 16)]
assert r["streak"] == {"current": 6, "longest": 7}
assert len(r["pain_by_day"]) == 14 and r["pain_by_day"][0] == {"day": "2026-11-02", "average": 4.5}, r["pain_by_day"]
assert [n["text"] for n in r["notes"]] == ["filled in a day late", "away, no time"]
w = r["exercises"][2]
assert w["streak"] == {"current": 2, "longest": 2, "unit": "weeks"}, w
PY

"$hep" report --from 2026-11-02 --to 2026-11-15 --format csv >"$T/r.csv"
expect report_csv 0 --out 'week,exercise,name,due,done,adherence
2026-11-02,cat-cow,Cat-cow,14,14,1.000
2026-11-09,cat-cow,Cat-cow,14,13,0.929
2026-11-02,formula,"'"'"'=SUM(A1:A9)",2,2,1.000
2026-11-09,formula,"'"'"'=SUM(A1:A9)",2,2,1.000
2026-11-02,walk,Walk,2,2,1.000
2026-11-09,walk,Walk,2,2,1.000

week,outcome,value
2026-11-02,pain_after,4.1
2026-11-09,pain_after,4.1

pain,first_week,first_mean,latest_week,latest_mean,meaningful
after,2026-11-02,4.1,2026-11-09,4.1,false' -- "$hep" report --from 2026-11-02 --to 2026-11-15 --format csv
! grep -qE '(^|,)[=+@-]' "$T/r.csv" && ok csv_no_formula_cells || bad csv_no_formula_cells "$(cat "$T/r.csv")"

"$hep" report --from 2026-11-02 --to 2026-11-15 --format md >"$T/r.md"
grep -q '^| Cat-cow | 2 × 10 | 2/day | 27/28 | 96% | 93% | 6 days | none | 4.1 steady |$' "$T/r.md" &&
	grep -q '^# Home exercise report: Back care$' "$T/r.md" && ok report_md || bad report_md "$(cat "$T/r.md")"

"$hep" report --from 2026-11-02 --to 2026-11-15 --format html >"$T/r.html"
# Well-formed XML (so the inline SVG is too), and an HTML parser finds
# nothing wrong but the SVG tags its HTML 4 grammar does not know.
if xmllint --noout "$T/r.html" 2>"$T/xml.err" && [[ ! -s $T/xml.err ]]; then ok html_well_formed; else bad html_well_formed "$(head -5 "$T/xml.err")"; fi
xmllint --html --noout "$T/r.html" 2>&1 | grep 'error' | grep -vE 'Tag (svg|line|text|rect|title|polyline|circle) invalid' >"$T/html.err"
[[ ! -s $T/html.err ]] && ok html_parses || bad html_parses "$(head -5 "$T/html.err")"
# Adherence bars, pain around sessions by week (after only here: 2 points,
# and its legend's circle and square), pain by day (14 points).
[[ $(grep -c '<svg' "$T/r.html") == 3 && $(grep -c '<rect' "$T/r.html") == 3 && $(grep -c '<circle' "$T/r.html") == 17 ]] &&
	ok html_has_charts || bad html_has_charts "$(grep -c '<svg' "$T/r.html") svg"
grep -q 'Ana &lt;Test&gt; &amp; Co' "$T/r.html" && ok html_escapes || bad html_escapes
! grep -qiE '<script|https?://[^"]*"[^>]*(src|href)=|<link' "$T/r.html" && ok html_self_contained || bad html_self_contained
grep -q '@media print' "$T/r.html" && ok html_printable || bad html_printable

# The span since the last clinic visit; the default four weeks (from the
# program start, 2026-11-02, when they would reach back before it).
"$hep" report --since-visit --format json >"$T/v.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if (r["from"], r["to"], r["since_visit"]) == ("2026-11-02", "2026-11-15", True) else 1)' "$T/v.json" &&
	ok since_visit_span || bad since_visit_span "$(head -c 200 "$T/v.json")"
"$hep" report --format json >"$T/d.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if (r["from"], r["to"]) == ("2026-11-02", "2026-11-15") else 1)' "$T/d.json" &&
	ok default_four_weeks || bad default_four_weeks "$(head -c 200 "$T/d.json")"
grep -v visits "$src/data/report.cfg" >"$T/novisit.cfg"
expect no_visit 1 --err-has "no clinic visit before today" -- "$hep" report --since-visit --config "$T/novisit.cfg"
expect bad_format 2 --err-has "--format for 'report' is text, md, csv, json or html, not 'pdf'" -- "$hep" report --format pdf
expect to_before_from 2 --err-has "--to is before --from" -- "$hep" report --from 2026-11-10 --to 2026-11-01
expect to_and_visit 2 --err-has "--to and --since-visit cannot be combined" -- "$hep" report --to 2026-11-10 --since-visit

# A long report reads its tallies a year at a time: each week of it, also
# those at the seams of its years, equals the report of that week alone.
python3 "$src/bench/gen.py" stress 900 "$T/long.json" "$T/long.cfg" 2>/dev/null
long=(--config "$T/long.cfg" --db "$T/long.db")
HEP_NOW=2026-11-25T21:00 "$hep" import "$T/long.json" "${long[@]}" >/dev/null
HEP_NOW=2026-11-25T21:00 "$hep" report --format json --from 2024-06-12 "${long[@]}" >"$T/long.r.json"
if python3 - "$hep" "$T/long.r.json" "${long[@]}" <<'PY'; then ok long_report_by_year; else bad long_report_by_year; fi
import datetime, json, os, subprocess, sys
hep, path, args = sys.argv[1], sys.argv[2], sys.argv[3:]
env = dict(os.environ, HEP_NOW="2026-11-25T21:00")
weeks = json.load(open(path))["weeks"]
seams = {datetime.date(2025, 6, 8), datetime.date(2026, 6, 7)}  # years' last days
checked = 0
for w in weeks[1:-1]:
    start = datetime.date.fromisoformat(w["start"])
    if not any(abs((start - s).days) <= 14 for s in seams):
        continue
    end = start + datetime.timedelta(days=6)
    one = json.loads(subprocess.run([hep, "report", "--format", "json", "--from", str(start), "--to", str(end)] + args,
                                    env=env, capture_output=True, text=True, check=True).stdout)
    got = (w["due"], w["done"], w["done_on_time"])
    want = (one["due"], one["done"], one["done_on_time"])
    if got != want or want[0] == 0:
        print("  week", start, "in the long report", got, "alone", want)
        sys.exit(1)
    checked += 1
sys.exit(0 if checked >= 8 else 1)
PY


# ---- a dose changed midweek is dated the day it took effect ---------------------
# The therapist's edit on Wednesday after the morning's tick takes effect on
# Thursday (SPEC section 3); the report's "Dose changes" says Thursday, not
# the week's Monday, and an exercise added with it starts Thursday too.
printf '%s\n' 'version = 1;' 'program: { title = "Mid"; start = "2026-11-02"; week_starts = "monday"; };' \
	'exercises = ( { id = "quad-set"; name = "Quad sets"; sets = 3; reps = 10; } );' >"$T/mid1.cfg"
printf '%s\n' 'version = 1;' 'program: { title = "Mid"; start = "2026-11-02"; week_starts = "monday"; };' \
	'exercises = ( { id = "quad-set"; name = "Quad sets"; sets = 3; reps = 12; },' \
	'  { id = "squat"; name = "Mini squats"; sets = 2; reps = 10; } );' >"$T/mid2.cfg"
mid=(--db "$T/mid.db")
HEP_NOW=2026-11-02T08:00 "$hep" done quad-set --config "$T/mid1.cfg" "${mid[@]}" >/dev/null
HEP_NOW=2026-11-04T08:00 "$hep" done quad-set --config "$T/mid1.cfg" "${mid[@]}" >/dev/null
HEP_NOW=2026-11-04T09:00 "$hep" today --config "$T/mid2.cfg" "${mid[@]}" >/dev/null
expect dose_change_dated_when_in_force 0 --out "Dose changes
  Quad sets from 2026-11-02: 3 × 10, 1/day
  Quad sets from 2026-11-05: 3 × 12, 1/day
  Mini squats from 2026-11-05: added, 2 × 10, 1/day" -- \
	sh -c "HEP_NOW=2026-11-20T09:00 '$hep' report --from 2026-11-02 --to 2026-11-15 --config '$T/mid2.cfg' --db '$T/mid.db' | sed -n '/^Dose changes/,/^\$/{/^\$/!p}'"
HEP_NOW=2026-11-20T09:00 "$hep" report --format json --from 2026-11-02 --to 2026-11-15 --config "$T/mid2.cfg" "${mid[@]}" >"$T/mid.json"
python3 - "$T/mid.json" <<'PY' && ok dose_froms_in_json || bad dose_froms_in_json "$(cat "$T/mid.json" | head -c 800)"
import json, sys
x = {e["id"]: e for e in json.load(open(sys.argv[1]))["exercises"]}
assert [d["from"] for d in x["quad-set"]["doses"]] == ["2026-11-02", "2026-11-05"], x["quad-set"]["doses"]
assert [d["from"] for d in x["squat"]["doses"]] == ["2026-11-05"], x["squat"]["doses"]
PY

# ---- issue 22: the visit-day report, skips in days, how often, the text -------
# On a visit day (2026-11-16) --since-visit covers the visit before through
# yesterday; the default 28 days end yesterday while nothing is recorded
# today, and today once something is; a week the span cuts says its days.
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if (r["from"], r["to"]) == ("2026-11-02", "2026-11-15") else 1)' \
	<(HEP_NOW=2026-11-16T07:00 "$hep" report --since-visit --format json) &&
	ok visit_day_since_visit || bad visit_day_since_visit "$(HEP_NOW=2026-11-16T07:00 "$hep" report --since-visit | sed -n 3p)"
expect default_span_ends_yesterday 0 --out "Span: 2026-11-02 to 2026-11-28 (27 days, from the program's start)" -- \
	sh -c "HEP_NOW=2026-11-29T07:00 '$hep' report | grep '^Span'"
HEP_NOW=2026-12-06T07:00 "$hep" report --format json >"$T/d28.json"
HEP_NOW=2026-12-06T07:00 "$hep" done cat-cow >/dev/null
HEP_NOW=2026-12-06T07:05 "$hep" report --format json >"$T/d28t.json"
python3 - "$T/d28.json" "$T/d28t.json" <<'PY' && ok default_span_28_whole_days || bad default_span_28_whole_days "$(head -c 300 "$T/d28.json")"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert (a["from"], a["to"]) == ("2026-11-08", "2026-12-05"), (a["from"], a["to"])
assert [w["days"] for w in a["weeks"]] == [1, 7, 7, 7, 6], a["weeks"]
assert (b["from"], b["to"]) == ("2026-11-09", "2026-12-06"), (b["from"], b["to"])
PY
expect week_labelled_with_its_days 0 --out "Week of               Done/due  All  On time
2026-11-08 (1 day)    2/2       100%    100%" -- \
	sh -c "HEP_NOW=2026-12-06T07:05 '$hep' report --from 2026-11-08 --to 2026-11-20 | grep -A2 '^Week of' | head -2"

# Skips in days: a sick day skipping all three exercises is one day, three
# exercise-days, in every format.
sk=(--config "$src/data/report.cfg" --db "$T/sk.db")
for d in 03 04; do HEP_NOW=2026-11-${d}T08:00 "$hep" skip --all --reason sick "${sk[@]}" >/dev/null; done
HEP_NOW=2026-11-05T08:00 "$hep" skip cat-cow --reason pain "${sk[@]}" >/dev/null
expect skips_in_days 0 --out "Skips: pain 1 day (1 exercise-day), sick 2 days (4 exercise-days)" -- \
	sh -c "HEP_NOW=2026-11-06T09:00 '$hep' report --from 2026-11-02 --to 2026-11-05 --config '$src/data/report.cfg' --db '$T/sk.db' | grep '^Skips'"
HEP_NOW=2026-11-06T09:00 "$hep" report --from 2026-11-02 --to 2026-11-05 --format md "${sk[@]}" >"$T/sk.md"
HEP_NOW=2026-11-06T09:00 "$hep" report --from 2026-11-02 --to 2026-11-05 --format html "${sk[@]}" >"$T/sk.html"
HEP_NOW=2026-11-06T09:00 "$hep" report --from 2026-11-02 --to 2026-11-05 --format json "${sk[@]}" >"$T/sk.json"
grep -q '^- Skips: pain 1 day (1 exercise-day), sick 2 days (4 exercise-days)$' "$T/sk.md" &&
	grep -q '| sick 2 |' "$T/sk.md" && grep -q 'Skips: pain 1 day (1 exercise-day), sick 2 days (4 exercise-days)' "$T/sk.html" &&
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r["skip_days"]["sick"] == 2 and r["skips"]["sick"] == 4 and r["skip_days"]["pain"] == 1 else 1)' "$T/sk.json" &&
	ok skips_in_days_every_format || bad skips_in_days_every_format "$(grep -i skips "$T/sk.md")"

# The Markdown summary has its comma; a pain of one session is told as such,
# never a number alone (nor a trend with no pain in the span's second
# half); a mean of a half tenth rounds away from zero.
pn=(--config "$src/data/report.cfg" --db "$T/pn.db")
HEP_NOW=2026-11-02T08:00 "$hep" done cat-cow --pain 1 "${pn[@]}" >/dev/null
HEP_NOW=2026-11-02T09:00 "$hep" done cat-cow --pain 1 "${pn[@]}" >/dev/null
HEP_NOW=2026-11-03T08:00 "$hep" done cat-cow --pain 1 "${pn[@]}" >/dev/null
HEP_NOW=2026-11-03T09:00 "$hep" done cat-cow --pain 2 "${pn[@]}" >/dev/null
HEP_NOW=2026-11-09T09:05 "$hep" done walk --pain 2 "${pn[@]}" >/dev/null
HEP_NOW=2026-11-10T09:00 "$hep" report --from 2026-11-02 --to 2026-11-09 --format md "${pn[@]}" >"$T/pn.md"
grep -q '^- Pain: average 1.4 of 10 over 5 sessions, steady$' "$T/pn.md" &&
	grep -q '| 1.3 (4 sessions) |$' "$T/pn.md" && grep -q '| 2.0 (1 session) |$' "$T/pn.md" &&
	ok md_pain_words || bad md_pain_words "$(grep -i pain "$T/pn.md" | head -5)"
# Pain after sessions in the first week is 5/4 = 1.25: "1.3", as a reader
# rounds, and the change to 2.0 "up 0.7", the means as printed.
expect mean_rounds_half_up 0 --out "  Pain after sessions: 1.3 in the week of 2026-11-02 to 2.0 in the week of
    2026-11-09, up 0.7" -- \
	sh -c "HEP_NOW=2026-11-10T09:00 '$hep' outcomes --from 2026-11-02 --to 2026-11-09 --config '$src/data/report.cfg' --db '$T/pn.db' | grep -A1 '^  Pain after'"
HEP_NOW=2026-11-10T09:00 "$hep" report --from 2026-11-02 --to 2026-11-09 --format html "${pn[@]}" >"$T/pn.html"
grep -q '>2 Nov</text>' "$T/pn.html" && ! grep -qE '>[0-9]+/[0-9]+</text>' "$T/pn.html" &&
	ok chart_dates_unambiguous || bad chart_dates_unambiguous "$(grep -o '>[^<]*</text>' "$T/pn.html" | head -5)"

# How often, for an exercise added: in history and, with the one removed,
# in the report's dose changes.
expect history_added_how_often 0 --out "  added Mini squats (squat): 2 × 10, 1/day" -- \
	sh -c "HEP_NOW=2026-11-20T09:00 '$hep' history --config '$T/mid2.cfg' --db '$T/mid.db' | grep added"
# And for every exercise of the first version (issue 22's second trial).
expect history_first_how_often 0 --out "  Quad sets (quad-set): 3 × 10, 1/day" -- \
	sh -c "HEP_NOW=2026-11-20T09:00 '$hep' history --config '$T/mid2.cfg' --db '$T/mid.db' | grep '^  Quad sets'"
HEP_NOW=2026-11-20T09:00 "$hep" today --config "$T/mid1.cfg" "${mid[@]}" >/dev/null
expect dose_change_removed 0 --out "  Mini squats from 2026-11-20: removed" -- \
	sh -c "HEP_NOW=2026-11-22T09:00 '$hep' report --from 2026-11-16 --to 2026-11-21 --config '$T/mid1.cfg' --db '$T/mid.db' | grep 'Mini squats from'"

# A trend needs a pain in both halves of the span: two ratings in its
# first half and none in its second compare nothing, in every format.
tf=(--config "$src/data/report.cfg" --db "$T/tf.db")
HEP_NOW=2026-11-02T08:00 "$hep" done cat-cow --pain 5 "${tf[@]}" >/dev/null
HEP_NOW=2026-11-03T08:00 "$hep" done cat-cow --pain 6 "${tf[@]}" >/dev/null
for f in text md html json; do
	HEP_NOW=2026-11-10T08:00 "$hep" report --from 2026-11-02 --to 2026-11-09 --format $f "${tf[@]}" >"$T/tf.$f"
done
grep -qx 'Pain: average 5.5 of 10 over 2 sessions, too few to compare' "$T/tf.text" &&
	grep -q '^  2 × 10, 2/day; skips: none; pain 5.5 (2 sessions)$' "$T/tf.text" &&
	grep -qx -- '- Pain: average 5.5 of 10 over 2 sessions, too few to compare' "$T/tf.md" &&
	grep -q 'average pain (0-10), trend: too few to compare<' "$T/tf.html" && ! grep -qE 'sessions, steady|trend: steady' "$T/tf.text" "$T/tf.md" "$T/tf.html" &&
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r["pain"]["trend"] is None and r["exercises"][0]["pain"]["trend"] is None else 1)' "$T/tf.json" &&
	ok trend_needs_both_halves || bad trend_needs_both_halves "$(grep -i 'pain' "$T/tf.text" | head -3)"

# Markdown escapes what Markdown needs: '<', '>' and '&' (raw HTML and
# entities pass through it), never quotes or apostrophes.
! grep -qE '&#39;|&quot;' "$T/tf.md" && grep -q "a measure's goal reached" "$T/tf.md" &&
	grep -q 'Pain "lower", "steady" or "higher"' "$T/tf.md" &&
	HEP_NOW=2026-11-10T08:00 "$hep" report --format md "${tf[@]}" | grep -qF 'Ana &lt;Test&gt; &amp; Co' &&
	ok md_no_quote_entities || bad md_no_quote_entities "$(grep -E '&#39;|&quot;' "$T/tf.md" | head -3)"

# Today is not in adherence until all of it is done (SPEC 6.2): while it is
# open its week rows end yesterday, never "0/0" beside today's sessions,
# and the span says so once; done, today counts in its row.
td=(--config "$src/data/report.cfg" --db "$T/td.db")
for d in 02 03 04 05 06 07 08 09; do HEP_NOW=2026-11-${d}T08:00 "$hep" done cat-cow --pain 4 "${td[@]}" >/dev/null; done
expect today_open_said_once 0 --out "Span: 2026-11-02 to 2026-11-09 (8 days, from the program's start; today not in
      adherence until all of it is done)" -- sh -c "HEP_NOW=2026-11-09T09:00 '$hep' report ${td[*]} | sed -n 3,4p"
expect today_open_not_a_row 0 --out "Week of      Done/due  All  On time
2026-11-02   7/18       39%     39%" -- sh -c "HEP_NOW=2026-11-09T09:00 '$hep' report ${td[*]} | sed -n '/^Week of/,/^\$/{/^\$/!p}'"
HEP_NOW=2026-11-09T09:00 "$hep" report --since-visit --format md "${td[@]}" >"$T/td.md"
HEP_NOW=2026-11-09T09:00 "$hep" report --format json "${td[@]}" >"$T/td.json"
grep -q '^- Span: 2026-11-02 to 2026-11-09 (8 days, since the last clinic visit; today not in adherence until all of it is done)$' "$T/td.md" &&
	! grep -q '^| 2026-11-09' "$T/td.md" && grep -q '^| 2026-11-02 | 7/18 |' "$T/td.md" &&
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if (r["to"], r["adherence_to"]) == ("2026-11-09", "2026-11-08") else 1)' "$T/td.json" &&
	ok today_open_every_format || bad today_open_every_format "$(grep -E 'Span|2026-11-0' "$T/td.md")"
for w in formula walk cat-cow; do HEP_NOW=2026-11-09T19:00 "$hep" done $w "${td[@]}" >/dev/null; done
expect today_done_counted 0 --out "2026-11-09 (1 day)    3/3       100%    100%" -- \
	sh -c "HEP_NOW=2026-11-09T20:00 '$hep' report ${td[*]} | grep '^2026-11-09'"

# Pain above the limit in episodes: a tick at pain 8 and a skip --all for
# pain at 8 on one day are two events, not six; the JSON keeps every one
# in "pain_events" and groups them in "pain_episodes".
sed 's/week_starts = "monday";/&\n  pain_limit  = 5;/' "$src/../config/examples/knee-replacement-early.cfg" >"$T/ep.cfg"
ep=(--config "$T/ep.cfg" --db "$T/ep.db")
HEP_NOW=2026-11-07T08:00 "$hep" done quad-set --pain 8 "${ep[@]}" >/dev/null
HEP_NOW=2026-11-07T09:00 "$hep" skip --all --reason pain --pain 8 "${ep[@]}" >/dev/null
expect pain_events_in_episodes 0 --out "Pain above the limit (2)
  Week of 2026-11-02 (limit 5): Sat 7, 8 on a skip of 5 exercises (Ankle pumps,
    Bed-supported knee bends, Quad sets, Straight leg raises, Walk); Sat 7 Quad
    sets, 8 after" -- \
	sh -c "HEP_NOW=2026-11-08T20:00 '$hep' report --from 2026-11-02 ${ep[*]} | sed -n '/^Pain above/,/^\$/{/^\$/!p}'"
HEP_NOW=2026-11-08T20:00 "$hep" report --from 2026-11-02 --format json "${ep[@]}" >"$T/ep.json"
python3 - "$T/ep.json" <<'PY' && ok pain_episodes_json || bad pain_episodes_json "$(head -c 600 "$T/ep.json")"
import json, sys
r = json.load(open(sys.argv[1]))
for d in (r, r["outcomes"]):
    assert len(d["pain_events"]) == 6, d["pain_events"]
    assert d["pain_episodes"] == [
        {"day": "2026-11-07", "exercises": ["ankle-pump", "knee-bend", "quad-set", "slr", "walk"], "pain": 8, "when": "on a skip", "limit": 5},
        {"day": "2026-11-07", "exercises": ["quad-set"], "pain": 8, "when": "after", "limit": 5}], d["pain_episodes"]
PY
for fmt in md html; do HEP_NOW=2026-11-08T20:00 "$hep" report --from 2026-11-02 --format $fmt "${ep[@]}" >"$T/ep.$fmt"; done
HEP_NOW=2026-11-08T20:00 "$hep" report --from 2026-11-02 "${ep[@]}" >"$T/ep.txt"
for fmt in txt md html; do events_told "pain_episodes_told_$fmt" "$T/ep.$fmt" "$T/ep.json" quad-set="Quad sets"; done

finish
