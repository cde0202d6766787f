#!/usr/bin/env bash
# The diary (SPEC section 6, issue 10): every change is an entry, nothing a
# patient does with a command is lost. Golden tests of undo, redo, edit and
# log; the JSON back-up carries the diary (byte-identical round trip); and
# the patient trial's findings, each a test that failed before the diary:
#   - a CSV back-up restored into a new data file kept its history out of
#     view (program start became the import day);
#   - adding an exercise at 21:00 turned a finished day into an unfinished
#     one and broke the streak;
#   - a pain on the wrong session could not be cleared, and only the last
#     session could be corrected;
#   - a session after a `time` skip left the skip standing (the report
#     counted a barrier that did not happen).
# (Space on a done exercise and the screen's side are in tests/tui.)
source "$(dirname "$0")/lib.sh"

export HEP_CONFIG=$src/data/spec.cfg HEP_DB=$T/a.db
# at TIME ARGS...: hep with HEP_NOW=2026-11-26TTIME (a script, for expect)
printf '#!/bin/sh\nt=$1\nshift\nHEP_NOW=2026-11-26T$t exec "%s" "$@"\n' "$hep" >"$T/at"
chmod +x "$T/at"
at() { "$T/at" "$@"; }

# ---- undo, redo, edit, log: golden -----------------------------------------
expect done_1 0 --out "Quad sets: session 1 of 2 recorded for 2026-11-26" -- "$T/at" 07:30 done quad-set --pain 4 --note stiff
expect edit_pain 0 --out "Quad sets: session 1 of 2026-11-26 corrected: pain 4 → 2" -- "$T/at" 07:31 edit quad-set --pain 2
expect undo_correction 0 --out "Quad sets: the correction of session 1 taken back for 2026-11-26 (redo brings it back)" -- "$T/at" 07:32 undo quad-set
expect undo_session 0 --out "Quad sets: session 1 taken back for 2026-11-26 (redo brings it back)" -- "$T/at" 07:33 undo quad-set
expect undo_nothing_left 1 --err 'hep: nothing to undo for "quad-set" on 2026-11-26' -- "$T/at" 07:33 undo quad-set
expect redo_session 0 --out "Quad sets: session 1 brought back for 2026-11-26" -- "$T/at" 07:34 redo quad-set
expect redo_correction 0 --out "Quad sets: the correction of session 1 brought back for 2026-11-26" -- "$T/at" 07:35 redo quad-set
expect redo_nothing_left 1 --err 'hep: nothing to redo for "quad-set" on 2026-11-26' -- "$T/at" 07:36 redo quad-set
# Brought back with its pain (as corrected) and its note.
[[ $(sqlite3 "$HEP_DB" "SELECT pain || '|' || note FROM session WHERE exercise='quad-set'") == "2|stiff" ]] &&
	ok redo_keeps_pain_and_note || bad redo_keeps_pain_and_note "$(sqlite3 "$HEP_DB" 'SELECT * FROM session')"
expect done_2 0 --out "Quad sets: session 2 of 2 recorded for 2026-11-26" -- "$T/at" 18:00 done quad-set --pain-before 5 --pain 3
expect edit_any_session 0 --out "Quad sets: session 1 of 2026-11-26 corrected: pain before none → 6, note changed" -- "$T/at" 18:01 edit quad-set --session 1 --note 'less stiff' --pain-before 6
expect edit_no_change 0 --out "Quad sets: session 1 already says so; nothing changed" -- "$T/at" 18:02 edit quad-set --session 1 --note 'less stiff'
expect edit_clears_pain 0 --out "Quad sets: session 2 of 2026-11-26 corrected: pain 3 → none" -- "$T/at" 18:03 edit quad-set --pain none
expect edit_clears_note 0 --out "Quad sets: session 1 of 2026-11-26 corrected: note removed" -- "$T/at" 18:04 edit quad-set --session 1 --no-note
# A new action empties what redo could bring back.
at 18:05 undo quad-set >/dev/null
at 18:06 edit quad-set --session 2 --note 'evening' >/dev/null
expect redo_after_new_action 1 --err 'hep: nothing to redo for "quad-set" on 2026-11-26' -- "$T/at" 18:07 redo quad-set
expect edit_not_standing 1 --err 'hep: session 3 of "quad-set" does not stand on 2026-11-26 (2 do)' -- "$T/at" 18:07 edit quad-set --session 3 --pain 1
expect edit_nothing_stands 1 --err 'hep: no session of "bridge" stands on 2026-11-26 to correct' -- "$T/at" 18:07 edit bridge --pain 1
expect edit_needs_a_change 2 --err-has "'edit' needs what to correct" -- "$T/at" 18:07 edit quad-set
expect edit_session_0 2 --err-has "--session needs a session number from 1, not '0'" -- "$T/at" 18:07 edit quad-set --session 0 --pain 1
expect edit_note_and_no_note 2 --err-has "--note and --no-note cannot be combined" -- "$T/at" 18:07 edit quad-set --note a --no-note
expect edit_pain_11 2 --err-has "--pain needs a whole number from 0 to 10 or none, not '11'" -- "$T/at" 18:07 edit quad-set --pain 11
expect done_pain_none 2 --err-has "--pain needs a whole number from 0 to 10, not 'none'" -- "$T/at" 18:07 done quad-set --pain none
expect session_with_done 2 --err-has "--session goes with 'edit'" -- "$T/at" 18:07 done quad-set --session 1
expect edit_future 1 --err-has "2026-11-27 is in the future" -- "$T/at" 18:07 edit quad-set --pain 1 --date 2026-11-27
expect skip_with_pain 0 --out "Straight leg raise: skipped (pain) on 2026-11-25" -- "$T/at" 18:08 skip slr --reason pain --pain 6 --note 'knee swollen' --date 2026-11-25

expect log_text 0 --out '    1  2026-11-26 07:30  for 2026-11-26  quad-set  session 1, pain 4, note "stiff"
    2  2026-11-26 07:31  for 2026-11-26  quad-set  correction of session 1: pain 4 → 2
    3  2026-11-26 07:32  for 2026-11-26  quad-set  undo: took back the correction of session 1 (pain 4 → 2)
    4  2026-11-26 07:33  for 2026-11-26  quad-set  undo: took back session 1
    5  2026-11-26 07:34  for 2026-11-26  quad-set  redo: brought back session 1
    6  2026-11-26 07:35  for 2026-11-26  quad-set  redo: brought back the correction of session 1 (pain 4 → 2)
    7  2026-11-26 18:00  for 2026-11-26  quad-set  session 2, pain 3, pain before 5
    8  2026-11-26 18:01  for 2026-11-26  quad-set  correction of session 1: pain before none → 6; note "stiff" → "less stiff"
    9  2026-11-26 18:03  for 2026-11-26  quad-set  correction of session 2: pain 3 → none
   10  2026-11-26 18:04  for 2026-11-26  quad-set  correction of session 1: note "less stiff" → none
   11  2026-11-26 18:05  for 2026-11-26  quad-set  undo: took back the correction of session 1 (note "less stiff" → none)
   12  2026-11-26 18:06  for 2026-11-26  quad-set  correction of session 2: note none → "evening"
   13  2026-11-26 18:08  for 2026-11-25  slr  skip (pain), pain 6, note "knee swollen" (late)' -- "$T/at" 18:10 log
expect log_span 0 --out '   13  2026-11-26 18:08  for 2026-11-25  slr  skip (pain), pain 6, note "knee swollen" (late)' -- "$T/at" 18:10 log --from 2026-11-25 --to 2026-11-25
expect log_empty_span 0 --out "The diary has no entries for those days." -- "$T/at" 18:10 log --from 2026-11-01 --to 2026-11-20
expect log_to_before_from 1 --err "hep: --to is before --from" -- "$T/at" 18:10 log --from 2026-11-26 --to 2026-11-25
expect log_bad_date 2 --err-has "--from needs a real date" -- "$T/at" 18:10 log --from 2026-11-31
expect log_empty 0 --out "The diary is empty: nothing recorded yet." -- "$T/at" 18:10 log --db "$T/empty.db"

at 18:10 log --json >"$T/log.json"
python3 - "$T/log.json" <<'PY' && ok log_json || bad log_json "$(head -c 800 "$T/log.json")"
import json, sys
d = json.load(open(sys.argv[1]))
e = d["entries"]
keys = {"seq", "made_at", "kind", "exercise", "day", "session", "late", "pain",
        "pain_before", "note", "reason", "value", "replaces", "id", "stamp",
        "target", "by", "status"}
assert all(set(x) == keys for x in e), [set(x) ^ keys for x in e]
# SPEC 6.2: each entry's identity; stamps rising; what each acts on.
import re
assert all(re.fullmatch("[0-9a-f]{16}", x["id"]) for x in e)
assert len({x["id"] for x in e}) == len(e)
assert all(a["stamp"] < b["stamp"] for a, b in zip(e, e[1:]))
ids = {x["id"]: x for x in e}
for x in e:
    want = {"undo": {"session", "skip", "correction"}, "redo": {"undo"},
            "correction": {"session"}}.get(x["kind"])
    if want:
        assert x["target"] in ids and ids[x["target"]]["kind"] in want, x
    else:
        assert x["target"] is None, x
    assert x["by"] is None, x
for x in e:
    del x["id"], x["stamp"], x["target"], x["by"], x["status"]
assert [x["seq"] for x in e] == list(range(1, 14))
assert [x["kind"] for x in e] == ["session", "correction", "undo", "undo", "redo",
    "redo", "session", "correction", "correction", "correction", "undo",
    "correction", "skip"], [x["kind"] for x in e]
assert e[0] == {"seq": 1, "made_at": "2026-11-26T07:30:00Z", "kind": "session",
    "exercise": "quad-set", "day": "2026-11-26", "session": 1, "late": False,
    "pain": 4, "pain_before": None, "note": "stiff", "reason": None,
    "value": None, "replaces": None}, e[0]
assert e[1]["pain"] == 2 and e[1]["replaces"] == {"pain": 4}, e[1]
assert e[7]["replaces"] == {"pain_before": None, "note": "stiff"}, e[7]
assert e[7]["pain_before"] == 6 and e[7]["note"] == "less stiff" and e[7]["pain"] is None
assert e[8]["replaces"] == {"pain": 3} and e[8]["pain"] is None, e[8]
assert e[9]["replaces"] == {"note": "less stiff"} and e[9]["note"] is None, e[9]
assert all(x["replaces"] is None for x in e if x["kind"] != "correction")
assert e[12]["reason"] == "pain" and e[12]["pain"] == 6 and e[12]["late"] is True
assert e[2]["session"] == 1 and e[3]["session"] == 1
PY

# The state the diary leaves: session 1 with pain 2, pain before 6 and its
# note (its removal taken back); session 2 with pain before 5, pain
# cleared, note "evening".
[[ $(sqlite3 "$HEP_DB" "SELECT group_concat(n || ':' || coalesce(pain, '-') || ':' || coalesce(pain_before, '-') || ':' || coalesce(note, '-'), ' ') FROM (SELECT * FROM session WHERE exercise='quad-set' ORDER BY n)") == "1:2:6:less stiff 2:-:5:evening" ]] &&
	ok state_from_the_diary || bad state_from_the_diary "$(sqlite3 "$HEP_DB" 'SELECT * FROM session')"
[[ $(sqlite3 "$HEP_DB" "SELECT count(*) FROM entry") == 13 ]] && ok nothing_deleted || bad nothing_deleted
# No program can rewrite an entry.
sqlite3 "$HEP_DB" "UPDATE entry SET pain = 9" 2>"$T/upd.err"
grep -q "the diary is never rewritten" "$T/upd.err" && ok entries_cannot_be_updated || bad entries_cannot_be_updated "$(cat "$T/upd.err")"

# ---- the JSON back-up carries the diary ------------------------------------
at 18:20 export --format json >"$T/a.json"
at 18:21 import "$T/a.json" --db "$T/b.db" >/dev/null
at 18:22 export --format json --db "$T/b.db" >"$T/b.json"
cmp -s "$T/a.json" "$T/b.json" && ok json_round_trip_same_bytes || bad json_round_trip_same_bytes "$(diff "$T/a.json" "$T/b.json" | head -6)"
expect json_import_twice_adds_nothing 0 --out "imported 0 rows from $T/a.json (13 already there)" -- "$T/at" 18:23 import "$T/a.json" --db "$T/b.db"
for c in today week streak; do
	cmp -s <(at 18:30 "$c" --json) <(at 18:30 "$c" --json --db "$T/b.db") && ok "restored_same_$c" || bad "restored_same_$c"
done
cmp -s <(at 18:30 log) <(at 18:30 log --db "$T/b.db") && ok restored_same_log || bad restored_same_log
# More entries later: importing the newer back-up appends only them.
at 19:00 undo quad-set >/dev/null
at 19:01 done slr --date 2026-11-23 >/dev/null
at 19:02 export --format json >"$T/a2.json"
expect json_import_appends_the_new 0 --out "imported 2 rows from $T/a2.json (13 already there)" -- "$T/at" 19:03 import "$T/a2.json" --db "$T/b.db"
cmp -s <(at 19:05 export) <(at 19:05 export --db "$T/b.db") && ok incremental_restore_same_state || bad incremental_restore_same_state
# Equal entries made in the same second (done, undo, done) are three
# entries, and all three survive the round trip (SPEC section 6.1).
for a in done undo done; do HEP_NOW=2026-11-26T07:00 "$hep" "$a" quad-set --db "$T/eq.db" >/dev/null; done
HEP_NOW=2026-11-26T08:00 "$hep" export --format json --db "$T/eq.db" >"$T/eq.json"
HEP_NOW=2026-11-26T08:00 "$hep" import "$T/eq.json" --db "$T/eq3.db" >/dev/null
HEP_NOW=2026-11-26T08:00 "$hep" export --format json --db "$T/eq3.db" >"$T/eq3.json"
[[ $(sqlite3 "$T/eq3.db" "SELECT group_concat(kind, ' ') FROM entry") == "session undo session" ]] &&
	cmp -s "$T/eq.json" "$T/eq3.json" && ok equal_entries_survive_the_round_trip ||
	bad equal_entries_survive_the_round_trip "$(sqlite3 "$T/eq3.db" 'SELECT * FROM entry')"
# Into a file that recorded a session of its own in that second: an entry
# is its identity, not its content (SPEC section 6.2), so that session is
# another one, kept beside the back-up's three; importing twice adds
# nothing.
HEP_NOW=2026-11-26T07:00 "$hep" done quad-set --db "$T/eq2.db" >/dev/null
HEP_NOW=2026-11-26T08:00 "$hep" import "$T/eq.json" --db "$T/eq2.db" >/dev/null
HEP_NOW=2026-11-26T08:00 "$hep" import "$T/eq.json" --db "$T/eq2.db" >/dev/null
[[ $(sqlite3 "$T/eq2.db" "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM entry ORDER BY stamp, id)") == "session session undo session" &&
	$(sqlite3 "$T/eq2.db" "SELECT count(*) FROM session WHERE exercise = 'quad-set'") == 2 ]] &&
	ok equal_content_another_entry || bad equal_content_another_entry "$(sqlite3 "$T/eq2.db" 'SELECT * FROM entry')"
# A back-up of the release before identities (no "id"): the k-th equal
# entry of the file matches the k-th stored (SPEC 6.2, settled point 1),
# so only the undo and the second session are added, and once.
python3 - "$T/eq.json" "$T/eq-legacy.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for x in d["entries"]:
    for k in ("id", "stamp", "target", "by", "status"):
        del x[k]
json.dump(d, open(sys.argv[2], "w"))
PY
HEP_NOW=2026-11-26T07:00 "$hep" done quad-set --db "$T/eq4.db" >/dev/null
HEP_NOW=2026-11-26T08:00 "$hep" import "$T/eq-legacy.json" --db "$T/eq4.db" >/dev/null
HEP_NOW=2026-11-26T08:00 "$hep" import "$T/eq-legacy.json" --db "$T/eq4.db" >/dev/null
[[ $(sqlite3 "$T/eq4.db" "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM entry ORDER BY stamp, id)") == "session undo session" &&
	$(sqlite3 "$T/eq4.db" "SELECT count(*) FROM session WHERE exercise = 'quad-set'") == 1 ]] &&
	ok legacy_equal_entries_matched || bad legacy_equal_entries_matched "$(sqlite3 "$T/eq4.db" 'SELECT * FROM entry')"
# Diaries of two machines merged: a correction made on the other machine
# corrects the session it meant, though that day's numbers have moved (a
# patient trial's finding: it corrected this machine's session 1).
cp "$T/b.db" "$T/m1.db"
cp "$T/b.db" "$T/m2.db"
HEP_NOW=2026-11-27T07:00 "$hep" done slr --date 2026-11-27 --pain 1 --db "$T/m1.db" >/dev/null
HEP_NOW=2026-11-27T08:00 "$hep" done slr --date 2026-11-27 --pain 2 --db "$T/m2.db" >/dev/null
HEP_NOW=2026-11-27T08:05 "$hep" edit slr --date 2026-11-27 --pain 9 --db "$T/m2.db" >/dev/null
HEP_NOW=2026-11-27T09:00 "$hep" export --format json --db "$T/m2.db" >"$T/m2.json"
HEP_NOW=2026-11-27T09:00 "$hep" import "$T/m2.json" --db "$T/m1.db" >/dev/null
[[ $(sqlite3 "$T/m1.db" "SELECT group_concat(substr(logged_at, 12, 5) || ' pain ' || pain, ', ') FROM (SELECT * FROM session WHERE exercise = 'slr' AND day = '2026-11-27' ORDER BY n)") == "07:00 pain 1, 08:00 pain 9" ]] &&
	ok merged_correction_finds_its_session || bad merged_correction_finds_its_session "$(sqlite3 "$T/m1.db" "SELECT * FROM session WHERE day = '2026-11-27'")"
# A diary entry of a kind this hep does not know, or a correction that
# replaces nothing, is refused with its line.
printf '{"entries": [\n{"seq": 1, "made_at": "2026-11-20T07:00:00Z", "kind": "tick", "exercise": "quad-set", "day": "2026-11-20", "session": 1, "late": false, "pain": null, "pain_before": null, "note": null, "reason": null, "value": null, "replaces": null}]}' >"$T/kind.json"
expect import_unknown_kind 1 --err "$T/kind.json:2: kind \"tick\" is not one this hep knows (session, skip, undo, redo, correction, withdraw, measure, psfs, advance)" -- "$T/at" 19:10 import "$T/kind.json" --db "$T/c.db"
printf '{"entries": [\n{"seq": 1, "made_at": "2026-11-20T07:00:00Z", "kind": "correction", "exercise": "quad-set", "day": "2026-11-20", "session": 1, "late": false, "pain": 3, "pain_before": null, "note": null, "reason": null, "value": null, "replaces": null}]}' >"$T/fix.json"
expect import_correction_needs_replaces 1 --err "$T/fix.json:2: a correction needs \"replaces\": the values it replaces" -- "$T/at" 19:10 import "$T/fix.json" --db "$T/c.db"

# ---- finding: a CSV back-up restored into a new data file ------------------
# Without program.start, the start is the first use or the earliest day
# recorded, whichever is earlier: the restored history stays in view.
sed '/^  start /d' "$src/data/spec.cfg" >"$T/nostart.cfg"
export HEP_CONFIG=$T/nostart.cfg HEP_DB=$T/csv.db
for ((k = 0; k < 19; k++)); do
	d=$(date -u -d "2026-11-02 +$k days" +%F)
	HEP_NOW=${d}T08:00 "$hep" done quad-set >/dev/null
	case $(date -u -d "$d" +%a) in Mon | Wed | Fri) HEP_NOW=${d}T08:05 "$hep" done slr >/dev/null ;; esac
	HEP_NOW=${d}T18:00 "$hep" done quad-set >/dev/null
done
HEP_NOW=2026-11-20T20:00 "$hep" export --format csv >"$T/backup.csv"
HEP_NOW=2026-11-20T20:00 "$hep" streak --json >"$T/streak.before"
HEP_NOW=2026-11-20T20:00 "$hep" import "$T/backup.csv" --db "$T/restored.db" >/dev/null
cmp -s "$T/streak.before" <(HEP_NOW=2026-11-20T20:00 "$hep" streak --json --db "$T/restored.db") &&
	ok csv_restore_keeps_streaks || bad csv_restore_keeps_streaks "$(HEP_NOW=2026-11-20T20:00 "$hep" streak --json --db "$T/restored.db")"
# The restored diary numbers each day's sessions (the CSV has no numbers).
HEP_NOW=2026-11-20T20:00 "$hep" log --json --db "$T/restored.db" --from 2026-11-04 --to 2026-11-04 >"$T/restored.log"
python3 - "$T/restored.log" <<'PY' && ok csv_restore_numbers_sessions || bad csv_restore_numbers_sessions "$(cat "$T/restored.log")"
import json, sys
e = json.load(open(sys.argv[1]))["entries"]
assert [(x["exercise"], x["session"]) for x in e] == [("quad-set", 1), ("quad-set", 2), ("slr", 1)], e
PY
expect csv_restore_program_day 0 --out "Knee rehab, phase 2, Fri 2026-11-20, day 19 (done)" -- \
	sh -c "HEP_NOW=2026-11-20T20:00 '$hep' today --db '$T/restored.db' | head -1"
HEP_NOW=2026-11-26T09:00 "$hep" report --format json --db "$T/restored.db" >"$T/restored.report"
python3 - "$T/restored.report" <<'PY' && ok csv_restore_report_has_history || bad csv_restore_report_has_history "$(head -c 400 "$T/restored.report")"
import json, sys
r = json.load(open(sys.argv[1]))
# Oct 30 .. Nov 25 counted: Nov 2..20 done in full, Nov 21..25 missed.
assert r["due"] > 40 and r["adherence"] is not None and r["done"] == 47, (r["due"], r["done"])
assert r["streak"]["longest"] == 19, r["streak"]
PY

# ---- finding: the prescription changed at night, after the day's work -------
# A change after the day's first entry takes effect tomorrow: the finished
# day stays finished, and today says so in one line.
export HEP_CONFIG=$T/rx1.cfg HEP_DB=$T/night.db
cp "$src/data/spec.cfg" "$T/rx1.cfg"
for ((k = 0; k < 10; k++)); do
	d=$(date -u -d "2026-11-17 +$k days" +%F)
	HEP_NOW=${d}T08:00 "$hep" done quad-set >/dev/null
	HEP_NOW=${d}T08:01 "$hep" done quad-set >/dev/null
	case $(date -u -d "$d" +%a) in Mon | Wed | Fri) HEP_NOW=${d}T08:05 "$hep" done slr >/dev/null ;; esac
done
HEP_NOW=2026-11-26T20:59 "$hep" streak --json >"$T/night.before"
sed 's/^  { id = "bridge";/  { id = "wall-sit"; name = "Wall sit"; sets = 3; hold = 30; },\n  { id = "bridge";/; s/sets = 3; reps = 10; hold = 5;/sets = 3; reps = 15; hold = 5;/' "$src/data/spec.cfg" >"$T/rx1.cfg"
expect night_change_told 0 --out "Knee rehab, phase 2, Thu 2026-11-26, day 25 (done)
Streak: 10 days in a row (longest 10)
Prescription changed: + Wall sit; Quad sets 10 → 15 reps; from tomorrow
[x] Quad sets  quad-set  3 × 10, hold 5 s                2/2
[ ] Bridges    bridge    2 × 15, hold 3 s, rest 30 s     0/1    week 0/3" -- env HEP_NOW=2026-11-26T21:00 "$hep" today
HEP_NOW=2026-11-26T21:01 "$hep" streak --json >"$T/night.after"
python3 - "$T/night.before" "$T/night.after" <<'PY' && ok night_change_keeps_streak || bad night_change_keeps_streak "$(cat "$T/night.after")"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
assert (a["current"], a["longest"]) == (b["current"], b["longest"]) == (10, 10), (a, b)
for k, v in a["exercises"].items():
    assert b["exercises"][k] == v, (k, v, b["exercises"][k])
PY
[[ $(sqlite3 "$HEP_DB" "SELECT day || '/' || stored FROM snapshot ORDER BY day DESC LIMIT 1") == 2026-11-27/2026-11-26 ]] &&
	ok night_change_dated_tomorrow || bad night_change_dated_tomorrow "$(sqlite3 "$HEP_DB" 'SELECT * FROM snapshot')"
HEP_NOW=2026-11-27T07:00 "$hep" today >"$T/morning"
grep -qx "Prescription changed: + Wall sit; Quad sets 10 → 15 reps; from today" "$T/morning" &&
	grep -q "^\[ \] Wall sit " "$T/morning" && grep -q "Streak: 10 days in a row" "$T/morning" &&
	ok night_change_next_morning || bad night_change_next_morning "$(cat "$T/morning")"
HEP_NOW=2026-11-28T07:00 "$hep" today >"$T/later"
grep -q "Prescription changed" "$T/later" && bad night_change_told_twice "$(cat "$T/later")" || ok night_change_told_twice
# Before any entry of the day, a change takes effect at once.
cp "$src/data/spec.cfg" "$T/rx1.cfg"
HEP_NOW=2026-11-28T07:05 "$hep" today | grep -qx "Prescription changed: − Wall sit; Quad sets 15 → 10 reps; from today" &&
	ok morning_change_today || bad morning_change_today "$(HEP_NOW=2026-11-28T07:05 "$hep" today)"
# Changed back the same evening: the change that had not taken effect
# goes, and no empty version is left (a patient trial's finding).
sed 's/sets = 3; reps = 10; hold = 5;/sets = 3; reps = 12; hold = 5;/' "$T/rx1.cfg" >"$T/rx1b.cfg"
HEP_NOW=2026-11-29T20:00 "$hep" done quad-set >/dev/null
versions=$(HEP_NOW=2026-11-29T20:01 "$hep" history --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["snapshots"]))')
HEP_NOW=2026-11-29T21:00 "$hep" today --config "$T/rx1b.cfg" >/dev/null
HEP_NOW=2026-11-29T21:30 "$hep" today >"$T/back.txt"
[[ $(HEP_NOW=2026-11-29T21:31 "$hep" history --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["snapshots"]))') == "$versions" ]] &&
	! grep -q "Prescription changed" "$T/back.txt" && ok change_undone_leaves_no_version ||
	bad change_undone_leaves_no_version "$(HEP_NOW=2026-11-29T21:31 "$hep" history)"
# remind tells of a given day, and has no JSON (its answer is its status).
expect remind_date 1 --out "2 left on 2026-11-29: Quad sets (1 of 2 done), Bridges (0 of 3 this week)" -- env HEP_NOW=2026-11-30T08:00 "$hep" remind --date 2026-11-29
expect remind_no_json 2 --err-has "'remind' has no --json" -- env HEP_NOW=2026-11-30T08:00 "$hep" remind --json

# ---- finding: done after a skip that excuses nothing -------------------------
export HEP_CONFIG=$src/data/spec.cfg HEP_DB=$T/skip.db
HEP_NOW=2026-11-26T08:00 "$hep" skip quad-set --reason time >/dev/null
expect done_withdraws_skip 0 --out "Quad sets: session 1 of 2 recorded for 2026-11-26; the skip (time) is withdrawn" -- env HEP_NOW=2026-11-26T18:00 "$hep" done quad-set
HEP_NOW=2026-11-26T18:01 "$hep" done quad-set >/dev/null
HEP_NOW=2026-11-26T18:02 "$hep" today --json >"$T/skip.json"
HEP_NOW=2026-11-26T18:02 "$hep" today >"$T/skip.txt"
HEP_NOW=2026-11-26T18:02 "$hep" report --format json --from 2026-11-26 >"$T/skip.report"
python3 - "$T/skip.json" "$T/skip.report" <<'PY' && ok withdrawn_skip_gone || bad withdrawn_skip_gone "$(cat "$T/skip.json")"
import json, sys
t = json.load(open(sys.argv[1]))
q = next(i for i in t["items"] if i["id"] == "quad-set")
assert q["skip"] is None and q["done"] == 2 and t["status"] == "done", t
r = json.load(open(sys.argv[2]))
assert r["skips"]["time"] == 0, r["skips"]
PY
grep -q '^\[x\] Quad sets .*2/2 *$' "$T/skip.txt" && ok withdrawn_skip_box_done || bad withdrawn_skip_box_done "$(cat "$T/skip.txt")"
[[ $(HEP_NOW=2026-11-26T18:02 "$hep" export --format csv | grep -c ',time$') == 0 ]] && ok withdrawn_skip_not_in_csv || bad withdrawn_skip_not_in_csv
# Undoing the session that withdrew the skip takes back both; redo again.
HEP_NOW=2026-11-26T18:03 "$hep" undo quad-set >/dev/null
expect undo_withdrawing_session 0 --out "Quad sets: session 1 taken back for 2026-11-26 (redo brings it back)" -- env HEP_NOW=2026-11-26T18:04 "$hep" undo quad-set
[[ $(HEP_NOW=2026-11-26T18:05 "$hep" today --json | python3 -c 'import json,sys; print([i["skip"] for i in json.load(sys.stdin)["items"] if i["id"] == "quad-set"][0])') == time ]] &&
	ok skip_stands_again || bad skip_stands_again
HEP_NOW=2026-11-26T18:06 "$hep" redo quad-set >/dev/null
[[ $(HEP_NOW=2026-11-26T18:07 "$hep" today --json | python3 -c 'import json,sys; print([i["skip"] for i in json.load(sys.stdin)["items"] if i["id"] == "quad-set"][0])') == None ]] &&
	ok redo_withdraws_again || bad redo_withdraws_again
expect log_withdraw 0 --out '    3  2026-11-26 18:00  for 2026-11-26  quad-set  withdrew the skip (time): done after all' -- \
	sh -c "HEP_NOW=2026-11-26T18:10 '$hep' log | sed -n 3p"
# An excused skip is not withdrawn: further sessions are refused.
HEP_NOW=2026-11-26T18:08 "$hep" skip bridge --reason pain >/dev/null
HEP_NOW=2026-11-26T18:10 "$hep" done slr --date 2026-11-25 >/dev/null
expect done_once_a_day 1 --err 'hep: "slr" is already done on 2026-11-25' -- env HEP_NOW=2026-11-26T18:10 "$hep" done slr --date 2026-11-25
expect unknown_option_named 2 --err-has "unknown option '--pian'" -- "$hep" done quad-set --pian 2
expect since_visit_and_from 2 --err-has "--from and --since-visit cannot be combined" -- "$hep" report --since-visit --from 2026-11-02
expect excused_skip_refuses 1 --err-has '"bridge" was skipped (pain) on 2026-11-26; undo takes the skip back' -- env HEP_NOW=2026-11-26T18:11 "$hep" done bridge

# The report tells a skip's pain with its note (a patient trial found the
# pain missing), and a skip with a pain but no note too.
HEP_NOW=2026-11-26T18:20 "$hep" skip slr --reason pain --pain 6 --note 'knee swollen' --date 2026-11-23 >/dev/null
HEP_NOW=2026-11-26T18:20 "$hep" skip quad-set --reason rest --pain 3 --date 2026-11-24 >/dev/null
HEP_NOW=2026-11-26T18:21 "$hep" report --from 2026-11-23 --to 2026-11-24 >"$T/skip-report.txt"
HEP_NOW=2026-11-26T18:21 "$hep" report --from 2026-11-23 --to 2026-11-24 --format md >"$T/skip-report.md"
grep -q "Straight leg raise (skipped: pain, pain 6): knee swollen" "$T/skip-report.txt" &&
	grep -q "Quad sets (skipped: rest, pain 3)$" "$T/skip-report.txt" &&
	grep -q "Straight leg raise (skipped: pain, pain 6): knee swollen" "$T/skip-report.md" &&
	ok report_tells_skip_pains || bad report_tells_skip_pains "$(cat "$T/skip-report.txt")"

finish
