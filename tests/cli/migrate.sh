#!/usr/bin/env bash
# A data file made by the last release before the diary (schema 3, made by
# tests/data/v3/make.sh with hep 0.1.0) opens in this hep: it migrates in
# one transaction into entries, and every answer that release gave about
# it, kept beside it, is given again, number for number.
source "$(dirname "$0")/lib.sh"

fx=$src/data/v3
export HEP_CONFIG=$fx/rx.cfg HEP_DB=$T/hep.db HEP_NOW=2026-11-26T07:30
cp "$fx/hep.db" "$HEP_DB"
[[ $(sqlite3 "$HEP_DB" 'PRAGMA user_version') == 3 ]] && ok fixture_is_version_3 || bad fixture_is_version_3
sessions=$(sqlite3 "$HEP_DB" 'SELECT count(*) FROM session')
skips=$(sqlite3 "$HEP_DB" 'SELECT count(*) FROM skip')

# same_json NAME FILE ARGS...: hep's answer, parsed, equals the kept one.
same_json() {
	local name=$1 want=$2
	shift 2
	"$hep" "$@" >"$T/got" 2>"$T/err"
	if python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' "$fx/$want" "$T/got" 2>/dev/null; then
		ok "$name"
	else
		bad "$name" "$(diff <(python3 -m json.tool --sort-keys "$fx/$want") <(python3 -m json.tool --sort-keys "$T/got" 2>&1) | head -8)" "$(cat "$T/err")"
	fi
}
same_bytes() {
	local name=$1 want=$2
	shift 2
	"$hep" "$@" >"$T/got" 2>"$T/err"
	cmp -s "$fx/$want" "$T/got" && ok "$name" || bad "$name" "$(diff "$fx/$want" "$T/got" | head -8)" "$(cat "$T/err")"
}

same_json today_json today.json today --json
[[ $(sqlite3 "$HEP_DB" 'PRAGMA user_version') == 4 ]] && ok migrated_to_4 || bad migrated_to_4 "$(sqlite3 "$HEP_DB" 'PRAGMA user_version')"
same_json week_json week.json week --json
same_json old_week_json week-old.json week --json --date 2026-10-14
same_json streak_json streak.json streak --json
same_json report_json report.json report --format json --from 2026-10-05
same_json history_json history.json history --json
same_bytes report_text report.txt report --from 2026-10-05
same_bytes export_csv export.csv export
"$hep" export --format json >"$T/export.json"
python3 - "$fx/export.json" "$T/export.json" <<'PY' && ok export_json_state || bad export_json_state
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
assert a["sessions"] == b["sessions"] and a["prescriptions"] == b["prescriptions"]
PY

# Each session and skip is an entry at its logged time, oldest first.
[[ $(sqlite3 "$HEP_DB" 'SELECT count(*) FROM entry') == $((sessions + skips)) ]] &&
	ok one_entry_each || bad one_entry_each "$(sqlite3 "$HEP_DB" 'SELECT count(*) FROM entry') entries, $sessions sessions, $skips skips"
"$hep" log --json >"$T/log.json"
python3 - "$T/log.json" <<'PY' && ok log_of_migrated_file || bad log_of_migrated_file
import json, sys
e = json.load(open(sys.argv[1]))["entries"]
assert {x["kind"] for x in e} == {"session", "skip"}
assert [x["made_at"] for x in e] == sorted(x["made_at"] for x in e)
# The time skip of Oct 23 and the session after it both stand: a
# migration never creates a withdrawal.
assert any(x["kind"] == "skip" and x["reason"] == "time" and x["day"] == "2026-10-23" for x in e)
late = [x for x in e if x["late"]]
assert [x["day"] for x in late] == ["2026-10-19"], late
PY
# The record of Nov 24, numbered out of order by a clock set back, is
# numbered by logged time now; undo takes back the latest entry.
expect undo_after_migration 0 --out "Quad sets: session 1 taken back for 2026-11-26 (redo brings it back)" -- "$hep" undo quad-set
expect redo_after_migration 0 --out "Quad sets: session 1 brought back for 2026-11-26" -- "$hep" redo quad-set
[[ $(sqlite3 "$HEP_DB" "SELECT group_concat(substr(logged_at, 12, 5), ' ') FROM (SELECT * FROM session WHERE day = '2026-11-24' AND exercise = 'quad-set' ORDER BY n)") == "09:00 20:00" ]] &&
	ok renumbered_by_logged_time || bad renumbered_by_logged_time "$(sqlite3 "$HEP_DB" "SELECT * FROM session WHERE day = '2026-11-24'")"
same_json today_json_after_undo_redo today.json today --json

finish
