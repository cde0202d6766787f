#!/usr/bin/env bash
# The HTML report's outcome charts (SPEC section 8.1, issue 14): one per
# measure with a value in the span, one for the PSFS, one for pain before
# and after sessions, each on the adherence bars' weeks (the same x axis),
# in a page that stays well-formed and self-contained.
source "$(dirname "$0")/lib.sh"

# The program both outcome tests share.
cp "$(dirname "$0")/../data/outcomes.cfg" "$T/rx.cfg"
export HEP_CONFIG=$T/rx.cfg HEP_DB=$T/hep.db
at() { at_plan "$@"; }

# Six weeks from Monday 2026-11-02. The knee bend weekly, each week on
# another weekday (Mon to Sat), corrected once; the chair stand in four
# weeks; the swelling never. Three PSFS check-ins. Quad sets with pain
# before and after, except week 3 (after only) and week 5 (no pain).
at 2026-11-02T08:00 measure knee-bend 90
at 2026-11-10T08:00 measure knee-bend 95
at 2026-11-10T08:05 measure knee-bend 97.5 --note "measured again"
at 2026-11-18T08:00 measure knee-bend 101
at 2026-11-26T08:00 measure knee-bend 108
at 2026-12-04T08:00 measure knee-bend 114
at 2026-12-12T08:00 measure knee-bend 121
at 2026-11-04T08:00 measure chair-stand 8
at 2026-11-11T08:00 measure chair-stand 10
at 2026-11-23T08:00 measure chair-stand 12
at 2026-12-13T08:00 measure chair-stand 14
at 2026-11-02T08:10 psfs 3 3 2
at 2026-11-23T08:10 psfs 5 4 4
at 2026-12-13T08:10 psfs 7 6 6
w=0
for week in 02 09 16 23 30 37; do
	w=$((w + 1))
	for off in 0 1 3 5; do
		d=$(date -u -d "2026-11-01 +$((10#$week + off - 1)) days" +%F)
		case $w in
		3) at "${d}T09:00" done quad-set --pain $((7 - w)) ;;
		5) at "${d}T09:00" done quad-set ;;
		*) at "${d}T09:00" done quad-set --pain-before $((8 - w)) --pain $((7 - w)) ;;
		esac
	done
	((w % 2)) && at "$(date -u -d "2026-11-01 +$((10#$week)) days" +%F)T18:00" done bridge
done
# A pain above the limit (3) on a skip: an event, in no mean or chart.
at 2026-11-04T18:00 skip bridge --reason pain --pain 6
at_run
export HEP_NOW=2026-12-13T20:00

"$hep" report --format html --from 2026-11-02 --to 2026-12-13 >"$T/r.html"
if xmllint --noout "$T/r.html" 2>"$T/xml.err" && [[ ! -s $T/xml.err ]]; then ok html_well_formed; else bad html_well_formed "$(head -5 "$T/xml.err")"; fi
xmllint --html --noout "$T/r.html" 2>&1 | grep 'error' | grep -vE 'Tag (svg|line|text|rect|title|polyline|circle) invalid' >"$T/html.err"
[[ ! -s $T/html.err ]] && ok html_parses || bad html_parses "$(head -5 "$T/html.err")"
! grep -qiE '<script|<link|<iframe|<img|https?://[^"]*"[^>]*(src|href)=' "$T/r.html" && ok html_self_contained || bad html_self_contained
grep -q 'break-inside:avoid' "$T/r.html" && grep -q '@media print' "$T/r.html" && ok html_printable || bad html_printable

# The charts, read as XML.
python3 - "$T/r.html" >"$T/py.out" 2>&1 <<'PY'
import datetime, sys
import xml.etree.ElementTree as ET
S = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
fails = []
def check(name, cond, *info):
    print(("ok " if cond else "FAIL ") + name)
    if not cond:
        for i in info:
            print("  ", i)

# Nothing refers outside the page.
refs = [(e.tag, k) for e in root.iter() for k in e.attrib if k.split("}")[-1] in ("href", "src")]
check("no_external_refs", not refs, refs)

svgs = root.findall(".//" + S + "svg")
by = {s.get("aria-label"): s for s in svgs}
labels = [s.get("aria-label") for s in svgs]
want = ["Adherence by week", "Knee bend by week", "30-second chair stand by week",
        "PSFS score by week", "Pain before and after sessions by week", "Pain over time"]
check("svg_count", labels == want, labels)
check("no_chart_without_values", not any("Swelling" in l for l in labels), labels)
for l in want[1:5]:
    t = by[l].find(S + "title")
    check("title " + l, t is not None and t.text == l, t is not None and t.text)

def day(s): return datetime.date.fromisoformat(s)
# The adherence bars: each week's x, from the rects' titles.
rects = by["Adherence by week"].findall(S + "rect")
bar_x = {day(r.find(S + "title").text.split(":")[0]): int(r.get("x")) for r in rects}
starts = sorted(bar_x)
check("six_bars", len(starts) == 6 and starts[0] == datetime.date(2026, 11, 2), starts)
col = bar_x[starts[1]] - bar_x[starts[0]]
bar_w = int(rects[0].get("width"))
check("bar_width", bar_w == col * 3 // 4, (bar_w, col))
adh_labels = [(t.get("x"), t.text) for t in by["Adherence by week"].findall(S + "text") if "/" in (t.text or "")]

def points(svg, cls):
    return [e for e in svg if cls in (e.get("class") or "").split() and e.find(S + "title") is not None]

def aligned(name, svg, cls):
    bad = []
    for c in points(svg, cls):
        d = day(c.find(S + "title").text.split(":")[0])
        k = (d - starts[0]).days // 7
        week = starts[k]
        left = bar_x[week] - col // 8          # the week's column
        x = float(c.get("cx"))
        want_x = left + ((d - week).days + 0.5) * col / 7
        if abs(x - want_x) > 0.051 or not left <= x < left + col:
            bad.append((str(d), x, want_x))
    check(name, not bad, bad)

def labels_of(svg):
    return [(t.get("x"), t.text) for t in svg.findall(S + "text") if "/" in (t.text or "")]

values = {"Knee bend by week": ["2026-11-02: 90 °", "2026-11-10: 97.5 °", "2026-11-18: 101 °",
                                "2026-11-26: 108 °", "2026-12-04: 114 °", "2026-12-12: 121 °"],
          "30-second chair stand by week": ["2026-11-04: 8 stands", "2026-11-11: 10 stands",
                                            "2026-11-23: 12 stands", "2026-12-13: 14 stands"]}
for l, v in values.items():
    s = by[l]
    pts = points(s, "pt")
    check("points " + l, [p.find(S + "title").text for p in pts] == v, [p.find(S + "title").text for p in pts])
    line = s.findall(S + "polyline")
    check("joined " + l, len(line) == 1 and len(line[0].get("points").split()) == len(v), line)
    aligned("aligned " + l, s, "pt")
    check("week_labels " + l, labels_of(s) == adh_labels, labels_of(s), adh_labels)
    # Higher values higher up: y falls as the value grows.
    ys = [float(p.get("cy")) for p in pts]
    check("rising " + l, ys == sorted(ys, reverse=True) and len(set(ys)) == len(ys), ys)
    # Ticks: labelled numbers, and the unit in the caption.
    ticks = [t.text for t in s.findall(S + "text") if t.get("text-anchor") == "end" and t.text[0].isdigit()]
    check("ticks " + l, len(ticks) >= 2, ticks)

knee, chair = by["Knee bend by week"], by["30-second chair stand by week"]
goal = [e for e in knee if e.get("class") == "goal"]
goal_text = [t.text for t in knee.findall(S + "text") if (t.text or "").startswith("goal")]
check("goal_line", len(goal) == 1 and goal_text == ["goal 120 °"], goal, goal_text)
if goal:
    # The goal at its height: 120 lies between 114 and 121.
    gy = float(goal[0].get("y1"))
    ys = {p.find(S + "title").text[:10]: float(p.get("cy")) for p in points(knee, "pt")}
    check("goal_height", ys["2026-12-12"] < gy < ys["2026-12-04"], gy, ys)
check("no_goal_line", not [e for e in chair if e.get("class") == "goal"] and
      not [t for t in chair.findall(S + "text") if (t.text or "").startswith("goal")])
cap = [t.text for t in knee.findall(S + "text") if t.get("class") == "cap"]
check("caption_unit", cap == ["Knee bend (°), higher is better"], cap)

p = by["PSFS score by week"]
pts = points(p, "pt")
check("psfs_points", [x.find(S + "title").text.split(" (")[0] for x in pts] ==
      ["2026-11-02: 2.7", "2026-11-23: 4.3", "2026-12-13: 6.3"], [x.find(S + "title").text for x in pts])
aligned("psfs_aligned", p, "pt")
check("psfs_week_labels", labels_of(p) == adh_labels, labels_of(p))

pain = by["Pain before and after sessions by week"]
after = [e for e in pain if e.get("class") == "after-pt" and e.find(S + "title") is not None]
before = [e for e in pain if e.get("class") == "before-pt" and e.find(S + "title") is not None]
check("pain_after_points", [e.find(S + "title").text for e in after] == [
    "week of 2026-11-02: after 6.0 (4 sessions)", "week of 2026-11-09: after 5.0 (4 sessions)",
    "week of 2026-11-16: after 4.0 (4 sessions)", "week of 2026-11-23: after 3.0 (4 sessions)",
    "week of 2026-12-07: after 1.0 (4 sessions)"], [e.find(S + "title").text for e in after])
check("pain_before_points", [e.find(S + "title").text for e in before] == [
    "week of 2026-11-02: before 7.0 (4 sessions)", "week of 2026-11-09: before 6.0 (4 sessions)",
    "week of 2026-11-23: before 4.0 (4 sessions)", "week of 2026-12-07: before 2.0 (4 sessions)"],
      [e.find(S + "title").text for e in before])
# Each at the middle of its week's bar.
mid = {w: bar_x[w] + col * 3 // 8 for w in starts}
bad = [e.find(S + "title").text for e in after
       if float(e.get("cx")) != mid[day(e.find(S + "title").text[8:18])]]
bad += [e.find(S + "title").text for e in before
        if float(e.get("x")) + 3.5 != mid[day(e.find(S + "title").text[8:18])]]
check("pain_aligned", not bad, bad)
# Apart in grey: the two series differ in line style and marker.
lines = {e.get("class"): e for e in pain.findall(S + "polyline")}
check("pain_two_series", sorted(lines) == ["after", "before"], sorted(lines))
legend = [t.text for t in pain.findall(S + "text") if t.text in ("before", "after")]
check("pain_legend", sorted(legend) == ["after", "before"], legend)
# The daily pain chart is on the same weeks too.
daily = by["Pain over time"]
check("pain_by_day_points", len(points(daily, "dot")) == 20, len(points(daily, "dot")))
aligned("pain_by_day_aligned", daily, "dot")
check("pain_by_day_week_labels", labels_of(daily) == adh_labels, labels_of(daily))
PY
while read -r line; do
	case $line in
	ok\ *) ok "${line#ok }" ;;
	FAIL\ *) bad "${line#FAIL }" ;;
	*) echo "$line" ;;
	esac
done <"$T/py.out"
grep -q '^ok svg_count' "$T/py.out" || bad charts_parsed "$(tail -5 "$T/py.out")"
# The CSS says the dashes: the before series and the goal line are dashed.
grep -qE '\.before\{[^}]*stroke-dasharray' "$T/r.html" && grep -qE '\.goal[,{][^}]*stroke-dasharray' "$T/r.html" &&
	ok dashed_in_grey || bad dashed_in_grey

# One week alone (the third): the knee bend's single value, no line; the
# chair stand has none and draws no chart; no PSFS check-in, no chart.
"$hep" report --format html --from 2026-11-16 --to 2026-11-22 >"$T/w.html"
python3 - "$T/w.html" <<'PY' && ok one_week_charts || bad one_week_charts "$(grep -o 'aria-label="[^"]*"' "$T/w.html")"
import sys
import xml.etree.ElementTree as ET
S = "{http://www.w3.org/2000/svg}"
svgs = ET.parse(sys.argv[1]).getroot().findall(".//" + S + "svg")
labels = [s.get("aria-label") for s in svgs]
assert labels == ["Adherence by week", "Knee bend by week", "Pain before and after sessions by week",
                  "Pain over time"], labels
knee = svgs[1]
assert len([c for c in knee.findall(S + "circle")]) == 1 and not knee.findall(S + "polyline")
PY
grep -q '<h2>Adherence and outcomes by week</h2>' "$T/w.html" && ok heading_names_outcomes || bad heading_names_outcomes

# Pains above the limit, every one told (SPEC 2.1), a line a week, in
# text, Markdown and HTML, as the JSON lists them; the CSV repeats them.
span=(--from 2026-11-02 --to 2026-12-13)
for f in text md json csv html; do "$hep" report --format $f "${span[@]}" >"$T/r.$f"; done
expect events_by_week 0 --out "Pain above the limit (25)
  Week of 2026-11-02 (limit 3): Mon 2 Quad sets, 6 after; Mon 2 Quad" -- sh -c "sed -n '/^Pain above/,/^\$/{/^\$/!p}' '$T/r.text' | head -2"
for f in text md html; do
	events_told "events_told_$f" "$T/r.$f" "$T/r.json" quad-set="Quad sets" bridge=Bridges
done
python3 - "$T/r.json" "$T/r.csv" <<'PY' && ok events_in_csv || bad events_in_csv
import csv, io, json, sys
events = json.load(open(sys.argv[1]))["outcomes"]["pain_events"]
assert len(events) == 25
table = list(csv.reader(io.StringIO(open(sys.argv[2], newline="").read().split("\n\n")[-1])))
assert table[0] == ["day", "exercise", "name", "pain", "when", "limit"]
assert [(r[0], r[1], int(r[3]), r[4], int(r[5])) for r in table[1:]] == \
    [(e["day"], e["exercise"], e["pain"], e["when"], e["limit"]) for e in events], table
PY

# Without measures, PSFS or session pains the page is as it was: the
# adherence bars alone under their heading.
printf '%s\n' 'version = 1;' 'program: { title = "Plain"; start = "2026-11-02"; week_starts = "monday"; };' \
	'exercises = ( { id = "quad-set"; name = "Quad sets"; sets = 3; reps = 10; } );' >"$T/plain.cfg"
HEP_NOW=2026-11-03T09:00 "$hep" done quad-set --config "$T/plain.cfg" --db "$T/plain.db" >/dev/null
HEP_NOW=2026-11-08T20:00 "$hep" report --format html --config "$T/plain.cfg" --db "$T/plain.db" >"$T/p.html"
[[ $(grep -c '<svg' "$T/p.html") == 1 ]] && grep -q '<h2>Adherence by week</h2>' "$T/p.html" &&
	ok no_outcome_charts || bad no_outcome_charts "$(grep -o 'aria-label="[^"]*"' "$T/p.html")"


# A PSFS list changed midway: the line joins the latest list's check-ins
# only; the earlier ones are open points, said not to be compared, and the
# CSV names their weeks' scores apart.
sed 's/"Walking [^"]*"/"Walking to the shop"/' "$HEP_CONFIG" >"$T/new-list.cfg"
for d in 02 09; do HEP_NOW=2026-11-${d}T08:00 "$hep" psfs 3 3 2 --db "$T/list.db" >/dev/null; done
for d in 16 23; do HEP_NOW=2026-11-${d}T08:00 "$hep" psfs 5 4 4 --db "$T/list.db" --config "$T/new-list.cfg" >/dev/null; done
"$hep" report --format html --from 2026-11-02 --to 2026-11-29 --db "$T/list.db" --config "$T/new-list.cfg" >"$T/list.html"
line=$(grep -o '<polyline class="series psfs" points="[^"]*"' "$T/list.html" | sed 's/.*points="//; s/"$//')
[[ $(wc -w <<<"$line") == 2 && $(grep -c 'class="pt psfs earlier"><title>2026-11-0[29]: 2.7 (3 activities, an earlier list: not compared)' "$T/list.html") == 2 &&
	$(grep -c 'class="pt psfs"><title>2026-11-[12][63]: 4.3 (3 activities)' "$T/list.html") == 2 ]] &&
	ok psfs_line_joins_one_list || bad psfs_line_joins_one_list "$line" "$(grep -o '<circle[^>]*psfs[^<]*<title>[^<]*' "$T/list.html")"
expect psfs_csv_earlier_named_apart 0 --out "2026-11-02,psfs_earlier_activities,2.7
2026-11-09,psfs_earlier_activities,2.7
2026-11-16,psfs,4.3
2026-11-23,psfs,4.3" -- sh -c "'$hep' report --format csv --from 2026-11-02 --to 2026-11-29 --db '$T/list.db' --config '$T/new-list.cfg' | grep ',psfs'"

finish
