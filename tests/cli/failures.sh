#!/usr/bin/env bash
# Files and failures (SPEC section 6.2): import reads only regular files
# (and standard input, "-"), and every command checks that its output
# arrived.
source "$(dirname "$0")/lib.sh"

export HEP_CONFIG=$src/data/spec.cfg HEP_NOW=2026-11-26T07:30
hash_of() { sha256sum "$1" | cut -d' ' -f1; }
# Under valgrind every hep is slower: the timing bounds widen.
slow=0
[[ $hep == *valgrind* ]] && slow=1

db=$T/a.db
"$hep" done quad-set --db "$db" --pain 2 >/dev/null
"$hep" export --format json --db "$db" >"$T/a.json"

# ---- import reads only regular files ----------------------------------------
# A FIFO with no writer would block an open() for ever: refused at once.
mkfifo "$T/fifo"
mkdir "$T/folder"
for f in "$T/fifo" /dev/zero "$T/folder"; do
	before=$(hash_of "$db")
	expect "import_refuses_$(basename "$f")" 1 --err "$f: not a regular file" -- "$hep" import "$f" --db "$db"
	[[ $(hash_of "$db") == "$before" ]] && ok "import_refuses_$(basename "$f")_unchanged" || bad "import_refuses_$(basename "$f")_unchanged"
done

# "-" reads standard input whole, and says so by name.
"$hep" export --format json --db "$db" | "$hep" import - --db "$T/piped.db" >"$T/out" 2>"$T/err"
rc=$?
[[ $rc == 0 && $(cat "$T/out") == "imported 1 row from (standard input) (0 already there)" && ! -s $T/err ]] &&
	ok import_stdin || bad import_stdin "exit $rc" "$(cat "$T/out" "$T/err")"
cmp -s "$T/a.json" <("$hep" export --format json --db "$T/piped.db") && ok import_stdin_same_record || bad import_stdin_same_record
printf '{"entries": [\n  {"seq": 1,}\n]}\n' | "$hep" import - --db "$T/piped.db" >"$T/out" 2>"$T/err"
rc=$?
[[ $rc == 1 && $(head -n 1 "$T/err") == "(standard input):2: "* ]] && ok import_stdin_names_it ||
	bad import_stdin_names_it "exit $rc" "$(cat "$T/err")"
# The size limit holds for standard input too (BACKUP_MAX_BYTES, 256 MiB).
if ((!slow)); then
	before=$(hash_of "$T/piped.db")
	head -c $((256 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' | "$hep" import - --db "$T/piped.db" >"$T/out" 2>"$T/err"
	rc=$?
	[[ $rc == 1 && $(cat "$T/err") == "(standard input): the file is larger than 256 MiB" ]] &&
		ok import_stdin_size_limit || bad import_stdin_size_limit "exit $rc" "$(cat "$T/err")"
	[[ $(hash_of "$T/piped.db") == "$before" ]] && ok import_stdin_size_limit_unchanged || bad import_stdin_size_limit_unchanged
fi

# ---- output that cannot be written -----------------------------------------
full() { # NAME RC ARGS...: hep's output to /dev/full
	local name=$1 want=$2 got=0
	shift 2
	"$hep" "$@" >/dev/full 2>"$T/err" || got=$?
	[[ $got == "$want" && $(cat "$T/err") == "hep: cannot write the output: No space left on device" ]] &&
		ok "$name" || bad "$name" "exit $got, wanted $want" "$(cat "$T/err")"
}
full output_report 1 report --db "$db"
full output_report_html 1 report --format html --db "$db"
full output_today 1 today --db "$db"
full output_log_json 1 log --json --db "$db"
full output_export_csv 1 export --format csv --db "$db"
full output_export_json 1 export --format json --db "$db"
full output_remind 2 remind --db "$db"
full output_done 1 done quad-set --db "$db"
full output_check 1 check
full output_help 1 --help
full output_version 1 --version
# A closed standard output is no output either.
"$hep" today --db "$db" >&- 2>"$T/err"
rc=$?
[[ $rc == 1 && $(cat "$T/err") == "hep: cannot write the output: Bad file descriptor" ]] && ok output_closed || bad output_closed "exit $rc" "$(cat "$T/err")"
# Output that arrives is no error, remind's 1 included.
expect output_fine_remind 1 --err "" -- "$hep" remind --db "$db"

finish
