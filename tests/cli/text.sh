#!/usr/bin/env bash
# Text that comes in, and text that goes out (SPEC section 6.2, settled
# points 10, 11 and 17): notes on the command line, messages that quote
# input, JSON, CSV, Markdown and HTML output, duplicate JSON keys, numbers
# the import cannot hold, and the texts of a back-up of the new schema.
source "$(dirname "$0")/lib.sh"

cat >"$T/rx.cfg" <<'EOF'
version = 1;
program: {
  title = "Knee <b>rehab</b>"; start = "2026-11-02"; week_starts = "monday";
  measures = (
    { id = "knee-bend"; name = "Knee <script>m</script> & \"bend\"";
      unit = "deg"; min = 0; max = 160; every = "week"; better = "higher"; } );
  psfs = ["Climbing the stairs", "Kneeling"];
};
exercises = (
  { id = "quad-set"; name = "Quad <script>e</script> & co"; sets = 3; reps = 10; },
  { id = "bridge"; name = "=Bridges"; sets = 2; reps = 15; },
  { id = "calf"; name = "'Calf"; sets = 2; reps = 15; }
);
EOF
export HEP_CONFIG=$T/rx.cfg HEP_NOW=2026-11-26T07:30 HEP_DB=$T/a.db
try="Try 'hep --help' for more information."

# clean NAME FILE...: no ESC, BEL, C1 (U+009B) or bidi override (U+202E)
# reached the files raw: what a terminal or a spreadsheet would obey.
clean() {
	local name=$1 n
	shift
	n=$(cat "$@" | LC_ALL=C grep -c -e $'\e' -e $'\a' -e $'\xc2\x9b' -e $'\xe2\x80\xae' || true)
	if [[ $n == 0 ]]; then ok "$name"; else bad "$name" "$n line(s) hold a raw control character" "$(cat -v "$@" | head -5)"; fi
}
# quoted NAME RC ... -- CMD: expect, then clean (NAME_not_raw).
quoted() {
	local name=$1
	expect "$@"
	clean "${name}_not_raw" "$T/out" "$T/err"
}
# entries DB: how many entries the data file holds.
entries() {
	"$hep" log --json --db "$1" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["entries"]))'
}
# notes_are NAME DB PYTHON-LIST: the diary's notes, in order, exactly.
notes_are() {
	if "$hep" log --json --db "$2" | python3 -c '
import json, sys
got = [e["note"] for e in json.load(sys.stdin)["entries"]]
want = eval(sys.argv[1])
if got != want:
    print("  got: ", ascii(got)[:300]); print("  want:", ascii(want)[:300]); sys.exit(1)' "$3"; then ok "$1"; else bad "$1"; fi
}

# ---- 1. Notes on the command line ----------------------------------------
expect note_esc_is_usage_error 2 --err "hep: a note may not hold control characters (U+001B at column 6)
$try" -- "$hep" done quad-set --note $'sore \e]0;pwned\a'
clean note_esc_not_echoed "$T/out" "$T/err"
expect note_c1_is_usage_error 2 --err "hep: a note may not hold control characters (U+009B at column 3)
$try" -- "$hep" skip quad-set --reason travel --note $'ok\xc2\x9b2J'
expect note_bidi_is_usage_error 2 --err "hep: a note may not hold control characters (U+202E at column 2)
$try" -- "$hep" edit quad-set --note $'x\xe2\x80\xaey'
expect note_del_is_usage_error 2 --err "hep: a note may not hold control characters (U+007F at column 2)
$try" -- "$hep" measure knee-bend 90 --note $'a\x7f'
long=$(printf 'x%.0s' {1..2001})
expect note_too_long_is_usage_error 2 --err "hep: a note may be at most 2000 bytes long; this one is 2001
$try" -- "$hep" done quad-set --note "$long"
[[ $(entries "$T/a.db") == 0 ]] && ok refused_notes_write_nothing || bad refused_notes_write_nothing "$(entries "$T/a.db") entries"
# CR and CRLF are stored as LF, before the length is counted: 1998 bytes,
# CRLF and one more are 2000 once stored.
expect note_crlf 0 -- "$hep" done quad-set --note $'one\r\ntwo\rthree' --date 2026-11-24
expect note_crlf_to_the_limit 0 -- "$hep" done quad-set --note "${long:0:1998}"$'\r\ny' --date 2026-11-25
notes_are notes_stored_with_lf "$T/a.db" "['one\ntwo\nthree', 'x' * 1998 + '\ny']"

# ---- 2. Messages that quote input ----------------------------------------
printf 'day,exercise,logged_at,pain,note,skip\n%s\n%s\n%s\n%s\n%s\n%s\n' \
	$'\e]0;t\a,quad-set,2026-11-20T08:00:00Z,,,' \
	$'2026-11-20,\e]52;c;aGk=\a,2026-11-20T08:00:00Z,,,' \
	$'2026-11-20,quad-set,\xc2\x9b2J,,,' \
	$'2026-11-20,quad-set,2026-11-20T08:00:00Z,\e[2J,,' \
	$'2026-11-20,quad-set,2026-11-20T08:00:00Z,,,\xe2\x80\xaetravel' \
	"2026-11-20,a$(printf 'é%.0s' {1..30}),2026-11-20T08:00:00Z,,," >"$T/osc.csv"
quoted import_csv_quotes_escaped 1 --err "$T/osc.csv:2: day \"\\e]0;t\\x07\" is not a date as YYYY-MM-DD
$T/osc.csv:3: exercise \"\\e]52;c;aGk=\\x07\" is not an id (a-z, 0-9, '-')
$T/osc.csv:4: logged_at \"\\x9b2J\" is not YYYY-MM-DDTHH:MM:SSZ
$T/osc.csv:5: pain \"\\e[2J\" is not a whole number from 0 to 10
$T/osc.csv:6: skip \"\\u202etravel\" is not a reason (rest, pain, sick, travel, time, other)
$T/osc.csv:7: exercise \"a$(printf 'é%.0s' {1..19})\" is not an id (a-z, 0-9, '-')" -- "$hep" import "$T/osc.csv" --db "$T/x.db"
cat >"$T/osc.json" <<'EOF'
{"entries": [
 {"made_at": "2026-11-20T08:00:00Z", "kind": "session", "exercise": "quad-set", "day": "2026-11-20", "\u001b]0;k\u0007": 1},
 {"made_at": "2026-11-20T08:00:00Z", "kind": "\u009b2J", "exercise": "quad-set", "day": "2026-11-20"},
 {"made_at": "2026-11-20T08:00:00Z", "kind": "skip", "exercise": "quad-set", "day": "2026-11-20", "reason": "\u202etravel"},
 {"made_at": "2026-11-20T08:00:00Z", "kind": "correction", "exercise": "quad-set", "day": "2026-11-20", "session": 1, "replaces": {"\u001b[2J": 1}}
]}
EOF
quoted import_json_quotes_escaped 1 --err "$T/osc.json:2: unknown key \"\\e]0;k\\x07\"
$T/osc.json:3: kind \"\\x9b2J\" is not one this hep knows (session, skip, undo, redo, correction, withdraw, measure, psfs, advance)
$T/osc.json:4: reason \"\\u202etravel\" is not a reason (rest, pain, sick, travel, time, other)
$T/osc.json:5: replaces holds pain, pain_before, effort or note, not \"\\e[2J\"" -- "$hep" import "$T/osc.json" --db "$T/x.db"
quoted unknown_exercise_escaped 1 --err 'hep: unknown exercise "\e]0;t\x07"' -- "$hep" done $'\e]0;t\a'
quoted unknown_measure_escaped 1 --err 'hep: unknown measure "\x9bk"; the measures are knee-bend' -- "$hep" measure $'\xc2\x9bk' 5
quoted bad_hep_now_escaped 2 --err "hep: HEP_NOW must be YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, not '2026\\e[2J'" -- env HEP_NOW=$'2026\e[2J' "$hep" today
quoted unknown_command_escaped 2 --err "hep: unknown command '\\e]0;x\\x07'
$try" -- "$hep" $'\e]0;x\a'
quoted unknown_option_escaped 2 --err "hep: unknown option '--x\\e[2J'
$try" -- "$hep" today $'--x\e[2J'
quoted unexpected_argument_escaped 2 --err "hep: unexpected argument '\\u202eabc'
$try" -- "$hep" today $'\xe2\x80\xaeabc'
quoted option_value_escaped 2 --err "hep: --format for 'report' is text, md, csv, json or html, not '\\e[5m'
$try" -- "$hep" report --format $'\e[5m'
quoted option_date_escaped 2 --err "hep: --from needs a real date as YYYY-MM-DD, not '\\x9b'
$try" -- "$hep" log --from $'\xc2\x9b'
# Cut on a whole character: 60 bytes of "é" are 30, never 29 and a half.
quoted option_value_cut_whole 2 --err "hep: --date needs a real date as YYYY-MM-DD, not 'x$(printf 'é%.0s' {1..29})'
$try" -- "$hep" today --date "x$(printf 'é%.0s' {1..40})"
# The prescription loader: a link quoted whole up to 120 columns, then cut
# on a whole character with "…" (SPEC 2.2).
sed 's|sets = 2; reps = 15; }$|sets = 2; reps = 15; link = "http://'"$(printf 'é%.0s' {1..130})"'"; }|' "$T/rx.cfg" >"$T/link.cfg"
"$hep" check --config "$T/link.cfg" >"$T/out" 2>"$T/err"
python3 -c 'import sys; t = open(sys.argv[1], "rb").read().decode(); assert "not \"http://" + "é" * 112 + "…\"" in t, t' "$T/err" &&
	ok rx_quote_cut_whole || bad rx_quote_cut_whole "$(cat "$T/err")"

# ---- 3. JSON output of a legacy note's controls --------------------------
cat >"$T/legacy.json" <<'EOF'
{"entries": [
 {"made_at": "2026-11-20T08:00:00Z", "kind": "session", "exercise": "quad-set", "day": "2026-11-20", "session": 1, "note": "a\u001b]0;t\u0007 b\u009b2J c\u202ed"}
]}
EOF
expect legacy_note_kept 0 -- "$hep" import "$T/legacy.json" --db "$T/l.db"
notes_are legacy_note_bytes_kept "$T/l.db" "['a\x1b]0;t\x07 b\x9b2J c\u202ed']"
for out in "log --json" "export --format json" "report --format json" "log" "report" \
	"report --format md" "report --format html" "export --format csv"; do
	# shellcheck disable=SC2086
	"$hep" $out --db "$T/l.db" >"$T/out" 2>"$T/err"
	clean "legacy_note_not_raw_in_${out// /_}" "$T/out" "$T/err"
done
"$hep" export --format json --db "$T/l.db" >"$T/out"
grep -qF '"note": "a\u001b]0;t\u0007 b\u009b2J c\u202ed"' "$T/out" && ok json_escapes_c1_and_bidi || bad json_escapes_c1_and_bidi "$(grep -o '"note": "a[^"]*"' "$T/out")"

# ---- 4. CSV: guarded cells, U+FFFD, and the round trip -------------------
d=0
for note in '=1+1' '-3 reps' "'quoted" "''" '@x' $'\ttab first' '+2 better'; do
	d=$((d + 1))
	"$hep" done quad-set --db "$T/c.db" --date "2026-11-1$d" --note "$note" >/dev/null
done
"$hep" import "$T/legacy.json" --db "$T/c.db" >/dev/null
expect export_csv_guarded 0 --out "day,exercise,logged_at,pain,note,skip
2026-11-11,quad-set,2026-11-26T07:30:00Z,,\"'=1+1\",
2026-11-12,quad-set,2026-11-26T07:30:00Z,,\"'-3 reps\",
2026-11-13,quad-set,2026-11-26T07:30:00Z,,\"''quoted\",
2026-11-14,quad-set,2026-11-26T07:30:00Z,,\"'''\",
2026-11-15,quad-set,2026-11-26T07:30:00Z,,\"'@x\",
2026-11-16,quad-set,2026-11-26T07:30:00Z,,\"'	tab first\",
2026-11-17,quad-set,2026-11-26T07:30:00Z,,\"'+2 better\",
2026-11-20,quad-set,2026-11-20T08:00:00Z,,a�]0;t� b�2J c�d," -- "$hep" export --format csv --db "$T/c.db"
"$hep" export --format csv --db "$T/c.db" >"$T/c.csv"
expect import_csv_unguards 0 -- "$hep" import "$T/c.csv" --db "$T/d.db"
notes_are import_strips_one_guard "$T/d.db" "['=1+1', '-3 reps', \"'quoted\", \"''\", '@x', '\ttab first', '+2 better', 'a\ufffd]0;t\ufffd b\ufffd2J c\ufffdd']"
"$hep" export --format csv --db "$T/d.db" >"$T/d.csv"
cmp -s "$T/c.csv" "$T/d.csv" && ok csv_round_trip_same_bytes || bad csv_round_trip_same_bytes "$(diff "$T/c.csv" "$T/d.csv")"
# The report's CSV guards with the same rule: an apostrophe first too.
"$hep" report --format csv --db "$T/c.db" >"$T/r.csv"
grep -q "^2026-11-09,bridge,\"'=Bridges\",7,0," "$T/r.csv" && grep -q "^2026-11-09,calf,\"''Calf\",7,0," "$T/r.csv" &&
	ok report_csv_guarded || bad report_csv_guarded "$(head -12 "$T/r.csv")"

# ---- 5. Markdown and HTML escape every text ------------------------------
"$hep" done quad-set --db "$T/m.db" --date 2026-11-20 --note "<script>n</script> & 'x'" >/dev/null
"$hep" measure knee-bend 90 --db "$T/m.db" --date 2026-11-20 >/dev/null
# Quotes are entities in HTML only: Markdown shows them as typed.
for f in md html; do
	"$hep" report --format $f --db "$T/m.db" >"$T/r.$f"
	q='"' a="'"
	[[ $f == html ]] && q='&quot;' a='&#39;'
	if ! grep -q '<script' "$T/r.$f" &&
		grep -qF 'Quad &lt;script&gt;e&lt;/script&gt; &amp; co' "$T/r.$f" &&
		grep -qF "Knee &lt;script&gt;m&lt;/script&gt; &amp; ${q}bend${q}" "$T/r.$f" &&
		grep -qF "&lt;script&gt;n&lt;/script&gt; &amp; ${a}x${a}" "$T/r.$f" &&
		{ [[ $f == html ]] || ! grep -qE '&quot;|&#39;' "$T/r.$f"; }; then
		ok "report_${f}_escapes_text"
	else
		bad "report_${f}_escapes_text" "$(grep -n 'script' "$T/r.$f" | head -5)"
	fi
done

# ---- 6. A JSON key twice ---------------------------------------------------
cat >"$T/dup.json" <<'EOF'
{"sessions": [
 {"day": "2026-11-20", "exercise": "quad-set", "logged_at": "2026-11-20T08:00:00Z",
  "pain": 2, "note": null, "skip": null, "pain": 9}
]}
EOF
expect duplicate_key_refused 1 --err "$T/dup.json:3: \"pain\" appears twice in one object" -- "$hep" import "$T/dup.json" --db "$T/x.db"
python3 -c 'import json; print(json.dumps({"sessions": []})[:-1] + ", \"x\": {" + ", ".join("\"k%d\": %d" % (i, i) for i in range(40)) + ", \"\\u001b]0;k17\": 1, \"\\u001b]0;k17\": 2}}")' >"$T/dup40.json"
expect duplicate_key_in_a_large_object 1 --err "$T/dup40.json:1: \"\\e]0;k17\" appears twice in one object" -- "$hep" import "$T/dup40.json" --db "$T/x.db"
[[ ! -e $T/x.db ]] || [[ $(entries "$T/x.db") == 0 ]] && ok refused_imports_write_nothing || bad refused_imports_write_nothing

# ---- 7. Numbers the import cannot hold -------------------------------------
for v in 1e999 -9.3e19 92233720368547758070 1e-999 0.0000001; do
	printf '{"entries": [\n {"made_at": "2026-11-20T08:00:00Z", "kind": "measure", "exercise": "knee-bend", "day": "2026-11-20", "value": %s}\n]}\n' "$v" >"$T/num.json"
	expect "measure_value_${v}_refused" 1 --err "$T/num.json:2: a measure's value must be a number with at most one decimal place" -- "$hep" import "$T/num.json" --db "$T/x.db"
done

# ---- 8. The texts of a back-up of the new schema -------------------------
entry() { # ID NOTE-JSON [MORE]: an entry, of the new schema with an id
	printf ' {%s"made_at": "2026-11-20T08:00:00Z", "kind": "session", "exercise": "quad-set", "day": "2026-11-20", "session": 1, "note": %s%s}' \
		"${1:+\"id\": \"$1\", \"stamp\": 1795680000000, \"target\": null, \"by\": null, \"status\": \"standing\", }" "$2" "${3:-}"
}
{ echo '{"entries": ['; entry 0123456789abcdef '"fine\tnote"'; echo; echo ']}'; } >"$T/new.json"
expect new_schema_keys_known 0 -- "$hep" import "$T/new.json" --db "$T/n.db"
{ echo '{"entries": ['; entry 0123456789abcdef '"a\u001b]0;x\u0007"'; echo ']}'; } >"$T/new.json"
expect new_schema_note_esc_refused 1 --err "$T/new.json:2: a note may not hold control characters (U+001B at column 2)" -- "$hep" import "$T/new.json" --db "$T/x.db"
clean new_schema_refusal_not_raw "$T/out" "$T/err"
{ echo '{"entries": ['; entry 0123456789abcdef '"x\u202e"'; echo ','; entry 1123456789abcdef null \
	', "replaces": {"note": "y\u009b"}'; echo ']}'; } >"$T/new.json"
sed -i 's/"kind": "session", \("exercise": "quad-set", "day": "2026-11-20", "session": 1, "note": null, "replaces"\)/"kind": "correction", \1/' "$T/new.json"
expect new_schema_bidi_and_replaced_c1_refused 1 --err "$T/new.json:2: a note may not hold control characters (U+202E at column 2)
$T/new.json:3: a note may not hold control characters (U+009B at column 2)" -- "$hep" import "$T/new.json" --db "$T/x.db"
printf '{"entries": [\n {"id": "2123456789abcdef", "made_at": "2026-11-20T08:00:00Z", "kind": "psfs", "day": "2026-11-20", "value": {"ratings": [3, 4], "activities": ["Climbing the stairs", "Kneel\\u2066ing"]}}\n]}\n' >"$T/new.json"
expect new_schema_activity_bidi_refused 1 --err "$T/new.json:2: a PSFS activity may not hold control characters (U+2066 at column 6)" -- "$hep" import "$T/new.json" --db "$T/x.db"
{ echo '{"entries": ['; entry 0123456789abcdef "\"$long\""; echo ']}'; } >"$T/new.json"
expect new_schema_long_note_refused 1 --err "$T/new.json:2: a note may be at most 2000 bytes long; this one is 2001" -- "$hep" import "$T/new.json" --db "$T/x.db"
[[ ! -e $T/x.db ]] || [[ $(entries "$T/x.db") == 0 ]] && ok new_schema_refusals_write_nothing || bad new_schema_refusals_write_nothing
# A legacy back-up (no "id") keeps its long note, as it keeps its controls.
{ echo '{"entries": ['; entry "" "\"$long\""; echo ']}'; } >"$T/old.json"
expect legacy_long_note_kept 0 -- "$hep" import "$T/old.json" --db "$T/o.db"
notes_are legacy_long_note_bytes "$T/o.db" "['x' * 2001]"


# ---- the locale decides the glyphs (SPEC 2.1): outside UTF-8, ASCII only --
# A dose with "×" and "–", a unit "°", a change of dose, corrections and an
# excused skip: every text command writes them in ASCII under LC_ALL=C, in
# UTF-8 under C.UTF-8 (the tests' locale).
cat >"$T/loc.cfg" <<'EOF'
version = 1;
program: {
  title = "Knee"; start = "2026-11-02"; week_starts = "monday";
  measures = (
    { id = "knee-bend"; name = "Knee bend"; unit = "°"; min = 0; max = 160;
      every = "week"; better = "higher"; } );
};
exercises = (
  { id = "quad-set"; name = "Quad sets"; sets = 2; reps = 15; hold = [5, 10]; },
  { id = "bridge"; name = "Bridges"; sets = 2; reps = 10; }
);
EOF
sed 's/hold = \[5, 10\]/hold = [5, 15]/' "$T/loc.cfg" >"$T/loc2.cfg"
loc() { HEP_CONFIG=$T/loc.cfg HEP_DB=$T/loc.db "$hep" "$@"; }
{
	HEP_NOW=2026-11-24T08:00 loc done quad-set --pain 4 &&
		HEP_NOW=2026-11-24T08:01 loc edit quad-set --pain 2 &&
		HEP_NOW=2026-11-24T08:02 loc skip bridge --reason sick &&
		HEP_NOW=2026-11-24T08:03 loc measure knee-bend 95 &&
		HEP_NOW=2026-11-24T08:04 loc measure knee-bend 96.5 &&
		HEP_NOW=2026-11-25T08:00 HEP_CONFIG=$T/loc2.cfg HEP_DB=$T/loc.db "$hep" today
} >/dev/null || bad locale_setup
# at25 CMD...: CMD on the day after the change (LC_ALL as exported).
at25() { HEP_NOW=2026-11-25T09:00 HEP_CONFIG=$T/loc2.cfg HEP_DB=$T/loc.db "$hep" "$@"; }
# non_ascii NAME CMD...: the lines CMD writes under LC_ALL=C with a byte
# outside ASCII (none wanted).
non_ascii() {
	local name=$1 got
	shift
	got=$(LC_ALL=C at25 "$@" | LC_ALL=C grep -n '[^ -~]')
	[[ -z $got ]] && ok "$name" || bad "$name" "$got"
}
non_ascii ascii_today today
non_ascii ascii_today_yesterday today --date 2026-11-24
non_ascii ascii_week week
non_ascii ascii_log log --date 2026-11-24
non_ascii ascii_outcomes outcomes
# shown NAME LOCALE WANT PATTERN CMD...: the lines of CMD (run at25 under
# LC_ALL=LOCALE) that grep -o PATTERN finds are WANT.
shown() {
	local name=$1 locale=$2 want=$3 pattern=$4 got
	shift 4
	got=$(LC_ALL=$locale at25 "$@" | grep -o -e "$pattern")
	[[ $got == "$want" ]] && ok "$name" || bad "$name" "$(diff <(echo "$want") <(echo "$got"))"
}
shown ascii_history_arrow C "  quad-set: hold 5-10 s -> 5-15 s" '^  quad-set: .*' history
non_ascii ascii_history history
non_ascii ascii_report report --from 2026-11-23 --to 2026-11-25
shown ascii_today_words C "Prescription changed: Quad sets hold 5-10 s -> 5-15 s; from today
[ ] Quad sets  quad-set  2 x 15, hold 5-15 s             0/1" '^\(Prescription\|.*quad-set\).*' today
shown utf8_today_words C.UTF-8 "Prescription changed: Quad sets hold 5–10 s → 5–15 s; from today
[ ] Quad sets  quad-set  2 × 15, hold 5–15 s             0/1" '^\(Prescription\|.*quad-set\).*' today
shown ascii_log_words C "96.5 deg (was 95 deg)" '96.5 .*)' log --date 2026-11-24
shown ascii_week_sick C "Bridges     o    s    _    .    .    .    .  0 days" '^Bridges.*' week
shown utf8_week_sick C.UTF-8 "Bridges     ○    ⊘    ◌    ·    ·    ·    ·  0 days" '^Bridges.*' week
# The week's last row ends in no space, in either locale.
shown week_day_row_unpadded C "The day     o    x    _    .    .    .    ." '^The day.*' week

# A value quoted in a prescription's message (SPEC 2.2) is whole up to 120
# columns, then cut with "…", "..." where the locale is not UTF-8.
long=$(printf 'r%.0s' {1..121})
printf 'version = 1;\nprogram: { title = "Knee"; };\nexercises = ( { id = "slr"; name = "SLR"; side = "%s"; } );\n' "$long" >"$T/long.cfg"
for locale in C C.UTF-8; do
	cut=...
	[[ $locale == C.UTF-8 ]] && cut=…
	LC_ALL=$locale expect "quoted_cut_$locale" 1 --err "$T/long.cfg:3: 'side' must be \"left\", \"right\", \"both\" or \"alternate\", not \"${long:0:119}$cut\"" -- "$hep" check --config "$T/long.cfg"
done
finish
