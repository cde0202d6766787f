#!/usr/bin/env bash
# Dates are where streak programs break (SPEC section 3): the logical day on
# DST nights in New York and Berlin, Lord Howe's half-hour shift, Apia's
# missing 2011-12-30, New Year, a leap day, a zone change between runs and
# a clock that goes backwards.
source "$(dirname "$0")/lib.sh"

export HEP_CONFIG=$src/data/clock.cfg
logical() { # NAME TZ NOW WANT
	local got
	got=$(day_at "${2//\//_}" "$3" "$1" 2>&1)
	[[ $got == "$4" ]] && ok "$1" || bad "$1" "TZ=$2 HEP_NOW=$3: $got, want $4"
}
# day_at ZONE NOW [NAME]: the date `today` shows (ZONE with '_' for '/',
# which with NAME names its data file: a file of its own, as a clock set
# back behind a file's record is told so, SPEC 6.2).
day_at() {
	TZ=${1//_//} HEP_NOW=$2 "$hep" today --json --db "$T/$1${3:+-$3}.db" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["date"])'
}
logical berlin_spring_before Europe/Berlin 2024-03-31T03:30 2024-03-30
logical berlin_spring_after Europe/Berlin 2024-03-31T04:30 2024-03-31
logical berlin_fall_before Europe/Berlin 2024-10-27T03:30 2024-10-26
logical berlin_fall_after Europe/Berlin 2024-10-27T04:00 2024-10-27
logical newyork_spring_after America/New_York 2024-03-10T04:30 2024-03-10
logical newyork_fall_ambiguous America/New_York 2024-11-03T01:30 2024-11-02
logical newyork_fall_after America/New_York 2024-11-03T05:00 2024-11-03
logical lordhowe_before Australia/Lord_Howe 2024-04-07T03:59 2024-04-06
logical lordhowe_after Australia/Lord_Howe 2024-04-07T04:00 2024-04-07
logical apia_missing_day Pacific/Apia 2011-12-30T10:00 2011-12-30
logical apia_next Pacific/Apia 2011-12-31T10:00 2011-12-31
logical new_year Europe/Berlin 2027-01-01T02:00 2026-12-31
logical leap_day America/New_York 2024-02-29T12:00 2024-02-29

# The UTC instant of a tick follows the zone's offset on that date.
TZ=Europe/Berlin HEP_NOW=2024-01-15T12:00 "$hep" done walk --db "$T/utc.db" >/dev/null
TZ=Europe/Berlin HEP_NOW=2024-07-01T12:00 "$hep" done walk --db "$T/utc.db" >/dev/null
[[ $(sqlite3 "$T/utc.db" "SELECT group_concat(logged_at, ' ') FROM (SELECT logged_at FROM session ORDER BY day)") == "2024-01-15T11:00:00Z 2024-07-01T10:00:00Z" ]] &&
	ok utc_follows_dst || bad utc_follows_dst "$(sqlite3 "$T/utc.db" 'SELECT day, logged_at FROM session')"

# A streak across the DST night, New Year and a leap day: calendar days.
streak_db=$T/streak.db
for d in 2024-02-27 2024-02-28 2024-02-29 2024-03-01 2024-03-30 2024-03-31 2024-04-01; do
	TZ=Europe/Berlin HEP_NOW=${d}T09:00 "$hep" done walk --db "$streak_db" >/dev/null
done
got=$(TZ=Europe/Berlin HEP_NOW=2024-04-01T21:00 "$hep" streak --json --db "$streak_db")
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if (d["current"], d["longest"]) == (3, 4) else 1)' "$got" &&
	ok streak_across_leap_and_dst || bad streak_across_leap_and_dst "$got"
expect week_across_new_year 0 --out "$(printf '%s' "2026-12-28")" -- sh -c "HEP_NOW=2027-01-01T12:00 \"$hep\" week --json --db \"$T/ny.db\" | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"start\"])'"

# A zone change between two runs leaves old days as they were.
tz_db=$T/tz.db
TZ=Asia/Singapore HEP_NOW=2024-05-10T08:00 "$hep" done walk --db "$tz_db" >/dev/null
before=$(TZ=Asia/Singapore HEP_NOW=2024-05-10T09:00 "$hep" today --json --date 2024-05-10 --db "$tz_db")
after=$(TZ=America/Los_Angeles HEP_NOW=2024-05-10T18:00 "$hep" today --json --date 2024-05-10 --db "$tz_db")
[[ $before == "$after" && $before == *'"done": 1'* ]] && ok zone_change_keeps_days || bad zone_change_keeps_days "$before" "$after"
expect zone_change_no_second_tick 1 --err-has 'already done on 2024-05-10' -- env TZ=America/Los_Angeles HEP_NOW=2024-05-10T18:00 "$hep" done walk --db "$tz_db"

# The clock goes backwards: more than ten minutes behind the record's latest
# entry, every write is refused, saying so (SPEC 6.2); within them, a day
# already done is not done twice; and the prescription's snapshot is never
# dated before the newest one.
back=$T/back.db
HEP_NOW=2024-06-10T09:00 "$hep" done walk --db "$back" >/dev/null
expect clock_back_refused 1 --err "hep: the clock reads 2024-06-10 08:00, before the record's latest entry (2024-06-10 09:00); check the date, or set HEP_NOW" -- env HEP_NOW=2024-06-10T08:00 "$hep" done walk --db "$back"
expect clock_back_no_second_session 1 --err-has 'already done on 2024-06-10' -- env HEP_NOW=2024-06-10T08:55 "$hep" done walk --db "$back"
sed 's/name = "Walk"/name = "Brisk walk"/' "$HEP_CONFIG" >"$T/renamed.cfg"
HEP_NOW=2024-06-01T09:00 "$hep" today --config "$T/renamed.cfg" --db "$back" >/dev/null
[[ $(sqlite3 "$back" 'SELECT group_concat(day) FROM snapshot') == "2024-06-10" ]] &&
	ok clock_back_snapshot_not_earlier || bad clock_back_snapshot_not_earlier "$(sqlite3 "$back" 'SELECT day FROM snapshot')"

finish
