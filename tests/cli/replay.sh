#!/usr/bin/env bash
# The derived state is what replaying the diary gives, as every command
# tells it (SPEC section 6): random sequences of done, undo, redo, skip,
# edit and import (of a file's own back-up, or of another file's: a merge)
# through the command line, on three exercises (one per week) over eleven
# days, several files at once; then the diary is exported as JSON and imported
# into an empty file, which replays every entry from scratch, and every
# command's JSON (today and week of every day, streak, report, log) and
# the CSV export must be the same for both files.
source "$(dirname "$0")/lib.sh"

export HEP_CONFIG=$src/data/spec.cfg
cases=${HEP_REPLAY_CASES:-6}
python3 - "$cases" >"$T/plan" <<'PY' || bad plan "the plan could not be made"
import datetime, random, sys
cases = int(sys.argv[1])
rs = [random.Random(1000 + case) for case in range(cases)]
base = datetime.datetime(2026, 11, 26, 6, 0)
for i in range(100):
    for case in range(cases):
        r = rs[case]
        day = datetime.date(2026, 11, 16) + datetime.timedelta(days=r.randrange(11))
        ex = r.choice(["quad-set", "quad-set", "slr", "bridge"])
        k = r.choices(["done", "undo", "redo", "skip", "edit", "export", "import"],
                      [6, 3, 2, 2, 3, 1, 1])[0]
        note = r.choice(["", "sore", "a, \"b\""])
        args = {"done": ["done", ex, "--pain", str(r.randint(0, 10))],
                "undo": ["undo", ex], "redo": ["redo", ex],
                "skip": ["skip", ex, "--reason", r.choice(["rest", "pain", "time", "travel", "other"])],
                "edit": ["edit", ex, "--session", str(r.randint(1, 2)), "--pain",
                         r.choice(["none", "2", "7"])] + (["--note", note] if note else ["--no-note"]),
                "export": ["export", "--format", r.choice(["json", "csv"])],
                "import": ["import", str(r.randrange(2))]}[k]
        now = base + datetime.timedelta(minutes=7 * i - (300 if r.random() < 0.05 else 0))
        print(case, now.strftime("%Y-%m-%dT%H:%M"), day, "\t".join(args))
PY
last=
while read -r kase now day rest; do
	IFS=$'\t' read -ra args <<<"$rest"
	export HEP_DB=$T/$kase.db HEP_NOW=$now
	case ${args[0]} in
	export) "$hep" "${args[@]}" >"$T/$kase.backup" ;;
	import) # its own back-up (adds nothing), or another file's (a merge)
		from=$T/$(((kase + ${args[1]}) % cases)).backup
		[[ -s $from ]] && "$hep" import "$from" >/dev/null ;;
	*) "$hep" "${args[@]}" --date "$day" >/dev/null 2>&1 ;;
	esac
	last=$now
done <"$T/plan"

export HEP_NOW=2026-11-26T20:00
for ((kase = 0; kase < cases; kase++)); do
	a=$T/$kase.db b=$T/$kase-replayed.db
	"$hep" export --format json --db "$a" >"$T/$kase.json"
	"$hep" import "$T/$kase.json" --db "$b" >/dev/null
	differ=
	for d in $(seq 16 26); do
		for c in today week; do
			cmp -s <("$hep" "$c" --json --date "2026-11-$d" --db "$a") \
				<("$hep" "$c" --json --date "2026-11-$d" --db "$b") || differ+=" $c@$d"
		done
	done
	for c in "streak --json" "report --format json --from 2026-11-02" "export --format json" "export --format csv" "history --json"; do
		# shellcheck disable=SC2086 # the words of a command
		cmp -s <("$hep" $c --db "$a") <("$hep" $c --db "$b") || differ+=" ${c%% *}"
	done
	# The log, but for each file's own seq (SPEC 6.2: the order of the
	# record is by stamp; a file's seq is its own).
	noseq() { "$hep" log --json --db "$1" | sed 's/^\( *{\)"seq": [0-9]*, /\1/'; }
	cmp -s <(noseq "$a") <(noseq "$b") || differ+=" log"
	entries=$(sqlite3 "$a" "SELECT group_concat(kind || ' ' || n, ', ') FROM (SELECT kind, count(*) AS n FROM entry GROUP BY kind)")
	(($(sqlite3 "$a" "SELECT count(*) FROM entry") >= 20)) || differ+=" (too few entries: $entries)"
	[[ -z $differ ]] && ok "case_${kase}_replayed_the_same ($entries)" || bad "case_${kase}_replayed_the_same" "differ:$differ"
done

finish
