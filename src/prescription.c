#include "hep/prescription.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hep/rx_check.h"
#include "hep/text.h"
#include "hep/util.h"
#include "rx_impl.h"

/* ---- the fields of an exercise ---------------------------------------- */

#define FIELD(name, column, type, min, max, def, needed, multiline, width,     \
              derived, in_step, member)                                        \
	{                                                                      \
		name, column, type, min, max, def, needed, multiline, width,   \
		    derived, in_step, offsetof(struct rx_exercise, member)     \
	}

/* clang-format off */
const struct rx_field rx_fields[RX_FIELDS] = {
    FIELD("name", "name", RX_TEXT, 0, 0, 0, true, false, RX_NAME_COLUMNS, false, false, name),
    FIELD("sets", "sets", RX_COUNT, 1, 999, 1, true, false, 0, false, true, sets),
    FIELD("reps", "reps", RX_COUNT, 1, 999, 0, false, false, 0, false, true, reps),
    FIELD("hold", "hold", RX_TIME, 1, 3600, 0, false, false, 0, false, true, hold),
    FIELD("rest", "rest", RX_TIME, 1, 3600, 0, false, false, 0, false, true, rest),
    FIELD("pause", "pause", RX_TIME, 1, 3600, 0, false, false, 0, false, true, pause),
    FIELD("duration", "duration", RX_TIME, 1, 14400, 0, false, false, 0, false, true, duration),
    FIELD("load", "load", RX_TEXT, 0, 0, 0, false, false, RX_LOAD_COLUMNS, false, true, load),
    FIELD("tempo", "tempo", RX_TEMPO, 0, 0, 0, false, false, 0, false, true, tempo),
    FIELD("side", "side", RX_SIDE, 0, 0, 0, false, false, 0, false, true, side),
    FIELD("per_day", "per_day", RX_INT, 1, 24, 1, true, false, 0, false, true, per_day),
    FIELD("at", "at_labels", RX_LABELS, 0, 0, 0, false, false, RX_AT_COLUMNS, false, true, at),
    FIELD("days", "days", RX_DAYS, 0, 0, RX_ALL_DAYS, true, false, 0, false, true, days),
    FIELD("every", "every", RX_INT, 2, 30, 0, false, false, 0, false, true, every),
    FIELD("anchor", "anchor_day", RX_DATE, 0, 0, 0, false, false, 0, true, false, anchor),
    FIELD("per_week", "per_week", RX_INT, 1, 7, 0, false, false, 0, false, true, per_week),
    FIELD("as_needed", "as_needed", RX_FLAG, 0, 1, 0, false, false, 0, false, false, as_needed),
    FIELD("from", "from_day", RX_DATE, 0, 0, 0, false, false, 0, false, false, from),
    FIELD("until", "until_day", RX_DATE, 0, 0, 0, false, false, 0, false, false, until),
    FIELD("pain_limit", "pain_limit", RX_INT, 0, 10, -1, false, false, 0, false, false, pain_limit),
    FIELD("link", "link", RX_TEXT, 0, 0, 0, false, false, 0, false, false, link),
    FIELD("notes", "notes", RX_TEXT, 0, 0, 0, false, true, 0, false, true, notes),
};
/* clang-format on */

#undef FIELD

bool rx_type_is_text(enum rx_type t)
{
	return t == RX_TEXT || t == RX_LABELS || t == RX_TEMPO;
}

bool rx_type_is_range(enum rx_type t)
{
	return t == RX_COUNT || t == RX_TIME;
}

int rx_field_int(const struct rx_exercise *e, const struct rx_field *f)
{
	const char *p = (const char *)e + f->offset;
	switch (f->type) {
	case RX_INT:
	case RX_FLAG:
		return *(const int *)(const void *)p;
	case RX_SIDE:
		return (int)*(const enum rx_side *)(const void *)p;
	case RX_DAYS:
		return *(const uint8_t *)(const void *)p;
	case RX_DATE:
		return *(const cal_day *)(const void *)p;
	default:
		return 0;
	}
}

const char *rx_field_text(const struct rx_exercise *e, const struct rx_field *f)
{
	if (!rx_type_is_text(f->type))
		return NULL;
	return *(char *const *)(const void *)((const char *)e + f->offset);
}

struct rx_range rx_field_range(const struct rx_exercise *e,
                               const struct rx_field *f)
{
	if (!rx_type_is_range(f->type))
		return (struct rx_range){0, 0};
	return *(const struct rx_range *)(const void *)((const char *)e +
	                                                f->offset);
}

void rx_field_set_int(struct rx_exercise *e, const struct rx_field *f, int v)
{
	char *p = (char *)e + f->offset;
	switch (f->type) {
	case RX_INT:
	case RX_FLAG:
		*(int *)(void *)p = v;
		break;
	case RX_SIDE:
		*(enum rx_side *)(void *)p = (enum rx_side)v;
		break;
	case RX_DAYS:
		*(uint8_t *)(void *)p = (uint8_t)v;
		break;
	case RX_DATE:
		*(cal_day *)(void *)p = v;
		break;
	default:
		break;
	}
}

void rx_field_set_text(struct rx_exercise *e, const struct rx_field *f,
                       const char *v)
{
	if (!rx_type_is_text(f->type))
		return;
	char **p = (char **)(void *)((char *)e + f->offset);
	free(*p);
	*p = v ? xstrdup(v) : NULL;
}

void rx_field_set_range(struct rx_exercise *e, const struct rx_field *f,
                        struct rx_range v)
{
	if (rx_type_is_range(f->type))
		*(struct rx_range *)(void *)((char *)e + f->offset) = v;
}

const struct rx_field *rx_field_named(const char *name)
{
	for (size_t i = 0; i < RX_FIELDS; i++)
		if (strcmp(rx_fields[i].name, name) == 0)
			return &rx_fields[i];
	return NULL;
}

bool rx_field_present(const struct rx_exercise *e, const struct rx_field *f)
{
	switch (f->type) {
	case RX_TEXT:
	case RX_LABELS:
	case RX_TEMPO:
		return rx_field_text(e, f) != NULL;
	case RX_COUNT:
	case RX_TIME:
		return rx_field_range(e, f).lo > 0;
	case RX_DATE:
		return rx_field_int(e, f) != CAL_NONE;
	case RX_SIDE:
		return rx_field_int(e, f) != RX_SIDE_NONE;
	case RX_DAYS:
		return rx_field_int(e, f) != RX_ALL_DAYS;
	default:
		return rx_field_int(e, f) != f->def;
	}
}

void rx_field_default(struct rx_exercise *e, const struct rx_field *f)
{
	switch (f->type) {
	case RX_TEXT:
	case RX_LABELS:
	case RX_TEMPO:
		rx_field_set_text(e, f, NULL);
		break;
	case RX_COUNT:
	case RX_TIME:
		rx_field_set_range(e, f, (struct rx_range){f->def, f->def});
		break;
	case RX_DATE:
		rx_field_set_int(e, f, CAL_NONE);
		break;
	default:
		rx_field_set_int(e, f, f->def);
		break;
	}
}

/* An exercise with every field at its default: what the file leaves out. */
void rx_set_defaults(struct rx_exercise *e)
{
	for (size_t i = 0; i < RX_FIELDS; i++)
		rx_field_default(e, &rx_fields[i]);
	e->step_from = CAL_NONE;
}

bool rx_valid_id(const char *id)
{
	size_t n = strlen(id);
	if (n < 1 || n > RX_ID_MAX)
		return false;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || is_digit(*p) || *p == '-'))
			return false;
	return true;
}

bool rx_time_parse(const char *s, int *seconds)
{
	static const char *const units[] = {"h", "min", "s"};
	static const int scale[] = {3600, 60, 1};
	long total = 0;
	int next = 0; /* the first unit still allowed */
	const char *p = s;
	if (!*p)
		return false;
	while (*p) {
		if (p != s && *p++ != ' ')
			return false;
		if (!is_digit(*p) || *p == '0')
			return false;
		long n = 0;
		while (is_digit(*p)) {
			n = n * 10 + (*p++ - '0');
			if (n > 10000000)
				return false;
		}
		if (*p++ != ' ')
			return false;
		int u = next;
		while (u < 3 &&
		       !(strncmp(p, units[u], strlen(units[u])) == 0 &&
		         (p[strlen(units[u])] == ' ' || !p[strlen(units[u])])))
			u++;
		if (u == 3)
			return false;
		p += strlen(units[u]);
		total += n * scale[u];
		next = u + 1;
	}
	if (total > 1000 * 3600)
		return false;
	*seconds = (int)total;
	return true;
}

char *rx_time_text(int seconds, char *buf, size_t size)
{
	int h = seconds / 3600, m = seconds / 60 % 60, sec = seconds % 60;
	buf[0] = '\0';
	if (h)
		strfmt(buf, size, "%d h", h);
	if (m)
		strfmt(buf + strlen(buf), size - strlen(buf), "%s%d min",
		       buf[0] ? " " : "", m);
	if (sec || seconds == 0)
		strfmt(buf + strlen(buf), size - strlen(buf), "%s%d s",
		       buf[0] ? " " : "", sec);
	return buf;
}

bool rx_tempo_parse(const char *s, int phase[3])
{
	const char *p = s;
	int sum = 0;
	for (int i = 0; i < 3; i++) {
		if (!is_digit(*p))
			return false;
		int n = *p++ - '0';
		if (is_digit(*p))
			n = n * 10 + (*p++ - '0');
		if (n > 10 || *p != (i < 2 ? '-' : '\0'))
			return false;
		p += i < 2;
		phase[i] = n;
		sum += n;
	}
	return sum > 0;
}

/* One bound of a count or a time: a whole number, or for a time a string
 * with units. */

bool rx_link_valid(const char *v)
{
	bool ok = v && strncmp(v, "https://", 8) == 0 && v[8] &&
	          strlen(v) <= RX_LINK_MAX;
	for (const char *p = v; ok && *p; p++)
		ok = (unsigned char)*p > ' ' && (unsigned char)*p < 0x7F &&
		     *p != '"' && *p != '\\';
	return ok;
}

void rx_exercise_clear(struct rx_exercise *e)
{
	for (size_t i = 0; i < RX_FIELDS; i++)
		if (rx_type_is_text(rx_fields[i].type))
			rx_field_set_text(e, &rx_fields[i], NULL);
	for (size_t k = 0; k < e->n_steps; k++)
		rx_exercise_clear(&e->steps[k]);
	free(e->steps);
	free(e->step_label);
	e->steps = NULL;
	e->n_steps = 0;
	e->step_label = NULL;
}

/* Copies one version: everything but the steps. */
void rx_copy_version(struct rx_exercise *dst, const struct rx_exercise *src)
{
	*dst = *src;
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		if (!rx_type_is_text(f->type))
			continue;
		*(char **)(void *)((char *)dst + f->offset) = NULL;
		rx_field_set_text(dst, f, rx_field_text(src, f));
	}
	dst->step_label = src->step_label ? xstrdup(src->step_label) : NULL;
	dst->steps = NULL;
	dst->n_steps = 0;
}

void rx_snapshot_clear(struct rx_snapshot *s)
{
	for (size_t k = 0; k < s->n; k++)
		rx_exercise_clear(&s->ex[k]);
	free(s->ex);
	s->ex = NULL;
	s->n = 0;
}

void rx_snapshots_free(struct rx_snapshot *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rx_snapshot_clear(&s[i]);
	free(s);
}

void rx_free(struct rx *rx)
{
	if (!rx)
		return;
	for (size_t i = 0; i < rx->n_ex; i++)
		rx_exercise_clear(&rx->ex[i]);
	free(rx->ex);
	free(rx->program.title);
	free(rx->program.patient);
	free(rx->program.therapist);
	free(rx->program.visits);
	free(rx->program.pain_advice);
	struct rx_outcome_plan plan = rx_outcome_plan_of(&rx->program);
	rx_outcome_plan_clear(&plan);
	free(rx->path);
	free(rx);
}

/* ---- helpers on exercises ---------------------------------------------- */

const struct rx_exercise *rx_find(const struct rx_exercise *ex, size_t n,
                                  const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ex[i].id, id) == 0)
			return &ex[i];
	return NULL;
}

bool rx_field_equal(const struct rx_exercise *a, const struct rx_exercise *b,
                    const struct rx_field *f)
{
	if (rx_type_is_text(f->type))
		return str_equal(rx_field_text(a, f), rx_field_text(b, f));
	if (rx_type_is_range(f->type)) {
		struct rx_range x = rx_field_range(a, f);
		struct rx_range y = rx_field_range(b, f);
		/* One value may be written {v, v} or {v, 0}. */
		return x.lo == y.lo && (x.hi > x.lo ? x.hi : x.lo) ==
		                           (y.hi > y.lo ? y.hi : y.lo);
	}
	return rx_field_int(a, f) == rx_field_int(b, f);
}

/* One version against another: every field (a step's written from is for
 * display only). */
static bool version_equal(const struct rx_exercise *a,
                          const struct rx_exercise *b)
{
	for (size_t i = 0; i < RX_FIELDS; i++)
		if (!rx_field_equal(a, b, &rx_fields[i]))
			return false;
	return true;
}

bool rx_exercise_equal(const struct rx_exercise *a, const struct rx_exercise *b)
{
	if (strcmp(a->id, b->id) != 0 || a->n_steps != b->n_steps ||
	    !version_equal(a, b))
		return false;
	for (size_t k = 0; k < a->n_steps; k++)
		if (a->steps[k].step_from != b->steps[k].step_from ||
		    !version_equal(&a->steps[k], &b->steps[k]))
			return false;
	return true;
}

const struct rx_exercise *rx_on(const struct rx_exercise *e, cal_day day)
{
	const struct rx_exercise *v = e;
	for (size_t k = 0; k < e->n_steps && e->steps[k].step_from <= day; k++)
		v = &e->steps[k];
	return v;
}

enum rx_kind rx_kind(const struct rx_exercise *e)
{
	if (e->as_needed)
		return RX_KIND_AS_NEEDED;
	return e->per_week ? RX_KIND_PER_WEEK : RX_KIND_FIXED;
}

const char *rx_kind_name(enum rx_kind k)
{
	static const char *const names[] = {"fixed-days", "per-week",
	                                    "as-needed"};
	return names[k];
}

int rx_pain_limit(const struct rx_exercise *e, const struct rx_program *p)
{
	if (e && e->pain_limit >= 0)
		return e->pain_limit;
	return p ? p->pain_limit : -1;
}

const char *rx_pain_advice(const struct rx_program *p)
{
	return p && p->pain_advice ? p->pain_advice : RX_PAIN_ADVICE;
}

bool rx_at_label(const struct rx_exercise *e, int k, char *buf, size_t size)
{
	const char *p = e->at;
	for (int i = 0; p && i < k; i++)
		p = (p = strchr(p, '\n')) ? p + 1 : NULL;
	if (!p || k < 0)
		return false;
	const char *end = strchr(p, '\n');
	int n = end ? (int)(end - p) : (int)strlen(p);
	strfmt(buf, size, "%.*s", n, p);
	return true;
}

static const char *const side_names[] = {
    [RX_SIDE_LEFT] = "left",
    [RX_SIDE_RIGHT] = "right",
    [RX_SIDE_BOTH] = "both",
    [RX_SIDE_ALTERNATE] = "alternate",
};

bool rx_side_parse(const char *s, enum rx_side *out)
{
	for (enum rx_side k = RX_SIDE_LEFT; k <= RX_SIDE_ALTERNATE; k++) {
		if (strcmp(s, side_names[k]) == 0) {
			*out = k;
			return true;
		}
	}
	return false;
}

const char *rx_side_name(enum rx_side side)
{
	return side > RX_SIDE_NONE && side <= RX_SIDE_ALTERNATE
	           ? side_names[side]
	           : NULL;
}

char *rx_range_text(struct rx_range r, bool time, bool ascii, char *buf,
                    size_t size)
{
	const char *dash = ascii ? "-" : "\xE2\x80\x93";
	if (!time) {
		if (r.hi > r.lo)
			strfmt(buf, size, "%d%s%d", r.lo, dash, r.hi);
		else
			strfmt(buf, size, "%d", r.lo);
		return buf;
	}
	char a[32], b[32];
	rx_time_text(r.lo, a, sizeof a);
	if (r.hi <= r.lo) {
		strfmt(buf, size, "%s", a);
		return buf;
	}
	rx_time_text(r.hi, b, sizeof b);
	/* One unit on both bounds: "20–30 min". */
	const char *ua = strchr(a, ' '), *ub = strchr(b, ' ');
	if (ua && ub && !strchr(ua + 1, ' ') && !strchr(ub + 1, ' ') &&
	    strcmp(ua, ub) == 0)
		strfmt(buf, size, "%.*s%s%s", (int)(ua - a), a, dash, b);
	else
		strfmt(buf, size, "%s%s%s", a, dash, b);
	return buf;
}

char *rx_dose(const struct rx_exercise *e, bool ascii, char *buf, size_t size)
{
	const char *times = ascii ? "x" : "\xC3\x97";
	char a[64], b[64];
	size_t n = 0;
#define ADD(...)                                                               \
	do {                                                                   \
		if (n < size)                                                  \
			n += (size_t)snprintf(buf + n, size - n, __VA_ARGS__); \
	} while (0)
	buf[0] = '\0';
	rx_range_text(e->sets, false, ascii, a, sizeof a);
	bool one_set = e->sets.hi <= 1;
	if (e->duration.lo) {
		rx_range_text(e->duration, true, ascii, b, sizeof b);
		if (one_set)
			ADD("%s", b);
		else
			ADD("%s %s %s", a, times, b);
	} else if (e->reps.lo) {
		ADD("%s %s %s", a, times,
		    rx_range_text(e->reps, false, ascii, b, sizeof b));
	} else {
		ADD("%s set%s", a, e->sets.hi == 1 ? "" : "s");
	}
	if (e->hold.lo)
		ADD(", hold %s",
		    rx_range_text(e->hold, true, ascii, b, sizeof b));
	if (e->rest.lo)
		ADD(", rest %s",
		    rx_range_text(e->rest, true, ascii, b, sizeof b));
	if (e->pause.lo)
		ADD(", pause %s",
		    rx_range_text(e->pause, true, ascii, b, sizeof b));
	if (e->tempo)
		ADD(", tempo %s", e->tempo);
	if (e->side == RX_SIDE_BOTH)
		ADD(", each side");
	else if (e->side == RX_SIDE_ALTERNATE)
		ADD(", sides in turn");
	else if (e->side != RX_SIDE_NONE)
		ADD(", %s side", rx_side_name(e->side));
	if (e->load)
		ADD(", %s", e->load);
#undef ADD
	return buf;
}

char *rx_schedule(const struct rx_exercise *e, char *buf, size_t size)
{
	if (e->as_needed)
		strfmt(buf, size, "as needed, up to %d/day", e->per_day);
	else if (e->per_week) {
		/* Any N days: not to be read as the fixed days below. */
		strfmt(buf, size, "any %d day%s/week", e->per_week,
		       e->per_week == 1 ? "" : "s");
		if (e->per_day > 1)
			strpart(buf, size, ", ", "%d/day", e->per_day);
	} else if (e->every)
		strfmt(buf, size, "every %d days, %d/day", e->every,
		       e->per_day);
	else if (e->days != RX_ALL_DAYS) {
		strfmt(buf, size, "on ");
		for (int w = 0, k = 0; w < 7; w++)
			if (e->days & (1u << w))
				strfmt(buf + strlen(buf), size - strlen(buf),
				       "%s%s", k++ ? " " : "",
				       cal_weekday_name((enum cal_weekday)w));
		strpart(buf, size, ", ", "%d/day", e->per_day);
	} else
		strfmt(buf, size, "%d/day", e->per_day);
	return buf;
}

static void put_days(char *buf, size_t size, uint8_t days)
{
	buf[0] = '\0';
	if (days == RX_ALL_DAYS)
		return;
	for (int w = 0; w < 7; w++)
		if (days & (1u << w))
			strfmt(buf + strlen(buf), size - strlen(buf), "%s%s",
			       buf[0] ? "," : "",
			       cal_weekday_id((enum cal_weekday)w));
}

/* Field f of e as text for the diff ("" when absent). */
static void field_format(const struct rx_exercise *e, const struct rx_field *f,
                         char *buf, size_t size)
{
	const char *t;
	buf[0] = '\0';
	if (!rx_field_present(e, f) && f->type != RX_FLAG) {
		/* A needed number still shows (sets, per_day). */
		if (f->type == RX_INT && f->needed)
			strfmt(buf, size, "%d", rx_field_int(e, f));
		return;
	}
	switch (f->type) {
	case RX_TEXT:
	case RX_TEMPO:
		strfmt(buf, size, "%s", rx_field_text(e, f));
		break;
	case RX_LABELS:
		strfmt(buf, size, "%s", rx_field_text(e, f));
		for (char *p = buf; *p; p++)
			if (*p == '\n')
				*p = ',';
		break;
	case RX_INT:
		strfmt(buf, size, "%d", rx_field_int(e, f));
		break;
	case RX_FLAG:
		strfmt(buf, size, "%s", rx_field_int(e, f) ? "true" : "");
		break;
	case RX_COUNT:
	case RX_TIME:
		rx_range_text(rx_field_range(e, f), f->type == RX_TIME, true,
		              buf, size);
		break;
	case RX_SIDE:
		t = rx_side_name((enum rx_side)rx_field_int(e, f));
		strfmt(buf, size, "%s", t ? t : "");
		break;
	case RX_DAYS:
		put_days(buf, size, (uint8_t)rx_field_int(e, f));
		break;
	case RX_DATE:
		cal_format(rx_field_int(e, f), buf);
		break;
	}
}

/* The fields of version b that differ from version a, each named with
 * prefix, but those both carry on from the versions before them (pa, pb;
 * NULL for the exercise's own); returns how many were added at out[n]. */
static size_t diff_version(const struct rx_exercise *a,
                           const struct rx_exercise *b,
                           const struct rx_exercise *pa,
                           const struct rx_exercise *pb, const char *prefix,
                           struct rx_change *out)
{
	size_t n = 0;
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		if (rx_field_equal(a, b, f))
			continue;
		/* A step that carries both values on says nothing new. */
		if (pa && rx_field_equal(pa, a, f) && rx_field_equal(pb, b, f))
			continue;
		struct rx_change *c = &out[n];
		strfmt(c->field, sizeof c->field, "%s%s", prefix, f->name);
		field_format(a, f, c->before, sizeof c->before);
		field_format(b, f, c->after, sizeof c->after);
		text_trim_partial(c->before);
		text_trim_partial(c->after);
		/* Texts (a name, notes) compare whole, not by the part
		 * shown; other fields only by what shows. */
		if (rx_type_is_text(f->type) ||
		    strcmp(c->before, c->after) != 0)
			n++;
	}
	return n;
}

size_t rx_diff(const struct rx_exercise *a, const struct rx_exercise *b,
               struct rx_change out[RX_DIFF_MAX])
{
	size_t n = diff_version(a, b, NULL, NULL, "", out);
	size_t steps = a->n_steps > b->n_steps ? a->n_steps : b->n_steps;
	for (size_t k = 0; k < steps; k++) {
		const struct rx_exercise *x =
		    k < a->n_steps ? &a->steps[k] : NULL;
		const struct rx_exercise *y =
		    k < b->n_steps ? &b->steps[k] : NULL;
		char prefix[16];
		strfmt(prefix, sizeof prefix, "step %zu ", k + 1);
		if (!x || !y || x->step_from != y->step_from) {
			struct rx_change *c = &out[n++];
			strfmt(c->field, sizeof c->field, "step %zu from",
			       k + 1);
			c->before[0] = c->after[0] = '\0';
			if (x)
				cal_format(x->step_from, c->before);
			if (y)
				cal_format(y->step_from, c->after);
		}
		if (x && y)
			n += diff_version(x, y, k ? x - 1 : a, k ? y - 1 : b,
			                  prefix, out + n);
	}
	return n;
}
