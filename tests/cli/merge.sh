#!/usr/bin/env bash
# The order of imports never matters (SPEC 6.2), as a property over random
# histories of three copies: see tests/cli/merge.py. HEP_MERGE_CASES sets
# how many cases (seeds 1..N) run.
source "$(dirname "$0")/lib.sh"
python3 "$src/cli/merge.py" "$hep" "$T" "${HEP_MERGE_CASES:-4}"
