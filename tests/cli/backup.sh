#!/usr/bin/env bash
# Back-up and restore (SPEC section 4): the CSV round trip gives the same
# bytes, importing twice adds nothing, sessions are numbered by logged_at,
# and one malformed row rejects the whole file, leaving the data file as it
# was.
source "$(dirname "$0")/lib.sh"

export HEP_CONFIG=$src/data/spec.cfg HEP_NOW=2026-11-26T07:30
db=$T/a.db
hash_of() { sqlite3 "$1" 'SELECT * FROM session ORDER BY 1,2,3; SELECT * FROM skip ORDER BY 1,2; SELECT * FROM snapshot_exercise ORDER BY 1,2' | sha256sum; }

# A record with the awkward parts: notes with commas, quotes, line breaks,
# UTF-8 and a formula (neutralised, SPEC 6.2); pain; a skip with a note; a
# late session.
HEP_NOW=2026-11-23T08:00 "$hep" done quad-set --db "$db" --pain 3 --note 'sore, "a bit"' >/dev/null
HEP_NOW=2026-11-23T08:01 "$hep" done slr --db "$db" --note '=HYPERLINK("x") genou 膝' >/dev/null
HEP_NOW=2026-11-23T19:00 "$hep" done quad-set --db "$db" --note $'line one\nline two' >/dev/null
HEP_NOW=2026-11-24T08:00 "$hep" skip quad-set --db "$db" --reason travel --note 'train, all day' >/dev/null
HEP_NOW=2026-11-26T07:30 "$hep" done bridge --db "$db" --date 2026-11-24 >/dev/null

"$hep" export --format csv --db "$db" >"$T/a.csv"
expect export_csv 0 --out 'day,exercise,logged_at,pain,note,skip
2026-11-23,quad-set,2026-11-23T08:00:00Z,3,"sore, ""a bit""",
2026-11-23,quad-set,2026-11-23T19:00:00Z,,"line one
line two",
2026-11-23,slr,2026-11-23T08:01:00Z,,"'\''=HYPERLINK(""x"") genou 膝",
2026-11-24,bridge,2026-11-26T07:30:00Z,,,
2026-11-24,quad-set,2026-11-24T08:00:00Z,,"train, all day",travel' -- "$hep" export --format csv --db "$db"

expect import_csv 0 --out "imported 5 rows from $T/a.csv (0 already there)" -- "$hep" import "$T/a.csv" --db "$T/b.db"
"$hep" export --format csv --db "$T/b.db" >"$T/b.csv"
cmp -s "$T/a.csv" "$T/b.csv" && ok csv_round_trip_same_bytes || bad csv_round_trip_same_bytes "$(diff "$T/a.csv" "$T/b.csv")"
expect import_twice_adds_nothing 0 --out "imported 0 rows from $T/a.csv (5 already there)" -- "$hep" import "$T/a.csv" --db "$T/b.db"
[[ $(sqlite3 "$T/b.db" "SELECT late FROM session WHERE exercise='bridge'") == 1 ]] && ok import_keeps_late || bad import_keeps_late

# JSON: a complete back-up, snapshots included.
"$hep" export --format json --db "$db" >"$T/a.json"
python3 - "$T/a.json" <<'PY' && ok export_json_shape || bad export_json_shape "$(head -c 600 "$T/a.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"entries", "sessions", "prescriptions", "outcome_plans"}
assert d["outcome_plans"] == []  # spec.cfg asks for no measure
assert len(d["entries"]) == 5 and d["entries"][0]["kind"] == "session"
assert len(d["sessions"]) == 5
assert set(d["sessions"][0]) == {"day", "exercise", "logged_at", "pain", "note", "skip"}
assert d["sessions"][0]["pain"] == 3 and d["sessions"][4]["skip"] == "travel"
p = d["prescriptions"]
assert [s["from"] for s in p] == ["2026-11-23"], p
assert [e["id"] for e in p[0]["exercises"]] == ["quad-set", "slr", "bridge"]
b = p[0]["exercises"][2]
assert b["per_week"] == 3 and b["from"] == "2026-11-16" and b["reps"] == 15
PY
expect import_json 0 --out "imported 5 rows from $T/a.json (0 already there); prescriptions restored" -- "$hep" import "$T/a.json" --db "$T/c.db"
# The back-up's snapshot of 2026-11-23 is restored; the one the new file
# stored as it opened (the same exercises, dated today) changes nothing
# and goes again.
[[ $(sqlite3 "$T/c.db" 'SELECT group_concat(day) FROM snapshot') == "2026-11-23" ]] &&
	ok import_json_snapshots || bad import_json_snapshots "$(sqlite3 "$T/c.db" 'SELECT * FROM snapshot')"
"$hep" export --format json --db "$T/c.db" >"$T/c.json"
cmp -s "$T/a.json" "$T/c.json" && ok json_round_trip_same_bytes || bad json_round_trip_same_bytes "$(diff "$T/a.json" "$T/c.json" | head -5)"
"$hep" export --format csv --db "$T/c.db" >"$T/c.csv"
cmp -s "$T/a.csv" "$T/c.csv" && ok json_round_trip_sessions || bad json_round_trip_sessions "$(diff "$T/a.csv" "$T/c.csv")"

# Sessions are numbered by logged_at, whatever the order of the file.
printf 'day,exercise,logged_at,pain,note,skip\n2026-11-20,quad-set,2026-11-20T18:00:00Z,,evening,\n2026-11-20,quad-set,2026-11-20T07:00:00Z,,morning,\n' >"$T/order.csv"
"$hep" import "$T/order.csv" --db "$T/d.db" >/dev/null
[[ $(sqlite3 "$T/d.db" "SELECT group_concat(n || note, ' ') FROM (SELECT * FROM session ORDER BY n)") == "1morning 2evening" ]] &&
	ok numbered_by_logged_at || bad numbered_by_logged_at "$(sqlite3 "$T/d.db" 'SELECT * FROM session')"
# Also merged into a day already recorded: an earlier session goes first.
printf 'day,exercise,logged_at,pain,note,skip
2026-11-20,quad-set,2026-11-20T05:00:00Z,,dawn,
2026-11-20,quad-set,2026-11-20T12:00:00Z,,noon,
' >"$T/order2.csv"
"$hep" import "$T/order2.csv" --db "$T/d.db" >/dev/null
[[ $(sqlite3 "$T/d.db" "SELECT group_concat(n || note, ' ') FROM (SELECT * FROM session ORDER BY n)") == "1dawn 2morning 3noon 4evening" ]] &&
	ok renumbered_when_merged || bad renumbered_when_merged "$(sqlite3 "$T/d.db" 'SELECT * FROM session')"

# ---- one malformed row rejects the file; nothing is written -----------------
malformed() { # NAME LINE-OR-EMPTY MESSAGE BODY
	local f=$T/$1.csv before
	printf '%s' "$4" >"$f"
	before=$(hash_of "$db")
	expect "import_$1" 1 --err "$f:$2: $3" -- "$hep" import "$f" --db "$db"
	[[ $(hash_of "$db") == "$before" ]] && ok "import_$1_nothing_written" || bad "import_$1_nothing_written"
}
H='day,exercise,logged_at,pain,note,skip'
G='2026-11-20,quad-set,2026-11-20T07:00:00Z,,,'
malformed header 1 'the first line must be "day,exercise,logged_at,pain,note,skip"' $'day,exercise\n'
malformed future 3 'day 2026-11-27 is in the future' "$H"$'\n'"$G"$'\n2026-11-27,quad-set,2026-11-27T07:00:00Z,,,\n'
malformed bad_date 2 'day "2026-02-30" is not a date as YYYY-MM-DD' "$H"$'\n2026-02-30,quad-set,2026-11-20T07:00:00Z,,,\n'"$G"$'\n'
malformed bad_id 2 'exercise "Quad Set" is not an id (a-z, 0-9, '"'-'"')' "$H"$'\n2026-11-20,Quad Set,2026-11-20T07:00:00Z,,,\n'
malformed pain 2 'pain "11" is not a whole number from 0 to 10' "$H"$'\n2026-11-20,quad-set,2026-11-20T07:00:00Z,11,,\n'
malformed reason 2 'skip "bored" is not a reason (rest, pain, sick, travel, time, other)' "$H"$'\n2026-11-20,quad-set,2026-11-20T07:00:00Z,,,bored\n'
malformed logged_at 2 'logged_at "2026-11-20 07:00" is not YYYY-MM-DDTHH:MM:SSZ' "$H"$'\n2026-11-20,quad-set,2026-11-20 07:00,,,\n'
malformed fields 2 '5 fields; a row has 6' "$H"$'\n2026-11-20,quad-set,2026-11-20T07:00:00Z,,\n'
malformed quote 2 'a badly quoted field' "$H"$'\n2026-11-20,quad-set,2026-11-20T07:00:00Z,,"open,\n'
malformed skip_conflict 3 '"quad-set" already has a different skip on 2026-11-24' "$H"$'\n'"$G"$'\n2026-11-24,quad-set,2026-11-24T09:00:00Z,,,rest\n'
printf 'day,exercise,logged_at,pain,note,skip\n2026-11-20,quad-set,2026-11-20T07:00:00Z,,caf\xe9,\n' >"$T/latin1.csv"
expect import_not_utf8 1 --err "$T/latin1.csv:2: not valid UTF-8 text" -- "$hep" import "$T/latin1.csv" --db "$db"
printf '{"sessions": [{"day": "2026-11-20", "exercise": "quad-set",\n "logged_at": "2026-11-20T07:00:00Z", "pain": 12, "note": null, "skip": null}]}' >"$T/pain.json"
expect import_json_pain 1 --err "$T/pain.json:1: pain \"12\" is not a whole number from 0 to 10" -- "$hep" import "$T/pain.json" --db "$db"
printf '{"sessions": [}' >"$T/broken.json"
expect import_json_syntax 1 --err "$T/broken.json:1: unexpected character" -- "$hep" import "$T/broken.json" --db "$db"
expect import_missing 1 --err-has "$T/none.csv: cannot open: No such file or directory" -- "$hep" import "$T/none.csv" --db "$db"
expect import_needs_file 2 --err-has "'import' needs a file" -- "$hep" import --db "$db"
expect export_bad_format 2 --err-has "--format for 'export' is csv or json, not 'pdf'" -- "$hep" export --format pdf --db "$db"

finish
