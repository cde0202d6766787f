#!/usr/bin/env bash
# The data file's promises (SPEC section 6) through the real program:
# private permissions, refusals that leave the file as it was, and several
# writers at once without "database is locked" and without a duplicate.
source "$(dirname "$0")/lib.sh"

export HEP_CONFIG=$src/data/spec.cfg HEP_NOW=2026-11-26T07:30
hash_of() { sha256sum "$1" | cut -d' ' -f1; }

# ---- created private, whatever the umask -----------------------------------
(umask 000 && "$hep" today >/dev/null)
db=$XDG_DATA_HOME/hep/hep.db
[[ $(stat -c %a "$db") == 600 && $(stat -c %a "$XDG_DATA_HOME/hep") == 700 ]] &&
	ok private_permissions || bad private_permissions "$(stat -c '%a %n' "$db" "$XDG_DATA_HOME/hep")"
[[ $(sqlite3 "$db" 'PRAGMA journal_mode') == delete ]] && ok rollback_journal || bad rollback_journal
[[ ! -e $db-journal && ! -e $db-wal ]] && ok one_file_at_rest || bad one_file_at_rest
[[ $(sqlite3 "$db" 'PRAGMA application_id') == $((0x48455031)) ]] && ok application_id || bad application_id
HEP_DB=$T/env.db "$hep" today >/dev/null && [[ -f $T/env.db ]] && ok hep_db_env || bad hep_db_env
"$hep" today --db "$T/opt.db" >/dev/null && [[ -f $T/opt.db ]] && ok db_option || bad db_option

# ---- refusals leave the bytes as they were ----------------------------------
refuse() { # NAME FILE MESSAGE-PART
	local before after
	before=$(hash_of "$2")
	expect "$1" 1 --err-has "$3" -- "$hep" done quad-set --db "$2"
	after=$(hash_of "$2")
	[[ $before == "$after" ]] && ok "$1_unchanged" || bad "$1_unchanged" "the file changed"
}
echo "my shopping list" >"$T/text.db"
refuse text_file "$T/text.db" "$T/text.db: not a hep data file"
sqlite3 "$T/foreign.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
refuse foreign_file "$T/foreign.db" "another program's SQLite database"
cp "$db" "$T/newer.db" && sqlite3 "$T/newer.db" "PRAGMA user_version = $(($(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$src/../include/hep/store.h") + 1))"
refuse newer_file "$T/newer.db" "made by a newer hep"
cp "$db" "$T/cut.db" && for i in $(seq 1 9); do "$hep" done quad-set --db "$T/cut.db" --date "2026-11-0$i" >/dev/null; done
truncate -s 5000 "$T/cut.db"
HEP_NOW=2026-11-27T07:30 refuse truncated_file "$T/cut.db" "$T/cut.db: the data file is damaged"
# SPEC section 6: the check runs on the first open of a day, and again before
# every import and export: a file damaged after today's clean check is
# refused by both, and left as it was.
dmg=$T/damaged.db
"$hep" today --db "$dmg" >/dev/null
sqlite3 "$dmg" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 400)
  INSERT INTO session(exercise, day, n, logged_at, note) SELECT 'slr', date('2025-01-01', '+' || i || ' days'),
  1, '2025-01-01T08:00:00Z', 'a note to fill the pages up a little' FROM k"
"$hep" today --db "$dmg" >/dev/null # today's clean check
[[ $(sqlite3 "$dmg" "SELECT value FROM meta WHERE key = 'last_check'") == 2026-11-26 ]] ||
	bad damaged_setup "no clean check recorded today"
printf '\245%.0s' $(seq 1 64) | dd of="$dmg" bs=1 seek=$((3 * 4096 + 8)) conv=notrunc status=none
before=$(hash_of "$dmg")
"$hep" export --format csv --db "$db" >"$T/good.csv"
expect export_checks_again 1 --err-has "$dmg: the data file is damaged" -- "$hep" export --db "$dmg"
expect import_checks_again 1 --err-has "$dmg: the data file is damaged" -- "$hep" import "$T/good.csv" --db "$dmg"
[[ $(hash_of "$dmg") == "$before" ]] && ok damaged_unchanged || bad damaged_unchanged "the file changed"
mkdir "$T/dir.db"
expect directory_db 1 --err "hep: $T/dir.db: not a regular file" -- "$hep" today --db "$T/dir.db"
# Every message but a FILE:LINE list begins "hep: ".
printf 'not a database' >"$T/bad.db"
expect prefix_on_data_file_errors 1 --err "hep: $T/bad.db: not a hep data file (not an SQLite database)" -- env HEP_DB="$T/bad.db" "$hep" today

# As another user (root ignores file modes): a read-only file and folder.
# The user nobody must reach hep and the prescription: in a clone inside a
# folder only root may enter (/root is 0700), they are copied beside the
# data files; hep under valgrind (a wrapper of the build's binary) cannot
# be, and then these checks say why they are passed over.
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
as_nobody=
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
	chmod 755 "$T"
	as_nobody=$hep
	# (Through env, as the checks run it: setpriv itself still holds
	# root's capabilities when it starts hep.)
	if ! "${nobody[@]}" env "$hep" --version >/dev/null 2>&1; then
		as_nobody=
		if [[ $(head -c 4 "$hep" | od -An -c | tr -d ' ') == 177ELF ]]; then
			cp "$hep" "$T/hep" && chmod 755 "$T/hep" && as_nobody=$T/hep
		fi
	fi
	cp "$src/data/spec.cfg" "$T/spec.cfg" && chmod 644 "$T/spec.cfg"
	[[ -z $as_nobody ]] && echo "skip readonly_file, readonly_folder, missing_folder: the user nobody cannot run $hep here"
fi
if [[ -n $as_nobody ]]; then
	# The sanitizers' suppressions, too, where nobody can read them.
	lsan=${LSAN_OPTIONS:-}
	if [[ $lsan == *suppressions=* ]]; then
		cp "$src/lsan.supp" "$T/lsan.supp" && chmod 644 "$T/lsan.supp"
		lsan="suppressions=$T/lsan.supp:print_suppressions=0"
	fi
	printf '#!/bin/sh\nexec %s env HOME=%s HEP_CONFIG=%s LSAN_OPTIONS=%s %s "$@"\n' \
		"${nobody[*]}" "$T" "$T/spec.cfg" "$lsan" "$as_nobody" >"$T/hep_ro"
	chmod 755 "$T/hep_ro"
	hep_ro=$T/hep_ro
	mkdir -m 755 "$T/ro" "$T/rodir"
	cp "$db" "$T/ro/hep.db" && chown 65534 "$T/ro" && chmod 444 "$T/ro/hep.db"
	before=$(hash_of "$T/ro/hep.db")
	expect readonly_file 1 --err-has "the data file is read-only" -- "$hep_ro" done quad-set --db "$T/ro/hep.db"
	[[ $before == $(hash_of "$T/ro/hep.db") ]] && ok readonly_file_unchanged || bad readonly_file_unchanged
	cp "$db" "$T/rodir/hep.db" && chown 65534 "$T/rodir/hep.db"
	expect readonly_folder 1 --err-has "is not writable" -- "$hep_ro" done quad-set --db "$T/rodir/hep.db"
	expect missing_folder 1 --err-has "cannot create the folder" -- "$hep_ro" today --db "$T/rodir/sub/hep.db"
	# The commands that only read still answer from a file that cannot be
	# written, read-only, saying so once; on a new day too, when the daily
	# check would write (SPEC 6.2). The file is left as it was.
	for where in "ro:it is read-only" "rodir:its folder is not writable"; do
		dir=${where%%:*} why=${where#*:}
		before=$(hash_of "$T/$dir/hep.db")
		for r in today week streak history log report outcomes "export --format csv" "export --format json"; do
			# shellcheck disable=SC2086 # words
			expect "${dir}_reads: $r" 0 --err "hep: the data file cannot be written ($why); today's check of the prescription was not stored" -- env HEP_NOW=2026-11-27T07:30 "$hep_ro" $r --db "$T/$dir/hep.db"
		done
		expect "${dir}_reads: remind" 1 --out "3 left today: Quad sets, Straight leg raise, Bridges (0 of 3 this week)" -- env HEP_NOW=2026-11-27T07:30 "$hep_ro" remind --db "$T/$dir/hep.db"
		expect "${dir}_writes_refused" 1 --err-has "hep: $T/$dir/hep.db: " -- env HEP_NOW=2026-11-27T07:30 "$hep_ro" skip quad-set --reason rest --db "$T/$dir/hep.db"
		[[ $(hash_of "$T/$dir/hep.db") == "$before" ]] && ok "${dir}_unchanged" || bad "${dir}_unchanged"
	done
	# What they read is the file's: the back-up is whole.
	env HEP_NOW=2026-11-27T07:30 "$hep_ro" export --format json --db "$T/ro/hep.db" >"$T/ro.json" 2>/dev/null
	cmp -s "$T/ro.json" <(HEP_NOW=2026-11-27T07:30 "$hep" export --format json --db "$db") && ok readonly_export_whole || bad readonly_export_whole
	# A file of an older schema cannot be migrated read-only: an error for
	# every command, export included, saying why.
	mkdir -m 755 "$T/ro6" && cp "$src/data/v6/hep.db" "$T/ro6/hep.db" && chmod 444 "$T/ro6/hep.db"
	cp "$src/data/v6/rx.cfg" "$T/v6.cfg" && chmod 644 "$T/v6.cfg"
	expect readonly_older_schema 1 --err "hep: $T/ro6/hep.db: the data file is from an older hep (data version 6) and must be upgraded, but it cannot be written (it is read-only); make it writable and run hep again" -- "$hep_ro" export --format json --config "$T/v6.cfg" --db "$T/ro6/hep.db"
elif [[ $(id -u) != 0 ]]; then
	chmod 444 "$T/opt.db"
	expect readonly_file 1 --err-has "the data file is read-only" -- "$hep" done quad-set --db "$T/opt.db"
	expect readonly_file_reads 0 --err "hep: the data file cannot be written (it is read-only); today's check of the prescription was not stored" -- "$hep" export --format json --db "$T/opt.db"
	chmod 644 "$T/opt.db"
fi

# ---- several writers at once ------------------------------------------------
# Ten processes race for the two sessions of one day: exactly two win, the
# others are refused as past due, none sees "database is locked".
race=$T/race.db
"$hep" today --db "$race" >/dev/null
for i in $(seq 1 10); do "$hep" done quad-set --db "$race" >"$T/race.$i.out" 2>"$T/race.$i.err" & done
wait
[[ $(sqlite3 "$race" "SELECT count(*) FROM session WHERE exercise='quad-set' AND day='2026-11-26'") == 2 ]] &&
	ok race_exactly_per_day || bad race_exactly_per_day "$(sqlite3 "$race" 'SELECT * FROM session')"
if grep -qi locked "$T"/race.*.err; then bad race_no_locked "$(cat "$T"/race.*.err)"; else ok race_no_locked; fi
[[ $(grep -l 'already done' "$T"/race.*.err | wc -l) == 8 ]] && ok race_refusals_clear || bad race_refusals_clear "$(cat "$T"/race.*.err)"

# Three writers on different days, a reader, all at once, many rounds.
writer() { # EXERCISE FIRST-DAY
	local d
	for d in $(seq "$2" 3 23); do
		"$hep" done "$1" --db "$race" --date "$(printf '2026-11-%02d' "$d")" >/dev/null 2>>"$T/w.err" || echo "fail $1 $d" >>"$T/w.err"
	done
}
: >"$T/w.err"
writer quad-set 2 & writer quad-set 3 & writer quad-set 4 &
for i in $(seq 1 20); do "$hep" today --json --db "$race" >/dev/null 2>>"$T/w.err"; done
wait
[[ ! -s $T/w.err ]] && ok concurrent_writers_no_error || bad concurrent_writers_no_error "$(head -5 "$T/w.err")"
[[ $(sqlite3 "$race" "SELECT count(*) FROM session WHERE day < '2026-11-24'") == 22 ]] &&
	ok concurrent_writes_all_present || bad concurrent_writes_all_present "$(sqlite3 "$race" "SELECT count(*) FROM session")"
[[ $(sqlite3 "$race" 'PRAGMA integrity_check') == ok ]] && ok integrity_after_race || bad integrity_after_race

# ---- a changed prescription is stored as a snapshot, the past kept ----------
snap=$T/snap.db
"$hep" done slr --db "$snap" --date 2026-11-23 >/dev/null
sed 's/"quad-set";  name = "Quad sets"/"quad-set";  name = "Quad sets (towel)"/' "$src/data/spec.cfg" >"$T/renamed.cfg"
HEP_NOW=2026-11-27T08:00 "$hep" today --db "$snap" --config "$T/renamed.cfg" >/dev/null
[[ $(sqlite3 "$snap" 'SELECT group_concat(day) FROM snapshot') == "2026-11-26,2026-11-27" ]] &&
	ok snapshot_stored_on_change || bad snapshot_stored_on_change "$(sqlite3 "$snap" 'SELECT * FROM snapshot')"
sed 's/^#.*//' "$src/data/spec.cfg" | sed 's/title      = "Knee rehab, phase 2"/title = "Knee, renamed"/' >"$T/comments.cfg"
HEP_NOW=2026-11-28T08:00 "$hep" today --db "$snap" --config "$T/comments.cfg" >/dev/null
[[ $(sqlite3 "$snap" 'SELECT count(*) FROM snapshot') == 3 ]] && ok snapshot_back_to_original || bad snapshot_back_to_original
cp "$T/comments.cfg" "$T/comments2.cfg" && echo "# another comment" >>"$T/comments2.cfg"
HEP_NOW=2026-11-29T08:00 "$hep" today --db "$snap" --config "$T/comments2.cfg" >/dev/null
[[ $(sqlite3 "$snap" 'SELECT count(*) FROM snapshot') == 3 ]] && ok comment_change_stores_nothing || bad comment_change_stores_nothing
# history says what changed, for patient and therapist.
sed 's/per_day = 2;/per_day = 3;/; s/reps = 12;/reps = 15;/' "$src/data/spec.cfg" | sed '/id = "bridge"/,$d' >"$T/v2.cfg"
printf '  { id = "mini-squat"; name = "Mini squats"; sets = 3; reps = 10; }\n);\n' >>"$T/v2.cfg"
hist=$T/hist.db
"$hep" done slr --db "$hist" --date 2026-11-23 >/dev/null
HEP_NOW=2026-11-27T08:00 expect history_text 0 --out "The prescription has had 2 versions.

2026-11-26  the first prescription (it also rules every earlier day):
  Quad sets (quad-set): 3 × 10, hold 5 s, 2/day
  Straight leg raise (slr): 3 × 12, right side, on Mon Wed Fri, 1/day
  Bridges (bridge): 2 × 15, hold 3 s, rest 30 s, any 3 days/week

2026-11-27  changed:
  quad-set: per_day 2 → 3
  slr: reps 12 → 15
  added Mini squats (mini-squat): 3 × 10, 1/day
  removed Bridges (bridge); its history is kept" -- "$hep" history --db "$hist" --config "$T/v2.cfg"
HEP_NOW=2026-11-27T08:00 "$hep" history --json --db "$hist" --config "$T/v2.cfg" >"$T/hist.json"
json_equal history_json '{"snapshots": [
  {"from": "2026-11-26", "exercises": ["quad-set", "slr", "bridge"], "added": [], "removed": [], "changed": []},
  {"from": "2026-11-27", "exercises": ["quad-set", "slr", "mini-squat"], "added": ["mini-squat"], "removed": ["bridge"],
   "changed": [{"id": "quad-set", "changes": [{"field": "per_day", "before": "2", "after": "3"}]},
               {"id": "slr", "changes": [{"field": "reps", "before": "12", "after": "15"}]}]}],
 "outcome_plans": []}' "$T/hist.json"
# The removed exercise keeps its history; the past is judged as it was.
HEP_NOW=2026-11-27T08:00 "$hep" today --json --date 2026-11-23 --db "$hist" --config "$T/v2.cfg" >"$T/old.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); ids=[i["id"] for i in d["items"]]; q=d["items"][0]; sys.exit(0 if ids==["quad-set","slr","bridge"] and q["due"]==2 else 1)' "$T/old.json" &&
	ok past_judged_by_old_snapshot || bad past_judged_by_old_snapshot "$(cat "$T/old.json")"

sed 's/per_week = 3;/days = ["mon"];/' "$src/data/spec.cfg" >"$T/kind.cfg"
expect kind_change_refused 1 --err-has 'exercise "bridge" was recorded as a per-week exercise; give the fixed-days version a new id' -- env HEP_NOW=2026-11-29T09:00 "$hep" today --db "$snap" --config "$T/kind.cfg"

finish
