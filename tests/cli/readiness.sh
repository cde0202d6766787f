#!/usr/bin/env bash
# Readiness of an earned step (SPEC 2.2) reads the latest weeks of
# sessions only, and widens them while they do not hold what the
# criteria count (the latest `sessions` rated ones): the answer is the
# whole history's, without reading it all (a patient who rated three
# sessions eleven weeks ago, and none since, is ready since then).
source "$(dirname "$0")/lib.sh"

cat >"$T/rx.cfg" <<'CFG'
version = 1;
program: { title = "Loading"; start = "2026-09-01"; };
exercises = ( { id = "squat"; name = "Squat"; sets = 3; reps = 10;
  steps = ( { when = { sessions = 3; pain_at_most = 2; }; reps = 12; } ); } );
CFG
export HEP_CONFIG=$T/rx.cfg HEP_DB=$T/hep.db
for d in 01 02 03; do HEP_NOW=2026-09-${d}T08:00 "$hep" done squat --pain 1 >/dev/null; done
# Ten weeks more, none rated.
for ((k = 3; k < 73; k++)); do
	HEP_NOW=$(date -u -d "2026-09-01 +$k days" +%F)T08:00 "$hep" done squat >/dev/null
done
ready() { "$hep" today --json | python3 -c 'import json, sys; r = json.load(sys.stdin)["items"][0]["ready"]; print(r and (r["step"], r["why"]))'; }
got=$(HEP_NOW=2026-11-13T09:00 ready)
[[ $got == "(1, '3 sessions with pain ≤ 2')" ]] && ok ready_from_sessions_older_than_the_window || bad ready_from_sessions_older_than_the_window "$got"
# One rated session above the limit, now: the latest three rated are no
# longer all within it.
HEP_NOW=2026-11-13T09:30 "$hep" done squat --pain 4 >/dev/null
got=$(HEP_NOW=2026-11-13T09:31 ready)
[[ $got == None ]] && ok not_ready_after_a_pain_above || bad not_ready_after_a_pain_above "$got"
finish
