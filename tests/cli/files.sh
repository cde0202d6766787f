#!/usr/bin/env bash
# hep writes nothing outside its data folder and the paths the user names,
# and the journal is as private as the data file (traced with strace).
source "$(dirname "$0")/lib.sh"

if ! command -v strace >/dev/null; then
	echo "skip: strace is missing (apt-get install strace)"
	exit 77
fi
export HEP_CONFIG=$src/data/spec.cfg HEP_NOW=2026-11-26T07:30
data=$XDG_DATA_HOME/hep
trace() { # NAME CMD...: every file opened for writing, created or renamed
	local name=$1
	shift
	(umask 000 && strace -f -qq -e trace=open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat \
		-o "$T/$name.trace" "$@" >"$T/$name.out" 2>&1)
}
written() { # the paths a trace created or opened to write
	grep -E 'O_WRONLY|O_RDWR|O_CREAT|creat\(|mkdir|rename|unlink' "$T/$1.trace" |
		grep -v ' = -1 ' | sed -n 's/.*"\([^"]*\)".*/\1/p' | sort -u
}
outside() { # NAME ALLOWED-PREFIX...: written paths outside them
	local name=$1 p ok
	shift
	while read -r p; do
		ok=0
		# Inside an allowed folder, or one of the folders on the way to it.
		for a in "$@" /dev/; do [[ $p == "$a"* || $a == "$p"/* ]] && ok=1; done
		((ok)) || echo "$p"
	done < <(written "$name")
}
trace today "$hep" today
trace done "$hep" done quad-set --note "traced"
trace report "$hep" report --format html
trace export "$hep" export
"$hep" export --format csv >"$T/backup.csv"
trace import "$hep" import "$T/backup.csv" --db "$T/other/restored.db"
trace init "$hep" init
for t in today done report export; do
	o=$(outside "$t" "$data/")
	[[ -z $o ]] && ok "writes_only_data_folder_$t" || bad "writes_only_data_folder_$t" "$o"
done
o=$(outside import "$T/other/")
[[ -z $o ]] && ok writes_only_named_db_import || bad writes_only_named_db_import "$o"
o=$(outside init "$XDG_CONFIG_HOME/hep")
[[ -z $o ]] && ok writes_only_config_init || bad writes_only_config_init "$o"
# Ten years of history: an export and a report sort more than SQLite keeps
# in memory, and its spill files must not go to /var/tmp either.
python3 "$src/bench/gen.py" typical 3650 "$T/big.json" "$T/big.cfg" 2>/dev/null
big=(--config "$T/big.cfg" --db "$T/big/hep.db")
HEP_NOW=2026-11-25T21:00 "$hep" import "$T/big.json" "${big[@]}" >/dev/null
for t in export report; do
	args=("$t")
	[[ $t == report ]] && args=(report --format json --from 2016-01-01)
	HEP_NOW=2026-11-25T21:00 trace "big_$t" "$hep" "${args[@]}" "${big[@]}"
	o=$(outside "big_$t" "$T/big/")
	[[ -z $o ]] && ok "writes_only_data_folder_ten_years_$t" || bad "writes_only_data_folder_ten_years_$t" "$o"
done
# The journal of a write is created 0600 even under umask 000.
jmode=$(grep -E 'hep\.db-journal".*O_CREAT' "$T/done.trace" | head -n 1 | sed -n 's/.*, \(0[0-7]*\)) = [0-9].*/\1/p')
[[ $jmode == 0600 ]] && ok "journal_private ($jmode)" || bad journal_private "journal created with mode '$jmode'"
finish
