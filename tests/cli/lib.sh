# Shared by the CLI test scripts: a private HOME and data folder, and
# `expect` to run hep and compare exit status, stdout and stderr.
set -u
hep=$1
src=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME=$T/home XDG_CONFIG_HOME=$T/home/.config XDG_DATA_HOME=$T/home/.local/share
mkdir -p "$HOME"
unset HEP_CONFIG HEP_DB HEP_NOW NO_COLOR
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; shift; printf '  %s\n' "$@"; }

# expect NAME RC [--out TEXT] [--err TEXT] [--err-has TEXT] -- CMD...
expect() {
	local name=$1 rc=$2 out= err= errhas= has_out=0 has_err=0
	shift 2
	while [[ $1 != -- ]]; do
		case $1 in
		--out) out=$2 has_out=1 ;;
		--err) err=$2 has_err=1 ;;
		--err-has) errhas=$2 ;;
		esac
		shift 2
	done
	shift
	local got_rc=0
	timeout 20 "$@" >"$T/out" 2>"$T/err" </dev/null || got_rc=$?
	if ((got_rc != rc)); then
		bad "$name" "exit $got_rc, wanted $rc" "stdout: $(cat "$T/out")" "stderr: $(cat "$T/err")"
	elif ((has_out)) && [[ $(cat "$T/out") != "$out" ]]; then
		bad "$name" "stdout differs:" "$(diff <(echo "$out") "$T/out")"
	elif ((has_err)) && [[ $(cat "$T/err") != "$err" ]]; then
		bad "$name" "stderr differs:" "$(diff <(echo "$err") "$T/err")"
	elif [[ -n $errhas ]] && ! grep -qF -- "$errhas" "$T/err"; then
		bad "$name" "stderr lacks: $errhas" "stderr: $(cat "$T/err")"
	else
		ok "$name"
	fi
}

# json_equal NAME EXPECTED_JSON ACTUAL_FILE: compared parsed, not as bytes.
# A today item the expected JSON gives without the keys of SPEC section
# 2.1 expects them absent (null, as_needed false): SPEC section 4's
# examples stay as they are and these keys are added.
json_equal() {
	if python3 - "$2" "$3" <<'PY'; then ok "$1"; else bad "$1" "JSON differs"; fi
import json, sys
want = json.loads(sys.argv[1])
got = json.load(open(sys.argv[2]))
ADDED = {"pause": None, "duration": None, "load": None,
         "tempo": None, "link": None, "at": None, "every": None,
         "as_needed": False, "step": None}
def fill(v):
    if isinstance(v, dict):
        if "due" in v and "sets" in v:
            for k, d in ADDED.items():
                v.setdefault(k, d)
        for x in v.values():
            fill(x)
    elif isinstance(v, list):
        for x in v:
            fill(x)
fill(want)
if want != got:
    print("  want:", json.dumps(want, sort_keys=True))
    print("  got: ", json.dumps(got, sort_keys=True))
    sys.exit(1)
PY
}

finish() {
	echo "$pass passed, $fail failed"
	((fail == 0))
}
