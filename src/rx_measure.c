/* Outcome measures and the PSFS (SPEC section 8): values in tenths, the
 * measures' keys, their equality and diff, the plans' versions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hep/json.h"
#include "hep/prescription.h"
#include "hep/text.h"
#include "hep/util.h"
#include "rx_impl.h"

/* ---- outcomes: measures and the PSFS (SPEC section 8) ------------------ */

enum rx_tenths rx_tenths_scan(const char *t, size_t n, int32_t *out)
{
	size_t i = 0;
	bool neg = n > 0 && t[0] == '-';
	i += neg;
	if (i == n || !is_digit(t[i]))
		return RX_TENTHS_FORM;
	int64_t v = 0;
	for (; i < n && is_digit(t[i]); i++)
		if ((v = v * 10 + (t[i] - '0')) > RX_TENTHS_MAX)
			v = RX_TENTHS_MAX + 1; /* stays far from overflow */
	v *= 10;
	if (i < n && t[i] == '.') {
		if (i + 2 != n || !is_digit(t[i + 1]))
			return RX_TENTHS_FORM;
		v += t[i + 1] - '0';
		i += 2;
	}
	if (i != n)
		return RX_TENTHS_FORM;
	if (v > RX_TENTHS_MAX)
		return RX_TENTHS_RANGE;
	*out = (int32_t)(neg ? -v : v);
	return RX_TENTHS_OK;
}

bool rx_tenths_parse(const char *token, int32_t *tenths)
{
	return rx_tenths_scan(token, strlen(token), tenths) == RX_TENTHS_OK;
}

char *rx_tenths_text(int32_t tenths, char *buf, size_t size)
{
	if (tenths == RX_NO_VALUE) {
		strfmt(buf, size, "%s", "");
		return buf;
	}
	int64_t v = tenths < 0 ? -(int64_t)tenths : tenths;
	const char *sign = tenths < 0 ? "-" : "";
	if (v % 10)
		strfmt(buf, size, "%s%lld.%d", sign, (long long)(v / 10),
		       (int)(v % 10));
	else
		strfmt(buf, size, "%s%lld", sign, (long long)(v / 10));
	return buf;
}

char *rx_measure_shown(const struct rx_measure *m, int32_t tenths, bool ascii,
                       char *buf, size_t size)
{
	char n[24], unit[3 * 64]; /* "deg" for each "°" of a unit */
	strfmt(buf, size, "%s%s%s", rx_tenths_text(tenths, n, sizeof n),
	       m && m->unit[0] ? " " : "",
	       !m      ? ""
	       : ascii ? text_ascii_form(m->unit, true, unit, sizeof unit)
	               : m->unit);
	return buf;
}

char *rx_measure_text(const struct rx_measure *m, int32_t tenths, char *buf,
                      size_t size)
{
	return rx_measure_shown(m, tenths, false, buf, size);
}

static const char *const every_names[] = {
    [RX_EVERY_DAY] = "day",
    [RX_EVERY_WEEK] = "week",
    [RX_EVERY_VISIT] = "visit",
};

const char *rx_every_name(enum rx_every e)
{
	return e <= RX_EVERY_VISIT ? every_names[e] : "";
}

bool rx_every_parse(const char *s, enum rx_every *out)
{
	for (int e = 0; e <= RX_EVERY_VISIT; e++)
		if (strcmp(s, every_names[e]) == 0) {
			*out = (enum rx_every)e;
			return true;
		}
	return false;
}

const char *const rx_measure_keys[RX_MEASURE_KEYS] = {
    [RX_MEASURE_NAME] = "name",     [RX_MEASURE_UNIT] = "unit",
    [RX_MEASURE_MIN] = "min",       [RX_MEASURE_MAX] = "max",
    [RX_MEASURE_EVERY] = "every",   [RX_MEASURE_GOAL] = "goal",
    [RX_MEASURE_BETTER] = "better",
};

/* Each key's text, one function a key (measure_key_ops[]). */
static const char *name_text(const struct rx_measure *m)
{
	return m->name;
}
static const char *unit_text(const struct rx_measure *m)
{
	return m->unit;
}
static int32_t min_tenths(const struct rx_measure *m)
{
	return m->min;
}
static int32_t max_tenths(const struct rx_measure *m)
{
	return m->max;
}
static int32_t goal_tenths(const struct rx_measure *m)
{
	return m->goal;
}
static const char *every_text(const struct rx_measure *m)
{
	return rx_every_name(m->every);
}
static const char *better_text(const struct rx_measure *m)
{
	return m->lower_better ? "lower" : "higher";
}

/*
 * One row a key of a measure: a text (compared whole, a JSON string) or
 * a value in tenths (compared as written, a JSON number, null when
 * absent). A new key is a row here, a name in rx_measure_keys and the
 * store's row (store_rx.c).
 */
static const struct {
	const char *(*text)(const struct rx_measure *); /* or NULL */
	int32_t (*tenths)(const struct rx_measure *);   /* or NULL */
	bool whole; /* compared whole (a change's text may be cut short) */
} measure_key_ops[RX_MEASURE_KEYS] = {
    [RX_MEASURE_NAME] = {name_text, NULL, true},
    [RX_MEASURE_UNIT] = {unit_text, NULL, true},
    [RX_MEASURE_MIN] = {NULL, min_tenths, false},
    [RX_MEASURE_MAX] = {NULL, max_tenths, false},
    [RX_MEASURE_EVERY] = {every_text, NULL, false},
    [RX_MEASURE_GOAL] = {NULL, goal_tenths, false},
    [RX_MEASURE_BETTER] = {better_text, NULL, false},
};

char *rx_measure_key_text(const struct rx_measure *m, enum rx_measure_key k,
                          char *buf, size_t size)
{
	if (measure_key_ops[k].tenths)
		return rx_tenths_text(measure_key_ops[k].tenths(m), buf, size);
	const char *t = measure_key_ops[k].text(m);
	strfmt(buf, size, "%s", t ? t : "");
	return buf;
}

void rx_measure_key_json(FILE *out, const struct rx_measure *m,
                         enum rx_measure_key k)
{
	char v[300];
	rx_measure_key_text(m, k, v, sizeof v);
	if (measure_key_ops[k].tenths)
		fputs(*v ? v : "null", out);
	else
		json_string(out, v);
}

/* Skips blanks and comments from t[i]; counts the lines passed into *line. */

const struct rx_measure *rx_find_measure(const struct rx *rx, const char *id)
{
	struct rx_outcome_plan now = rx_outcome_plan_of(&rx->program);
	return rx_plan_find(&now, id);
}

const struct rx_measure *rx_plan_find(const struct rx_outcome_plan *p,
                                      const char *id)
{
	for (size_t i = 0; p && i < p->n_measures; i++)
		if (strcmp(p->measures[i].id, id) == 0)
			return &p->measures[i];
	return NULL;
}

bool rx_plan_same_psfs(const struct rx_outcome_plan *a,
                       const struct rx_outcome_plan *b)
{
	bool same = a->n_psfs == b->n_psfs;
	for (size_t i = 0; same && i < a->n_psfs; i++)
		same = strcmp(a->psfs[i], b->psfs[i]) == 0;
	return same;
}

/* Whether key k is the same in a and b, compared whole (a change's text
 * may be cut short). */
static bool measure_key_equal(const struct rx_measure *a,
                              const struct rx_measure *b, enum rx_measure_key k)
{
	if (measure_key_ops[k].whole)
		return str_equal(measure_key_ops[k].text(a),
		                 measure_key_ops[k].text(b));
	char x[32], y[32];
	return strcmp(rx_measure_key_text(a, k, x, sizeof x),
	              rx_measure_key_text(b, k, y, sizeof y)) == 0;
}

bool rx_measure_equal(const struct rx_measure *a, const struct rx_measure *b)
{
	bool same = strcmp(a->id, b->id) == 0;
	for (int k = 0; same && k < RX_MEASURE_KEYS; k++)
		same = measure_key_equal(a, b, (enum rx_measure_key)k);
	return same;
}

size_t rx_measure_diff(const struct rx_measure *a, const struct rx_measure *b,
                       struct rx_change *out)
{
	size_t n = 0;
	for (int k = 0; k < RX_MEASURE_KEYS; k++) {
		if (measure_key_equal(a, b, (enum rx_measure_key)k))
			continue;
		struct rx_change *c = &out[n++];
		strfmt(c->field, sizeof c->field, "%s", rx_measure_keys[k]);
		c->own = NULL;
		rx_measure_key_text(a, (enum rx_measure_key)k, c->before,
		                    sizeof c->before);
		rx_measure_key_text(b, (enum rx_measure_key)k, c->after,
		                    sizeof c->after);
		text_trim_partial(c->before);
		text_trim_partial(c->after);
	}
	return n;
}

void rx_measure_clear(struct rx_measure *m)
{
	free(m->name);
	free(m->unit);
	m->name = m->unit = NULL;
}

struct rx_outcome_plan rx_outcome_plan_of(const struct rx_program *p)
{
	return (struct rx_outcome_plan){CAL_NONE,      CAL_NONE, p->measures,
	                                p->n_measures, p->psfs,  p->n_psfs};
}

bool rx_outcome_plan_equal(const struct rx_outcome_plan *a,
                           const struct rx_outcome_plan *b)
{
	if (a->n_measures != b->n_measures || !rx_plan_same_psfs(a, b))
		return false;
	for (size_t i = 0; i < a->n_measures; i++)
		if (!rx_measure_equal(&a->measures[i], &b->measures[i]))
			return false;
	return true;
}

void rx_outcome_plan_clear(struct rx_outcome_plan *p)
{
	for (size_t i = 0; i < p->n_measures; i++)
		rx_measure_clear(&p->measures[i]);
	free(p->measures);
	for (size_t i = 0; i < p->n_psfs; i++)
		free(p->psfs[i]);
	free(p->psfs);
	p->measures = NULL;
	p->psfs = NULL;
	p->n_measures = p->n_psfs = 0;
}

void rx_outcome_plans_free(struct rx_outcome_plan *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rx_outcome_plan_clear(&p[i]);
	free(p);
}
