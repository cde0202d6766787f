# The bad-prescription corpus (SPEC sections 2 and 7).
#
#   bash tests/cli/rx_corpus.sh HEP DATA_DIR     (DATA_DIR = tests/data/rx)
#
# Every DATA_DIR/NAME.expected is a case: `hep check --config NAME.cfg`, run
# inside the folder, must exit 1 with empty stdout and exactly NAME.expected
# on stderr; `hep today` on the same file must do the same and must not create
# its --db file. NAME.cfg is either committed or, for files that are binary,
# huge or not files at all, made by `generate` below. Cases with an @include
# are also run under strace, when it works, to show that the named file is
# never opened. Every valid/NAME.expected is a valid edge case: `hep check`
# must exit 0 with exactly that on stdout and nothing on stderr.
#
# The folder is copied to a temporary one first, so the generated files
# never touch the source tree.
set -u
hep=$1
case $hep in /*) ;; *) hep=$PWD/$hep ;; esac
[[ -x $hep ]] || { echo "rx_corpus.sh: no program at $hep" >&2; exit 2; }
data=$(cd "$2" && pwd) || exit 2
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
export HOME=$T/home XDG_CONFIG_HOME=$T/home/.config XDG_DATA_HOME=$T/home/.local/share
unset HEP_CONFIG HEP_DB HEP_NOW NO_COLOR
mkdir -p "$HOME"
cp -R "$data" "$T/rx" || exit 2

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
# bad NAME LINE...: the lines are made safe for the terminal (cat -v) and
# cut to 300 columns.
bad() {
	fail=$((fail + 1))
	echo "FAIL $1"
	shift
	printf '%s\n' "$@" | cat -v | cut -c1-300 | sed 's/^/  /'
}

# The start of most cases: line 1 a comment, lines 2-5 the program.
head5() {
	printf '# %s\n' "$1"
	printf 'version = 1;\nprogram: {\n  title = "Knee rehab";\n};\n'
}
# A valid prescription padded with comments to exactly $1 bytes, the last
# line cut short but still ending in a newline.
padded() {
	{
		head5 "a valid prescription padded to $1 bytes"
		printf 'exercises = (\n  { id = "quad-set"; name = "Quad sets"; }\n);\n'
		yes '# padding padding padding padding padding padding padding'
	} | head -c "$(($1 - 1))"
	echo
}

# content NAME: writes the bytes of a generated NAME.cfg; 1 if NAME has none.
content() {
	case $1 in
	bom)
		printf '\xEF\xBB\xBF'
		head5 "a UTF-8 byte order mark before the first line" | tail -n +2
		printf 'exercises = (\n  { id = "quad-set"; name = "Quad sets"; }\n);\n'
		;;
	nul-byte)
		head5 "a NUL byte inside a name"
		printf 'exercises = (\n  { id = "quad-set"; name = "Quad\000 sets"; }\n);\n'
		;;
	invalid-utf8)
		head5 "a Latin-1 byte (e acute) in a name"
		printf 'exercises = (\n  { id = "quad-set"; name = "Caf\xE9 stretch"; }\n);\n'
		;;
	invalid-utf8-comment)
		printf '# Caf\xE9: a Latin-1 byte in a comment\n'
		printf 'version = 1;\nprogram: {\n  title = "Knee rehab";\n};\n'
		printf 'exercises = (\n  { id = "quad-set"; name = "Quad sets"; }\n);\n'
		;;
	name-raw-control)
		head5 "a raw escape character (clear screen) in a name"
		printf 'exercises = (\n  { id = "quad-set"; name = "Quad\x1B[2J sets"; }\n);\n'
		;;
	deep-nesting)
		head5 "100000 nested parentheses"
		printf 'exercises = '
		printf '%100000s' '' | tr ' ' '('
		printf '%100000s' '' | tr ' ' ')'
		printf ';\n'
		;;
	too-big) padded 2097152 ;;
	too-big-by-one) padded 1048577 ;;
	exactly-1mib) padded 1048576 ;;
	*) return 1 ;;
	esac
}

# generate NAME: makes NAME.cfg in the current folder; 1 if NAME has no
# generator.
generate() {
	case $1 in
	directory) mkdir "$1.cfg" ;;
	fifo) mkfifo "$1.cfg" ;;
	symlink-dev-zero) ln -s /dev/zero "$1.cfg" ;;
	missing-file) ;; # no file at all
	*) content "$1" >"$1.cfg" || { rm -f "$1.cfg"; return 1; } ;;
	esac
}

# Can strace run here (it needs ptrace)?
strace_ok=0
if command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null; then
	strace_ok=1
else
	echo "note: strace cannot run here; @include targets are not traced"
fi

# never_opened NAME: the files NAME.cfg @includes must not appear in any
# file-system call of hep check.
never_opened() {
	local name=$1 path
	((strace_ok)) && [[ -f $name.cfg ]] || return 0
	timeout 10 strace -f -qq -o "$T/trace" \
		-e trace=open,openat,creat,stat,lstat,newfstatat,statx,access,faccessat,readlink \
		"$hep" check --config "$name.cfg" >/dev/null 2>&1 </dev/null
	while IFS= read -r path; do
		if grep -qF -- "\"$path\"" "$T/trace"; then
			echo "hep touched the @include target $path:"
			grep -F -- "\"$path\"" "$T/trace"
		fi
	done < <(grep -ao '@include "[^"]*"' "$name.cfg" | sed 's/^@include "//; s/"$//')
}

# run_bad NAME: one invalid case; prints ok or FAIL.
run_bad() {
	local name=$1 rc why=() db=$T/db/x.db
	if [[ ! -e $name.cfg && ! -L $name.cfg ]] && ! generate "$name"; then
		bad "$name" "$name.expected has no $name.cfg and no generator"
		return
	fi
	timeout 10 "$hep" check --config "$name.cfg" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	((rc == 1)) || why+=("hep check exited $rc, wanted 1")
	[[ -s $T/out ]] && why+=("hep check wrote to stdout:" "$(head -c 2000 "$T/out")")
	if ! cmp -s "$name.expected" "$T/err"; then
		why+=("hep check stderr differs (--- expected, +++ actual):"
			"$(diff -u "$name.expected" "$T/err" | tail -n +3 | head -c 4000)")
	fi
	rm -rf "$T/db"
	mkdir "$T/db"
	timeout 10 "$hep" today --config "$name.cfg" --db "$db" >"$T/out" 2>"$T/err2" </dev/null
	rc=$?
	((rc == 1)) || why+=("hep today exited $rc, wanted 1")
	[[ -s $T/out ]] && why+=("hep today wrote to stdout:" "$(head -c 2000 "$T/out")")
	cmp -s "$T/err" "$T/err2" || why+=("hep today stderr differs from hep check's:"
		"$(diff "$T/err" "$T/err2" | head -c 4000)")
	if [[ -n $(ls -A "$T/db") ]]; then
		why+=("hep today created files next to its --db: $(ls -A "$T/db" | tr '\n' ' ')")
	fi
	local touched
	touched=$(never_opened "$name")
	[[ -n $touched ]] && why+=("$touched")
	if ((${#why[@]})); then bad "$name" "${why[@]}"; else ok "$name"; fi
}

# run_valid NAME (inside valid/): one valid edge case.
run_valid() {
	local name=$1 rc why=()
	if [[ ! -e $name.cfg ]] && ! generate "$name"; then
		bad "valid/$name" "valid/$name.expected has no $name.cfg and no generator"
		return
	fi
	timeout 10 "$hep" check --config "$name.cfg" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	((rc == 0)) || why+=("hep check exited $rc, wanted 0")
	[[ -s $T/err ]] && why+=("hep check wrote to stderr:" "$(head -c 2000 "$T/err")")
	if ! cmp -s "$name.expected" "$T/out"; then
		why+=("hep check stdout differs (--- expected, +++ actual):"
			"$(diff -u "$name.expected" "$T/out" | tail -n +3 | head -c 2000)")
	fi
	if ((${#why[@]})); then bad "valid/$name" "${why[@]}"; else ok "valid/$name"; fi
}

# A committed .cfg without its .expected is a case someone forgot.
for dir in "$T/rx" "$T/rx/valid"; do
	for f in "$dir"/*.cfg; do
		[[ -e $f ]] || continue
		[[ -e ${f%.cfg}.expected ]] ||
			bad "${f#"$T/rx/"}" "no ${f##*/} expected output (.expected) beside it"
	done
done

cd "$T/rx" || exit 2
for f in *.expected; do
	run_bad "${f%.expected}"
done
cd "$T/rx/valid" || exit 2
for f in *.expected; do
	run_valid "${f%.expected}"
done

echo "$pass passed, $fail failed"
((fail == 0))
