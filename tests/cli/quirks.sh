#!/usr/bin/env bash
# The patient trial's report and message quirks (issue 13), each a test
# that failed before its fix.
source "$(dirname "$0")/lib.sh"

export HEP_CONFIG=$src/data/spec.cfg HEP_DB=$T/q.db
at() { HEP_NOW=$1 "$hep" "${@:2}" >/dev/null || echo "setup failed: $*"; }

# ---- the report starts no earlier than program start -------------------------
at 2026-11-16T08:00 done quad-set
at 2026-11-17T08:00 done quad-set
# One skip --all with a note: told once for the day, every exercise named.
at 2026-11-18T08:00 skip --all --reason travel --note "away"
export HEP_NOW=2026-11-18T20:00
"$hep" report >"$T/r.txt"
# Today, all skipped for travel (which excuses nothing), is not yet done:
# the span says it is not in adherence.
[[ $(sed -n 3,4p "$T/r.txt") == "Span: 2026-11-02 to 2026-11-18 (17 days, from the program's start; today not in
      adherence until all of it is done)" ]] &&
	! grep -q '^2026-10-26' "$T/r.txt" && ok report_default_from_start || bad report_default_from_start "$(cat "$T/r.txt")"
expect report_from_clipped 0 --out "Span: 2026-11-02 to 2026-11-08 (7 days, from the program's start)" -- \
	sh -c "'$hep' report --from 2026-10-01 --to 2026-11-08 | sed -n 3p"
expect report_from_at_start 0 --out "Span: 2026-11-02 to 2026-11-08 (7 days)" -- \
	sh -c "'$hep' report --from 2026-11-02 --to 2026-11-08 | sed -n 3p"
"$hep" report --format json >"$T/r.json"
"$hep" report --format csv >"$T/r.csv"
"$hep" report --format md >"$T/r.md"
"$hep" report --format html >"$T/r.html"
python3 - "$T/r.json" <<'PY' && ok report_json_from_start || bad report_json_from_start "$(head -c 300 "$T/r.json")"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["from"] == "2026-11-02" and [w["start"] for w in r["weeks"]] == ["2026-11-02", "2026-11-09", "2026-11-16"], r
PY
! grep -q '^2026-10-26' "$T/r.csv" && grep -q '^- Span: 2026-11-02 to 2026-11-18 (17 days, from the program.s start; today not in adherence until all of it is done)$' "$T/r.md" &&
	! grep -q '2026-10-26' "$T/r.html" && ok report_formats_from_start || bad report_formats_from_start "$(head -5 "$T/r.md")"

# ---- skip --all with a note: once for the day ------------------------------
grep -A3 '^Notes$' "$T/r.txt" >"$T/notes.txt"
expect skip_all_note_once 0 --out "Notes
2026-11-18  Quad sets, Straight leg raise, Bridges (skipped: travel): away" -- cat "$T/notes.txt"
[[ $(grep -c 'away' "$T/r.md") == 1 && $(grep -c 'away' "$T/r.html") == 1 ]] &&
	grep -q '^- 2026-11-18, Quad sets, Straight leg raise, Bridges (skipped: travel): away$' "$T/r.md" &&
	ok skip_all_note_once_md_html || bad skip_all_note_once_md_html "$(grep away "$T/r.md" "$T/r.html")"
python3 - "$T/r.json" <<'PY' && ok skip_all_note_once_json || bad skip_all_note_once_json "$(head -c 900 "$T/r.json")"
import json, sys
n = json.load(open(sys.argv[1]))["notes"]
assert n == [{"day": "2026-11-18", "exercise": "quad-set", "exercises": ["quad-set", "slr", "bridge"],
              "skip": "travel", "pain": None, "text": "away"}], n
PY

# ---- skip --all passes over a per-week exercise whose week is met ------------
for d in 23 24 25; do at "2026-11-${d}T08:00" done bridge; done
expect skip_all_week_met 0 --out "Quad sets: skipped (time) on 2026-11-26" -- env HEP_NOW=2026-11-26T08:00 "$hep" skip --all --reason time
[[ $(HEP_NOW=2026-11-26T08:01 "$hep" export --format csv | grep -c '^2026-11-26,bridge') == 0 ]] &&
	ok skip_all_week_met_stored || bad skip_all_week_met_stored "$(HEP_NOW=2026-11-26T08:01 "$hep" export --format csv | grep 2026-11-26)"

# ---- history after a JSON import: no empty "changed:" ------------------------
HEP_NOW=2026-11-26T09:00 "$hep" export --format json >"$T/b.json"
python3 - "$T/b.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = dict(d["prescriptions"][0], **{"from": "2026-11-20"})
p["exercises"] = p["exercises"][::-1]
d["prescriptions"].append(p)
json.dump(d, open(sys.argv[1], "w"))
PY
HEP_NOW=2026-11-26T09:00 "$hep" import "$T/b.json" --db "$T/imp.db" >/dev/null
expect history_no_empty_change 0 --out "The prescription has had 3 versions.

2026-11-16  the first prescription (it also rules every earlier day):
  Quad sets (quad-set): 3 × 10, hold 5 s, 2/day
  Straight leg raise (slr): 3 × 12, right side, on Mon Wed Fri, 1/day
  Bridges (bridge): 2 × 15, hold 3 s, rest 30 s, any 3 days/week

2026-11-20  changed:
  the same exercises, in a new order: Bridges, Straight leg raise, Quad sets

2026-11-26  changed:
  the same exercises, in a new order: Quad sets, Straight leg raise, Bridges" -- env HEP_NOW=2026-11-26T09:00 "$hep" history --db "$T/imp.db"
HEP_NOW=2026-11-26T09:00 "$hep" history --json --db "$T/imp.db" >"$T/h.json"
json_equal history_json_keeps_empty_lists '{"snapshots": [
  {"from": "2026-11-16", "exercises": ["quad-set", "slr", "bridge"], "added": [], "removed": [], "changed": []},
  {"from": "2026-11-20", "exercises": ["bridge", "slr", "quad-set"], "added": [], "removed": [], "changed": []},
  {"from": "2026-11-26", "exercises": ["quad-set", "slr", "bridge"], "added": [], "removed": [], "changed": []}],
 "outcome_plans": []}' "$T/h.json"

# ---- a late back-fill says when it was logged --------------------------------
export HEP_DB=$T/late.db
at 2026-11-25T08:00 done quad-set
at 2026-11-27T08:00 done quad-set --date 2026-11-25
expect log_late_says_when 0 --out '    1  2026-11-25 08:00  for 2026-11-25  quad-set  session 1
    2  2026-11-27 08:00  for 2026-11-25  quad-set  session 2 (late)' -- \
	env HEP_NOW=2026-11-27T09:00 "$hep" log --from 2026-11-25 --to 2026-11-25 --config "$HEP_CONFIG"
export HEP_DB=$T/q.db

# ---- a past week is "that week" --------------------------------------------
export HEP_DB=$T/week.db
for d in 16 17 18; do at "2026-11-${d}T08:00" done bridge; done
expect week_past_that_week 0 --out "Bridges              ●    ●    ●    –    –    –    –  1 week, 3/3 that week
Adherence: 15.0% (3 of 20 sessions)" -- \
	sh -c "HEP_NOW=2026-11-26T08:00 '$hep' week --date 2026-11-18 | grep -E '^(Bridges|Adherence)'"
expect week_current_this_week 0 --out "Bridges              ●    ●    ●    ◌    ·    ·    ·  1 week, 3/3 this week" -- \
	sh -c "HEP_NOW=2026-11-19T08:00 '$hep' week | grep '^Bridges'"
export HEP_DB=$T/q.db

# ---- the trial run as a new patient (issue 13) ------------------------------
cat >"$T/trial.cfg" <<'CFG'
version = 1;
program: { title = "Trial"; start = "2026-11-16"; };
exercises = (
  { id = "long"; name = "Supine straight leg raise with ankle weight, left side only";
    sets = 3; reps = [10, 15]; tempo = "2-1-2"; side = "left"; load = "+1 kg ankle weight"; },
  { id = "quad"; name = "Quad sets"; sets = 3; reps = 10; },
  { id = "calf"; name = "Calf raises"; sets = 3; reps = 15; days = ["mon", "wed", "fri"]; },
  { id = "bridge"; name = "Bridges"; sets = 2; reps = 15; per_week = 1; },
  { id = "ice"; name = "Ice pack"; duration = "15 min"; as_needed = true; }
);
CFG
export HEP_CONFIG=$T/trial.cfg HEP_DB=$T/trial.db
# Every exercise skipped for an excused reason: nothing left, never "all done".
at 2026-11-16T08:00 skip --all --reason sick
expect remind_all_excused 0 --out "Nothing left today: 4 skipped, excused." -- env HEP_NOW=2026-11-16T09:00 "$hep" remind
# The columns of `today` stay aligned past a long dose; the boxes and the
# words say what each skip excuses and when a week is met.
at 2026-11-17T08:00 done bridge
at 2026-11-18T08:00 skip quad --reason travel
HEP_NOW=2026-11-18T09:00 "$hep" today >"$T/today.txt"
cols=$(sed -n '3,$p' "$T/today.txt" | grep -v 'as needed' | while IFS= read -r l; do l=${l%%/*}; echo "${#l}"; done | sort -u)
[[ $(wc -l <<<"$cols") == 1 ]] && ok today_columns_aligned || bad today_columns_aligned "$(cat "$T/today.txt")"
grep -q '^\[!\] Quad sets .* 0/1 .*skipped: travel (not excused)$' "$T/today.txt" &&
	grep -q '^\[=\] Bridges .* 0/1 .*week 1/1, met$' "$T/today.txt" &&
	ok today_boxes_in_words || bad today_boxes_in_words "$(cat "$T/today.txt")"
# The text report fits 80 columns, and cuts a name with "…".
at 2026-11-18T08:10 skip long --reason travel --note "a rather long note about why the leg raise could not be done today at all"
HEP_NOW=2026-11-18T09:00 "$hep" report >"$T/trial-report.txt"
long=$(perl -CSD -ne 'chomp; print "$_\n" if length($_) > 80' "$T/trial-report.txt")
[[ -z $long ]] && grep -q '^Supine straight leg raise wit… ' "$T/trial-report.txt" &&
	grep -q '^            not be done today at all$' "$T/trial-report.txt" &&
	ok report_text_fits_80 || bad report_text_fits_80 "$long" "$(cat "$T/trial-report.txt")"
# An as-needed exercise keeps no streak: the report says so, not "0 days".
HEP_NOW=2026-11-18T09:00 "$hep" report --format md >"$T/trial-report.md"
HEP_NOW=2026-11-18T09:00 "$hep" report --format html >"$T/trial-report.html"
grep -q '^Ice pack .* as needed$' "$T/trial-report.txt" && grep -q '^| Ice pack | .* | as needed | ' "$T/trial-report.md" &&
	grep -q '<td class="n">as needed</td>' "$T/trial-report.html" &&
	ok report_as_needed_no_streak || bad report_as_needed_no_streak "$(grep -h 'Ice pack' "$T"/trial-report.*)"
export HEP_CONFIG=$src/data/spec.cfg HEP_DB=$T/q.db

finish
