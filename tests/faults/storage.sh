#!/usr/bin/env bash
# Storage faults (issue 5, SPEC section 6): kill -9 in the middle of writes
# and of a schema migration, and a full disk. Nothing acknowledged is ever
# lost, nothing unacknowledged is half there, and the file stays sound.
source "$(dirname "$0")/../cli/lib.sh"

export HEP_CONFIG=$src/data/spec.cfg HEP_NOW=2026-11-26T07:30
integrity() { sqlite3 -cmd ".timeout 10000" "$1" 'PRAGMA integrity_check'; }

# ---- kill -9 during a stream of writes -----------------------------------
# A writer records quad-set day after day (every day of 2026 before the
# 26th of November: 329 distinct days, two sessions each) and acknowledges
# each session only after hep returned 0. A killer kill -9s the hep process
# at a random moment, many rounds. Every acknowledged session must be there;
# at most the one in flight may be there without an acknowledgement.
sed 's/start      = "2026-11-02";/start = "2026-01-01";/' "$src/data/spec.cfg" >"$T/rx.cfg"
db=$T/kill.db
"$hep" today --config "$T/rx.cfg" --db "$db" >/dev/null
: >"$T/ack"
writer() {
	local d n
	for d in $(seq 0 329); do
		day=$(date -u -d "2026-01-01 + $d days" +%F)
		for n in 1 2; do
			grep -qx "$day $n" "$T/ack" && continue
			if "$hep" done quad-set --config "$T/rx.cfg" --db "$db" --date "$day" >/dev/null 2>>"$T/werr"; then
				echo "$day $n" >>"$T/ack"
			fi
		done
	done
}
rounds=0
RANDOM=7
while ((rounds < 40)); do
	writer &
	wpid=$!
	sleep "0.$((RANDOM % 4 + 1))"
	victim=$(pgrep -P "$wpid" -x hep | head -n 1)
	[[ -n $victim ]] && kill -9 "$victim" 2>/dev/null
	kill -9 "$wpid" 2>/dev/null
	wait "$wpid" 2>/dev/null
	rounds=$((rounds + 1))
done
# A hep started by a writer just before the writer was killed may still be
# finishing its write: wait for it (and read with a busy timeout), so that
# a read never meets its lock (a quiet-machine-only test otherwise).
settle() { for _ in $(seq 100); do pgrep -f -- "--db $db" >/dev/null || return 0; sleep 0.1; done; }
settle
acked=$(sort -u "$T/ack" | wc -l)
stored=$(sqlite3 -cmd ".timeout 10000" "$db" "SELECT count(*) FROM session")
missing=$(sort -u "$T/ack" | while read -r day n; do
	[[ $(sqlite3 -cmd ".timeout 10000" "$db" "SELECT count(*) FROM session WHERE exercise='quad-set' AND day='$day' AND n=$n") == 1 ]] || echo "$day $n"
done)
[[ -z $missing ]] && ok "kill9_acknowledged_kept ($rounds rounds, $acked acknowledged)" || bad kill9_acknowledged_kept "missing: $missing"
((stored - acked >= 0 && stored - acked <= rounds)) && ok "kill9_no_extra ($stored stored)" ||
	bad kill9_no_extra "stored $stored, acknowledged $acked"
[[ $(integrity "$db") == ok ]] && ok kill9_integrity || bad kill9_integrity "$(integrity "$db")"
[[ $(sqlite3 -cmd ".timeout 10000" "$db" "SELECT count(*) FROM (SELECT exercise, day FROM session GROUP BY exercise, day HAVING count(*) > 2)") == 0 ]] &&
	ok kill9_no_duplicates || bad kill9_no_duplicates
"$hep" today --config "$T/rx.cfg" --db "$db" >/dev/null && ok kill9_reopens || bad kill9_reopens "$(cat "$T/werr" | tail -3)"

# ---- kill -9 during a random mix of done, undo, redo, skip and edit --------
# Each command has its own time (HEP_NOW to the second), so an entry is told
# by its time and kind. Every acknowledged entry must be there, at most one
# unacknowledged one per round, and what stands must be what replaying the
# diary from scratch gives: a JSON export imported into an empty file (which
# replays every entry) has the same state, day by day.
db=$T/mix.db
HEP_NOW=2026-06-01T00:00 "$hep" today --config "$T/rx.cfg" --db "$db" >/dev/null
python3 - >"$T/ops" <<'PY'
import datetime, random
r = random.Random(11)
start = datetime.date(2026, 1, 5)
ops = []
for i in range(700):
    day = start + datetime.timedelta(days=i // 5)
    ex = r.choice(["quad-set", "quad-set", "slr"])
    kind = r.choices(["done", "undo", "redo", "skip", "edit"], [5, 3, 2, 2, 2])[0]
    args = {"done": f"done {ex}" + (f" --pain {r.randint(0, 10)}" if r.random() < 0.4 else ""),
            "undo": f"undo {ex}", "redo": f"redo {ex}",
            "skip": f"skip {ex} --reason {r.choice(['rest', 'pain', 'time', 'travel'])}",
            "edit": f"edit {ex} --pain {r.choice(['none', '1', '5', '9'])}"}[kind]
    when = datetime.datetime(2026, 6, 1) + datetime.timedelta(seconds=i)
    kinds = {"done": "session", "undo": "undo", "redo": "redo", "skip": "skip", "edit": "correction"}
    print(i, day.isoformat(), when.strftime("%Y-%m-%dT%H:%M:%S"), kinds[kind], args)
PY
: >"$T/mixack"
mixer() {
	local i day when kind args
	declare -A done_ops
	while read -r i; do done_ops[$i]=1; done < <(cut -d' ' -f1 "$T/mixack")
	while read -r i day when kind args; do
		[[ -n ${done_ops[$i]-} ]] && continue
		# shellcheck disable=SC2086 # args are words
		if HEP_NOW=$when "$hep" $args --config "$T/rx.cfg" --db "$db" --date "$day" >"$T/mixout" 2>>"$T/mixerr"; then
			# An edit that changes nothing writes nothing.
			grep -q "nothing changed" "$T/mixout" && kind=refused
			echo "$i $when $kind" >>"$T/mixack"
		else
			echo "$i refused" >>"$T/mixack" # refused or failed: not tried again
		fi
	done <"$T/ops"
}
rounds=0
RANDOM=13
while ((rounds < 30)); do
	mixer &
	wpid=$!
	sleep "0.$((RANDOM % 4 + 1))"
	victim=$(pgrep -P "$wpid" -x hep | head -n 1)
	[[ -n $victim ]] && kill -9 "$victim" 2>/dev/null
	kill -9 "$wpid" 2>/dev/null
	wait "$wpid" 2>/dev/null
	rounds=$((rounds + 1))
done
settle
mixer # the rest, unkilled
acked=$(grep -vc refused "$T/mixack")
tried=$(wc -l <"$T/mixack")
missing=$(grep -v refused "$T/mixack" | while read -r i when kind; do
	[[ $(sqlite3 -cmd ".timeout 10000" "$db" "SELECT count(*) FROM entry WHERE made_at = '${when}Z' AND kind = '$kind'") -ge 1 ]] || echo "$i $when $kind"
done)
# (Most commands must have been taken: a clock the record refuses would
# make this test prove nothing.)
((acked > 200)) || bad mix_kill9_enough "only $acked of $tried acknowledged: $(sort "$T/mixerr" | uniq -c | sort -rn | head -3)"
[[ -z $missing ]] && ok "mix_kill9_acknowledged_kept ($rounds rounds, $tried commands, $acked entries acknowledged)" || bad mix_kill9_acknowledged_kept "missing: $missing"
entries=$(sqlite3 -cmd ".timeout 10000" "$db" "SELECT count(*) FROM entry WHERE kind != 'withdraw'")
((entries - acked >= 0 && entries - acked <= rounds)) && ok "mix_kill9_no_extra ($entries entries)" ||
	bad mix_kill9_no_extra "entries $entries, acknowledged $acked"
[[ $(integrity "$db") == ok ]] && ok mix_kill9_integrity || bad mix_kill9_integrity "$(integrity "$db")"
kinds=$(sqlite3 -cmd ".timeout 10000" "$db" "SELECT group_concat(kind || ':' || n, ' ') FROM (SELECT kind, count(*) AS n FROM entry GROUP BY kind)")
HEP_NOW=2026-06-02T12:00 "$hep" export --format json --config "$T/rx.cfg" --db "$db" >"$T/mix.json"
HEP_NOW=2026-06-02T12:00 "$hep" import "$T/mix.json" --config "$T/rx.cfg" --db "$T/replayed.db" >/dev/null
cmp -s <(HEP_NOW=2026-06-02T12:00 "$hep" export --format csv --config "$T/rx.cfg" --db "$db") \
	<(HEP_NOW=2026-06-02T12:00 "$hep" export --format csv --config "$T/rx.cfg" --db "$T/replayed.db") &&
	cmp -s <(HEP_NOW=2026-06-02T12:00 "$hep" report --format json --from 2026-01-05 --config "$T/rx.cfg" --db "$db") \
		<(HEP_NOW=2026-06-02T12:00 "$hep" report --format json --from 2026-01-05 --config "$T/rx.cfg" --db "$T/replayed.db") &&
	ok "mix_kill9_state_is_the_replay ($kinds)" || bad mix_kill9_state_is_the_replay
# ---- kill -9 inside the schema migration ------------------------------------
mig=$T/mig.db
HEP_TEST_MIGRATION_PAUSE_MS=3000 "$hep" today --db "$mig" >/dev/null 2>"$T/mig.err" &
mpid=$!
for _ in $(seq 1 100); do grep -q migrating "$T/mig.err" && break; sleep 0.05; done
kill -9 "$mpid" 2>/dev/null
wait "$mpid" 2>/dev/null
grep -q migrating "$T/mig.err" && ok migration_killed_inside || bad migration_killed_inside "never reached the pause"
[[ $(sqlite3 "$mig" 'PRAGMA user_version') == 0 && $(sqlite3 "$mig" 'SELECT count(*) FROM sqlite_schema') == 0 ]] &&
	ok migration_rolled_back || bad migration_rolled_back "version $(sqlite3 "$mig" 'PRAGMA user_version'), $(sqlite3 "$mig" 'SELECT count(*) FROM sqlite_schema') objects"
expect migration_next_start 0 -- "$hep" done quad-set --db "$mig"
version=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$src/../include/hep/store.h")
[[ $(sqlite3 "$mig" 'PRAGMA user_version') == "$version" && $(integrity "$mig") == ok ]] && ok migration_completes ||
	bad migration_completes "version $(sqlite3 "$mig" 'PRAGMA user_version'), want $version"


# ---- kill -9 inside the migration of the last release's file --------------
# The data file tests/data/v3 was made by hep 0.1.0 (schema 3). Killed while
# it migrates to the diary, it is left as it was: version 3, every row.
v3=$T/v3.db
cp "$src/data/v3/hep.db" "$v3"
dump() { sqlite3 "$1" .dump | sha256sum; }
before=$(dump "$v3")
HEP_TEST_MIGRATION_PAUSE_MS=3000 HEP_NOW=2026-11-26T07:30 "$hep" today --config "$src/data/v3/rx.cfg" --db "$v3" >/dev/null 2>"$T/v3.err" &
mpid=$!
for _ in $(seq 1 100); do grep -q migrating "$T/v3.err" && break; sleep 0.05; done
kill -9 "$mpid" 2>/dev/null
wait "$mpid" 2>/dev/null
grep -q migrating "$T/v3.err" && ok v3_migration_killed_inside || bad v3_migration_killed_inside "never reached the pause"
[[ $(sqlite3 "$v3" 'PRAGMA user_version') == 3 && $(dump "$v3") == "$before" && $(integrity "$v3") == ok ]] &&
	ok v3_migration_left_as_it_was || bad v3_migration_left_as_it_was "version $(sqlite3 "$v3" 'PRAGMA user_version')"
HEP_NOW=2026-11-26T07:30 "$hep" today --json --config "$src/data/v3/rx.cfg" --db "$v3" >"$T/v3.today"
# The kept answer's keys are all given, equal (later releases add keys).
same_keys() {
	python3 - "$1" "$2" <<'PY'
import json, sys
def sub(a, b):
    if isinstance(a, dict):
        return isinstance(b, dict) and all(k in b and sub(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(sub, a, b))
    return a == b
sys.exit(not sub(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))))
PY
}
[[ $(sqlite3 "$v3" 'PRAGMA user_version') == "$version" ]] &&
	same_keys "$src/data/v3/today.json" "$T/v3.today" &&
	ok v3_migration_next_start || bad v3_migration_next_start

# ---- kill -9 inside the migration that gives entries their identity ---------
# tests/data/v7 (schema 7) migrates to identities (SPEC 6.2) in one
# transaction, C code and all: killed inside it, it is left as it was.
v7=$T/v7.db
cp "$src/data/v7/hep.db" "$v7"
before=$(dump "$v7")
HEP_TEST_MIGRATION_PAUSE_MS=3000 HEP_NOW=2026-11-26T07:30 "$hep" today --config "$src/data/v7/rx.cfg" --db "$v7" >/dev/null 2>"$T/v7.err" &
mpid=$!
for _ in $(seq 1 100); do grep -q migrating "$T/v7.err" && break; sleep 0.05; done
kill -9 "$mpid" 2>/dev/null
wait "$mpid" 2>/dev/null
grep -q migrating "$T/v7.err" && ok v7_migration_killed_inside || bad v7_migration_killed_inside "never reached the pause"
[[ $(sqlite3 "$v7" 'PRAGMA user_version') == 7 && $(dump "$v7") == "$before" && $(integrity "$v7") == ok ]] &&
	ok v7_migration_left_as_it_was || bad v7_migration_left_as_it_was "version $(sqlite3 "$v7" 'PRAGMA user_version')"
HEP_NOW=2026-11-26T07:30 "$hep" today --json --config "$src/data/v7/rx.cfg" --db "$v7" >"$T/v7.today"
[[ $(sqlite3 "$v7" 'PRAGMA user_version') == "$version" ]] &&
	same_keys "$src/data/v7/today.json" "$T/v7.today" &&
	ok v7_migration_next_start || bad v7_migration_next_start

# ---- a full disk ------------------------------------------------------------
# ulimit -f caps the file size (SIGXFSZ ignored so writes fail instead);
# the data file is grown first until a write no longer fits (a note at
# the 2000-byte limit of SPEC section 6.2).
full=$T/full.db
"$hep" today --db "$full" >/dev/null
sqlite3 "$full" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 60)
  INSERT INTO session(exercise, day, n, logged_at, note) SELECT 'slr', date('2026-01-01', '+' || i || ' days'),
  1, '2026-01-01T08:00:00Z', printf('%.600c', 'x') FROM k; VACUUM;"
before=$(sqlite3 "$full" 'SELECT count(*) FROM session')
size=$(stat -c %s "$full")
limit=$(((size + 1023) / 1024)) # bash counts 1024-byte blocks
(
	trap '' XFSZ
	ulimit -f "$limit"
	"$hep" done quad-set --db "$full" --note "$(head -c 2000 /dev/zero | tr '\0' y)" >"$T/full.out" 2>"$T/full.err"
	echo $? >"$T/full.rc"
)
[[ $(cat "$T/full.rc") == 1 ]] && ok disk_full_refused || bad disk_full_refused "exit $(cat "$T/full.rc"): $(cat "$T/full.out" "$T/full.err")"
grep -qE 'full.db: (the disk is full|the data file reached the size limit|input/output error writing the data file; is the disk full\?)' "$T/full.err" && ok disk_full_message ||
	bad disk_full_message "$(cat "$T/full.err")"
[[ ! -s $T/full.out ]] && ok disk_full_no_false_saved || bad disk_full_no_false_saved "$(cat "$T/full.out")"
[[ $(sqlite3 "$full" 'SELECT count(*) FROM session') == "$before" && $(integrity "$full") == ok ]] &&
	ok disk_full_earlier_intact || bad disk_full_earlier_intact "$(sqlite3 "$full" 'SELECT count(*) FROM session') vs $before"

# ---- a full disk on a new day: reading still works -------------------------
# ulimit -f 1 lets no write reach past a file's first KiB, as a full disk
# would; reading is untouched. On a new day the daily check writes first,
# yet the commands that only read still answer from the file (read-only),
# judged by its stored versions, saying once that today's check was not
# stored, and export takes a whole back-up off it (SPEC 6.2). The writes
# refuse as before, nothing written.
nd=$T/newday.db
"$hep" done quad-set --db "$nd" --pain 2 --note "before the disk filled" >/dev/null
before=$(sha256sum <"$nd")
on_full() { # NAME ARGS...: hep on 2026-11-27 under the limit; its output
	# reaches $T/NAME.out through a pipe (which no limit stops)
	local name=$1
	shift
	(
		trap '' XFSZ
		ulimit -f 1
		HEP_NOW=2026-11-27T07:30 "$hep" "$@" --db "$nd" 2>"$T/$name.err"
		echo $? >"$T/$name.rc"
	) | cat >"$T/$name.out"
}
notice="hep: the data file cannot be written (it reached the size limit); today's check of the prescription was not stored"
for r in today week streak history log report outcomes remind "export --format csv" "export --format json" "log --json"; do
	name=full_reads_${r// /_}
	# shellcheck disable=SC2086 # words
	on_full "$name" $r
	want=0
	[[ $r == remind ]] && want=1 # something is left
	[[ $(cat "$T/$name.rc") == "$want" && $(cat "$T/$name.err") == "$notice" && -s $T/$name.out ]] &&
		ok "$name" || bad "$name" "exit $(cat "$T/$name.rc")" "$(cat "$T/$name.err")"
done
[[ $(sha256sum <"$nd") == "$before" ]] && ok full_reads_nothing_written || bad full_reads_nothing_written
for r in "done quad-set" "undo quad-set" "skip slr --reason rest" "edit quad-set --pain 3" "import $T/mix.json"; do
	name=full_writes_${r%% *}
	# shellcheck disable=SC2086 # words
	on_full "$name" $r
	[[ $(cat "$T/$name.rc") == 1 && $(cat "$T/$name.err") == "hep: $nd: the data file reached the size limit" && ! -s $T/$name.out ]] &&
		ok "$name" || bad "$name" "exit $(cat "$T/$name.rc")" "$(cat "$T/$name.out" "$T/$name.err")"
done
[[ $(sha256sum <"$nd") == "$before" && $(integrity "$nd") == ok ]] && ok full_writes_nothing_written || bad full_writes_nothing_written
# What they answered is what the file holds: the same as once there is room
# (the back-up whole, byte for byte).
for r in today "log --json" "export --format json"; do
	name=full_reads_${r// /_}
	# shellcheck disable=SC2086 # words
	HEP_NOW=2026-11-27T07:30 "$hep" $r --db "$nd" >"$T/room.out"
	cmp -s "$T/$name.out" "$T/room.out" && ok "${name}_as_with_room" || bad "${name}_as_with_room" "$(diff "$T/$name.out" "$T/room.out" | head -5)"
done
# A file of an older schema cannot be migrated on a full disk: an error for
# every command, export included, and the file as it was.
old=$T/v6.db
cp "$src/data/v6/hep.db" "$old"
before=$(sha256sum <"$old")
(
	trap '' XFSZ
	ulimit -f 1
	"$hep" export --format json --config "$src/data/v6/rx.cfg" --db "$old" 2>"$T/v6.err"
	echo $? >"$T/v6.rc"
) | cat >"$T/v6.out"
[[ $(cat "$T/v6.rc") == 1 && ! -s $T/v6.out ]] && grep -q "upgrading the data file to version" "$T/v6.err" &&
	ok full_older_schema_refused || bad full_older_schema_refused "exit $(cat "$T/v6.rc")" "$(cat "$T/v6.err")"
[[ $(sha256sum <"$old") == "$before" ]] && ok full_older_schema_unchanged || bad full_older_schema_unchanged

finish
