/*
 * rx_json: the prescriptions and the measures' versions of a JSON back-up
 * (SPEC 6.1 and 8.2), read back into the structs hep stores. A back-up
 * holds them normalised (times in seconds, dates resolved, each step a
 * whole version, the derived anchor), and each is checked exactly as the
 * prescription file is (SPEC 6.2): the rules are rx_check's, said at the
 * line of the offending value or object. What only a normal form can
 * break is checked too: a tempo as "3-0-1", per_day equal to the labels
 * of at, an anchor where every counts from, and a step that keeps what
 * only its exercise gives.
 */
#ifndef HEP_RX_JSON_H
#define HEP_RX_JSON_H

#include <stdbool.h>

#include "hep/json.h"
#include "hep/prescription.h"
#include "hep/rx_check.h"

/*
 * Reads one prescription of a back-up, {"from", "exercises": [{"id", every
 * key of rx_fields, "steps": null or [{"step_from", "step_label", "id",
 * every key of rx_fields}]}]}, into *out. Returns true, or false with
 * every fault said through r and *out empty. Free with
 * rx_snapshot_clear.
 */
bool rx_json_snapshot(const struct json_value *p, struct rx_report *r,
                      struct rx_snapshot *out);

/*
 * Reads one version of the measures and the PSFS, {"from", "measures":
 * [{"id", "name", "unit", "min", "max", "every", "goal", "better"}],
 * "psfs": [texts]}, into *out: true, or false with every fault said
 * through r and *out empty. Free with rx_outcome_plan_clear.
 */
bool rx_json_plan(const struct json_value *p, struct rx_report *r,
                  struct rx_outcome_plan *out);

#endif
