#!/usr/bin/env bash
# Injected I/O errors (Debian's libfiu): writes, syncs and reads fail at
# random under hep. Never a false "saved": every session hep acknowledged
# (exit 0) is in the data file afterwards, nothing is duplicated, the file
# stays sound, and a failed write says so and exits 1.
source "$(dirname "$0")/../cli/lib.sh"

if ! command -v fiu-run >/dev/null; then
	echo "fiu-run is missing (apt-get install fiu-utils)"
	echo "0 passed, 1 failed"
	exit 1
fi
sed 's/start      = "2026-11-02";/start = "2026-01-01";/' "$src/data/spec.cfg" >"$T/rx.cfg"
export HEP_CONFIG=$T/rx.cfg HEP_NOW=2026-11-26T07:30
db=$T/io.db
"$hep" today --db "$db" >/dev/null
acked=0 failed=0 false_ok=0
: >"$T/ack"
RANDOM=11
for i in $(seq 0 299); do
	day=$(date -u -d "2026-01-01 + $((i % 300)) days" +%F)
	out=$(fiu-run -x -c "enable_random name=posix/io/rw/*,probability=0.004" \
		-c "enable_random name=posix/io/sync/*,probability=0.1" \
		"$hep" done quad-set --db "$db" --date "$day" 2>"$T/err")
	rc=$?
	if ((rc == 0)); then
		acked=$((acked + 1))
		echo "$day" >>"$T/ack"
		[[ $out == *recorded* ]] || false_ok=$((false_ok + 1))
	else
		failed=$((failed + 1))
		[[ -z $out && -s $T/err ]] || false_ok=$((false_ok + 1))
	fi
done
missing=$(while read -r day; do
	[[ $(sqlite3 "$db" "SELECT count(*) FROM session WHERE exercise='quad-set' AND day='$day'") -ge 1 ]] || echo "$day"
done <"$T/ack")
((failed > 0)) && ok "io_faults_hit ($failed of 300 runs failed)" || bad io_faults_hit "no run failed: the injection did nothing"
[[ -z $missing ]] && ok "io_acknowledged_kept ($acked acknowledged)" || bad io_acknowledged_kept "missing: $missing"
((false_ok == 0)) && ok io_messages_match_outcome || bad io_messages_match_outcome "$false_ok runs said one thing and exited with the other"
[[ $(sqlite3 "$db" 'PRAGMA integrity_check') == ok ]] && ok io_integrity || bad io_integrity
[[ $(sqlite3 "$db" "SELECT count(*) FROM (SELECT day FROM session GROUP BY exercise, day HAVING count(*) > 2)") == 0 ]] &&
	ok io_no_duplicates || bad io_no_duplicates
# After the faults, the file's truth: what today shows is what is stored.
stored=$(sqlite3 "$db" "SELECT count(*) FROM session WHERE day='2026-01-05'")
shown=$("$hep" today --json --db "$db" --date 2026-01-05 | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["done"])')
[[ $stored == "$shown" ]] && ok io_screen_shows_truth || bad io_screen_shows_truth "stored $stored, shown $shown"
finish
