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

# at_plan NOW ARGS...: notes a command of hep to run with the clock at NOW;
# at_run runs the noted ones in the order of their NOW (ties as noted), as
# a patient's days go by: a write with the clock behind the record is
# refused (SPEC 6.2), so a test's setup is made in time order.
at_plan() { printf '%s\t%s\n' "$1" "$(printf '%q ' "${@:2}")" >>"$T/at.plan"; }
at_run() {
	local now cmd
	[[ -s $T/at.plan ]] || return 0
	while IFS=$'\t' read -r now cmd; do
		eval "HEP_NOW=$now \"\$hep\" $cmd" >/dev/null || echo "setup failed: $now $cmd"
	done < <(sort -s -t $'\t' -k1,1 "$T/at.plan")
	rm -f "$T/at.plan"
}
bad() { fail=$((fail + 1)); echo "FAIL $1"; shift; printf '  %s\n' "$@"; }

# expect NAME RC [--out TEXT] [--out-has TEXT] [--out-lacks TEXT] [--err
# TEXT] [--err-has TEXT] -- CMD...
expect() {
	local name=$1 rc=$2 out= err= errhas= outhas= outlacks= has_out=0 has_err=0
	shift 2
	while [[ $1 != -- ]]; do
		case $1 in
		--out) out=$2 has_out=1 ;;
		--out-has) outhas=$2 ;;
		--out-lacks) outlacks=$2 ;;
		--err) err=$2 has_err=1 ;;
		--err-has) errhas=$2 ;;
		*) bad "$name" "expect: unknown option $1"; return ;;
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
	elif [[ -n $outhas ]] && ! grep -qF -- "$outhas" "$T/out"; then
		bad "$name" "stdout lacks: $outhas" "stdout: $(cat "$T/out")"
	elif [[ -n $outlacks ]] && grep -qF -- "$outlacks" "$T/out"; then
		bad "$name" "stdout has: $outlacks" "stdout: $(cat "$T/out")"
	else
		ok "$name"
	fi
}

# json_equal NAME EXPECTED_JSON ACTUAL_FILE: compared parsed, not as bytes.
# A today item the expected JSON gives without the keys of SPEC section
# 2.1 and 6.2 expects them absent (null, as_needed false, extra 0, a skip
# not late): SPEC section 4's examples stay as they are and these keys are
# added.
json_equal() {
	if python3 - "$2" "$3" <<'PY'; then ok "$1"; else bad "$1" "JSON differs"; fi
import json, sys
want = json.loads(sys.argv[1])
got = json.load(open(sys.argv[2]))
ADDED = {"pause": None, "duration": None, "load": None,
         "tempo": None, "link": None, "at": None, "every": None,
         "as_needed": False, "step": None, "extra": 0, "effort": None}
def fill(v):
    if isinstance(v, dict):
        if "due" in v and "sets" in v:
            for k, d in ADDED.items():
                v.setdefault(k, d)
            # SPEC 6.2: whether a skip was recorded late (null: none).
            v.setdefault("skip_late", None if v.get("skip") is None else False)
        for x in v.values():
            fill(x)
    elif isinstance(v, list):
        for x in v:
            fill(x)
fill(want)
# SPEC 2.2: an item's "sessions" (n, slot, pain, pain_before, effort,
# late) is compared only where the expected JSON gives it.
def unsessioned(w, g):
    if isinstance(w, dict) and isinstance(g, dict):
        if "due" in g and "sets" in g and "sessions" not in w:
            g.pop("sessions", None)
        for k in w:
            if k in g:
                unsessioned(w[k], g[k])
    elif isinstance(w, list) and isinstance(g, list):
        for x, y in zip(w, g):
            unsessioned(x, y)
unsessioned(want, got)
if want != got:
    print("  want:", json.dumps(want, sort_keys=True))
    print("  got: ", json.dumps(got, sort_keys=True))
    sys.exit(1)
PY
}

# events_told NAME TEXT JSON [ID=NAME...]: the text's "Pain above the
# limit" part (text, Markdown or HTML, tags stripped) tells every episode
# of the JSON's "pain_episodes" (a report's "outcomes" or hep outcomes'),
# in order, each in its week, with its day, pain, when and limit (and, for
# the ids given, its exercises' names; an episode of several exercises as
# "Sat 7, 8 on a skip of 5 exercises (A, B, ...)"); its heading counts
# them, and the episodes hold every event of "pain_events".
events_told() {
	local name=$1 text=$2 json=$3
	shift 3
	if python3 - "$text" "$json" "$@" <<'PY' 2>"$T/why"; then ok "$name"; else bad "$name" "$(tail -1 "$T/why")" "$(sed -n '/Pain above the limit/,/^$/p' "$text" | head -20)"; fi
import collections, datetime, html, json, re, sys
raw = open(sys.argv[1]).read()
if "<" in raw:
    raw = html.unescape(re.sub(r"<[^>]+>", "\n", raw))
text = raw.replace("\u00a0", " ").replace("\n    ", " ")
text = re.sub(r"^[-*] ", "  ", text, flags=re.M)  # Markdown items
data = json.load(open(sys.argv[2]))
events = (data.get("outcomes") or data)["pain_events"]
episodes = (data.get("outcomes") or data)["pain_episodes"]
flat = [dict(day=p["day"], exercise=x, pain=p["pain"], when=p["when"], limit=p["limit"]) for p in episodes for x in p["exercises"]]
key = lambda e: json.dumps(e, sort_keys=True)
assert collections.Counter(map(key, flat)) == collections.Counter(map(key, events)), (flat, events)
names = dict(a.split("=", 1) for a in sys.argv[3:])
head = re.search(r"Pain above the limit \((\d+)\)", text)
assert head and int(head.group(1)) == len(episodes), (head and head.group(0), len(episodes))
lines = []
for line in text[head.end():].split("\n"):
    if line.strip().startswith("Week of "):
        lines.append(line.strip())
    elif line.strip() and lines:
        break  # the next part
told = []
for start, wl, body in (re.fullmatch(r"Week of (\S+?)(?: \(limit (\d+)\))?: (.*)", x).groups() for x in lines):
    s = datetime.date.fromisoformat(start)
    for part in body.split("; "):
        m = re.fullmatch(r"(\w{3}) (\d+)(?: (.+))?, (\d+) (after|before|on a skip)(?: of (\d+) exercises \((.+?)\))?(?: \(limit (\d+)\))?", part.strip())
        assert m, part
        dow, md, ex, pain, when, n, many, limit = m.groups()
        assert (ex is None) == (n is not None), part
        assert (wl is None) != (limit is None), part
        day = [s + datetime.timedelta(days=k) for k in range(7) if (s + datetime.timedelta(days=k)).day == int(md)]
        assert len(day) == 1 and day[0].strftime("%a") == dow, (start, part)
        told.append((day[0].isoformat(), [ex] if ex else many.split(", "), int(n or 1), int(pain), when, int(wl or limit)))
want = [(e["day"], [names.get(x) for x in e["exercises"]], len(e["exercises"]), e["pain"], e["when"], e["limit"]) for e in episodes]
got = [(d, [x if w is not None else None for x, w in zip(xs, wx)] if len(xs) == len(wx) else xs, n, p, wh, l)
       for (d, xs, n, p, wh, l), (_, wx, *_r) in zip(told, want)]
assert len(told) == len(want) and got == want, (told, want)
PY
}

finish() {
	echo "$pass passed, $fail failed"
	((fail == 0))
}
