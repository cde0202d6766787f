#include "hep/prescription.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hep/json.h"
#include "hep/rx_check.h"
#include "hep/text.h"
#include "hep/util.h"
#include "rx_impl.h"

/* ---- the fields of an exercise ---------------------------------------- */

#define AT(member) .offset = offsetof(struct rx_exercise, member)

/* One row a key: adding a key to the prescription is a row here (and its
 * member in struct rx_exercise, and its column in a store migration). */
/* clang-format off */
const struct rx_field rx_fields[RX_FIELDS] = {
    {"name", "name", RX_TEXT, .needed = true, .width = RX_NAME_COLUMNS,
     .rules = RX_RULE_SAY_RENAME, AT(name)},
    {"sets", "sets", RX_COUNT, 1, 999, 1, .needed = true, .in_step = true,
     .rules = RX_RULE_SAY_COUNT, AT(sets)},
    {"reps", "reps", RX_COUNT, 1, 999, .in_step = true,
     .rules = RX_RULE_SAY_COUNT, AT(reps)},
    {"hold", "hold", RX_TIME, 1, 3600, .in_step = true, AT(hold)},
    {"rest", "rest", RX_TIME, 1, 3600, .in_step = true, AT(rest)},
    {"pause", "pause", RX_TIME, 1, 3600, .in_step = true, AT(pause)},
    {"duration", "duration", RX_TIME, 1, 14400, .in_step = true, AT(duration)},
    {"load", "load", RX_TEXT, .width = RX_LOAD_COLUMNS, .in_step = true, AT(load)},
    {"tempo", "tempo", RX_TEMPO, .in_step = true, AT(tempo)},
    {"side", "side", RX_SIDE, .in_step = true, AT(side)},
    {"per_day", "per_day", RX_FREQ, 1, 24, 1, .needed = true, .in_step = true,
     .rules = RX_RULE_SESSIONS, AT(per_day)},
    {"at", "at_labels", RX_LABELS, .width = RX_AT_COLUMNS, .in_step = true,
     .rules = RX_RULE_NEVER_DUE, AT(at)},
    {"days", "days", RX_DAYS, .def = RX_ALL_DAYS, .needed = true, .in_step = true,
     .rules = RX_RULE_SCHEDULE | RX_RULE_NEVER_DUE, AT(days)},
    {"every", "every", RX_INT, 2, 30, .in_step = true,
     .rules = RX_RULE_SCHEDULE | RX_RULE_NEVER_DUE | RX_RULE_ANCHORED, AT(every)},
    {"anchor", "anchor_day", RX_DATE, .derived = true, AT(anchor)},
    {"per_week", "per_week", RX_FREQ, 1, 7, .in_step = true,
     .rules = RX_RULE_SCHEDULE | RX_RULE_NEVER_DUE | RX_RULE_PER_WEEK, AT(per_week)},
    {"as_needed", "as_needed", RX_FLAG, 0, 1, AT(as_needed)},
    {"from", "from_day", RX_DATE, AT(from)},
    {"until", "until_day", RX_DATE, .rules = RX_RULE_LAST_DAY, AT(until)},
    {"pain_limit", "pain_limit", RX_INT, 0, 10, -1, AT(pain_limit)},
    {"link", "link", RX_TEXT, .rules = RX_RULE_LINK, AT(link)},
    {"notes", "notes", RX_TEXT, .multiline = true, .in_step = true,
     .rules = RX_RULE_SAY_NEW, AT(notes)},
    {"effort", "effort", RX_COUNT, 0, 10, .in_step = true, .zero = true,
     AT(effort)},
};
/* clang-format on */

#undef AT

/* An RX_FREQ's MAX is the int right after it (enum rx_type). */
_Static_assert(offsetof(struct rx_exercise, per_day_max) ==
                   offsetof(struct rx_exercise, per_day) + sizeof(int),
               "per_day_max follows per_day");
_Static_assert(offsetof(struct rx_exercise, per_week_max) ==
                   offsetof(struct rx_exercise, per_week) + sizeof(int),
               "per_week_max follows per_week");

/* Where field f of e is. */
static void *slot(struct rx_exercise *e, const struct rx_field *f)
{
	return (char *)e + f->offset;
}

static const void *cslot(const struct rx_exercise *e, const struct rx_field *f)
{
	return (const char *)e + f->offset;
}

/* How each type holds its value, as the accessors reach it. */
static int get_int(const void *p)
{
	return *(const int *)p;
}
static void set_int(void *p, int v)
{
	*(int *)p = v;
}
static int get_side(const void *p)
{
	return (int)*(const enum rx_side *)p;
}
static void set_side(void *p, int v)
{
	*(enum rx_side *)p = (enum rx_side)v;
}
static int get_days(const void *p)
{
	return *(const uint8_t *)p;
}
static void set_days(void *p, int v)
{
	*(uint8_t *)p = (uint8_t)v;
}
static int get_day(const void *p)
{
	return *(const cal_day *)p;
}
static void set_day(void *p, int v)
{
	*(cal_day *)p = v;
}

/* Whether a value is given: a text, a range, not the default. */
static bool text_present(const struct rx_exercise *e, const struct rx_field *f)
{
	return rx_field_text(e, f) != NULL;
}
static bool range_present(const struct rx_exercise *e, const struct rx_field *f)
{
	return rx_field_range(e, f).lo > (f->zero ? -1 : 0);
}
static bool int_present(const struct rx_exercise *e, const struct rx_field *f)
{
	return rx_field_int(e, f) != f->def;
}
static bool freq_present(const struct rx_exercise *e, const struct rx_field *f)
{
	return int_present(e, f) || ((const int *)cslot(e, f))[1] > 0;
}
static bool date_present(const struct rx_exercise *e, const struct rx_field *f)
{
	return rx_field_int(e, f) != CAL_NONE;
}
static bool side_present(const struct rx_exercise *e, const struct rx_field *f)
{
	return rx_field_int(e, f) != RX_SIDE_NONE;
}
static bool days_present(const struct rx_exercise *e, const struct rx_field *f)
{
	return rx_field_int(e, f) != RX_ALL_DAYS;
}

/* What leaving a field out of the file means. */
static void text_default(struct rx_exercise *e, const struct rx_field *f)
{
	rx_field_set_text(e, f, NULL);
}
static void range_default(struct rx_exercise *e, const struct rx_field *f)
{
	int none = f->zero ? -1 : f->def;
	rx_field_set_range(e, f, (struct rx_range){none, none});
}
static void int_default(struct rx_exercise *e, const struct rx_field *f)
{
	rx_field_set_int(e, f, f->def);
}
static void freq_default(struct rx_exercise *e, const struct rx_field *f)
{
	rx_field_set_range(e, f, (struct rx_range){f->def, f->def});
}
static void date_default(struct rx_exercise *e, const struct rx_field *f)
{
	rx_field_set_int(e, f, CAL_NONE);
}

/* Whether a field is the same in two versions. */
static bool text_equal(const struct rx_exercise *a, const struct rx_exercise *b,
                       const struct rx_field *f)
{
	return str_equal(rx_field_text(a, f), rx_field_text(b, f));
}
static bool range_equal(const struct rx_exercise *a,
                        const struct rx_exercise *b, const struct rx_field *f)
{
	struct rx_range x = rx_field_range(a, f);
	struct rx_range y = rx_field_range(b, f);
	/* One value may be written {v, v} or {v, 0}. */
	return x.lo == y.lo &&
	       (x.hi > x.lo ? x.hi : x.lo) == (y.hi > y.lo ? y.hi : y.lo);
}
static bool int_equal(const struct rx_exercise *a, const struct rx_exercise *b,
                      const struct rx_field *f)
{
	return rx_field_int(a, f) == rx_field_int(b, f);
}

/* A field as the diff says it (given: the caller has seen it present). */
static void text_format(const struct rx_exercise *e, const struct rx_field *f,
                        char *buf, size_t size)
{
	strfmt(buf, size, "%s", rx_field_text(e, f));
}
static void labels_format(const struct rx_exercise *e, const struct rx_field *f,
                          char *buf, size_t size)
{
	strfmt(buf, size, "%s", rx_field_text(e, f));
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ',';
}
static void int_format(const struct rx_exercise *e, const struct rx_field *f,
                       char *buf, size_t size)
{
	strfmt(buf, size, "%d", rx_field_int(e, f));
}
static void flag_format(const struct rx_exercise *e, const struct rx_field *f,
                        char *buf, size_t size)
{
	strfmt(buf, size, "%s", rx_field_int(e, f) ? "true" : "");
}
static void range_format(const struct rx_exercise *e, const struct rx_field *f,
                         char *buf, size_t size)
{
	rx_range_text(rx_field_range(e, f), f->type == RX_TIME, true, buf,
	              size);
}
static void side_format(const struct rx_exercise *e, const struct rx_field *f,
                        char *buf, size_t size)
{
	const char *t = rx_side_name((enum rx_side)rx_field_int(e, f));
	strfmt(buf, size, "%s", t ? t : "");
}
static void days_format(const struct rx_exercise *e, const struct rx_field *f,
                        char *buf, size_t size)
{
	int days = rx_field_int(e, f);
	buf[0] = '\0';
	if (days == RX_ALL_DAYS)
		return;
	for (int w = 0; w < 7; w++)
		if (days & (1 << w))
			strfmt(buf + strlen(buf), size - strlen(buf), "%s%s",
			       buf[0] ? "," : "",
			       cal_weekday_id((enum cal_weekday)w));
}
static void date_format(const struct rx_exercise *e, const struct rx_field *f,
                        char *buf, size_t size)
{
	(void)size; /* CAL_DATE_LEN: every buffer of the diff holds one */
	cal_format(rx_field_int(e, f), buf);
}

/* A field as a JSON value (a back-up, today --json). */
static void text_json(FILE *out, const struct rx_exercise *e,
                      const struct rx_field *f)
{
	json_string(out, rx_field_text(e, f));
}
static void labels_json(FILE *out, const struct rx_exercise *e,
                        const struct rx_field *f)
{
	json_lines(out, rx_field_text(e, f));
}
static void int_json(FILE *out, const struct rx_exercise *e,
                     const struct rx_field *f)
{
	int v = rx_field_int(e, f);
	json_int(out, v, f->needed || v != f->def);
}
static void flag_json(FILE *out, const struct rx_exercise *e,
                      const struct rx_field *f)
{
	fputs(rx_field_int(e, f) ? "true" : "false", out);
}
static void range_json(FILE *out, const struct rx_exercise *e,
                       const struct rx_field *f)
{
	struct rx_range r = rx_field_range(e, f);
	if (!f->zero || r.lo < 0)
		json_range(out, f->zero ? 0 : r.lo, r.hi);
	else if (r.hi > r.lo) /* 0 is a value here, json_range's none */
		fprintf(out, "[%d, %d]", r.lo, r.hi);
	else
		fprintf(out, "%d", r.lo);
}
static void side_json(FILE *out, const struct rx_exercise *e,
                      const struct rx_field *f)
{
	json_string(out, rx_side_name((enum rx_side)rx_field_int(e, f)));
}
static void days_json(FILE *out, const struct rx_exercise *e,
                      const struct rx_field *f)
{
	int v = rx_field_int(e, f);
	fputc('[', out);
	for (int w = 0, first = 1; w < 7; w++) {
		if (v & (1 << w)) {
			fprintf(out, "%s\"%s\"", first ? "" : ", ",
			        cal_weekday_id((enum cal_weekday)w));
			first = 0;
		}
	}
	fputc(']', out);
}
static void date_json(FILE *out, const struct rx_exercise *e,
                      const struct rx_field *f)
{
	char d[CAL_DATE_LEN];
	int v = rx_field_int(e, f);
	json_string(out, v == CAL_NONE ? NULL : cal_format(v, d));
}

/*
 * One row of operations a type (enum rx_type): how its value is held and
 * reached, whether it is given, its default, equality, the diff's text
 * and its JSON. The readers and the store keep their own rows, each one
 * table indexed by type (rx_file.c, rx_json.c, store_rx.c).
 */
struct rx_codec {
	enum { HOLDS_INT, HOLDS_TEXT, HOLDS_RANGE } holds;
	int (*get)(const void *p); /* HOLDS_INT: the value as an int */
	void (*set)(void *p, int v);
	bool (*present)(const struct rx_exercise *, const struct rx_field *);
	void (*clear)(struct rx_exercise *, const struct rx_field *);
	bool (*equal)(const struct rx_exercise *, const struct rx_exercise *,
	              const struct rx_field *);
	void (*format)(const struct rx_exercise *, const struct rx_field *,
	               char *, size_t);
	bool format_default; /* a needed one shows at its default too */
	void (*json)(FILE *, const struct rx_exercise *,
	             const struct rx_field *);
};

/* clang-format off */
static const struct rx_codec codecs[RX_TYPES] = {
    [RX_TEXT] = {HOLDS_TEXT, NULL, NULL, text_present, text_default, text_equal, text_format, false, text_json},
    [RX_INT] = {HOLDS_INT, get_int, set_int, int_present, int_default, int_equal, int_format, true, int_json},
    [RX_FLAG] = {HOLDS_INT, get_int, set_int, int_present, int_default, int_equal, flag_format, false, flag_json},
    [RX_COUNT] = {HOLDS_RANGE, NULL, NULL, range_present, range_default, range_equal, range_format, false, range_json},
    [RX_TIME] = {HOLDS_RANGE, NULL, NULL, range_present, range_default, range_equal, range_format, false, range_json},
    [RX_SIDE] = {HOLDS_INT, get_side, set_side, side_present, int_default, int_equal, side_format, false, side_json},
    [RX_DAYS] = {HOLDS_INT, get_days, set_days, days_present, int_default, int_equal, days_format, false, days_json},
    [RX_DATE] = {HOLDS_INT, get_day, set_day, date_present, date_default, int_equal, date_format, false, date_json},
    [RX_LABELS] = {HOLDS_TEXT, NULL, NULL, text_present, text_default, text_equal, labels_format, false, labels_json},
    [RX_TEMPO] = {HOLDS_TEXT, NULL, NULL, text_present, text_default, text_equal, text_format, false, text_json},
    [RX_FREQ] = {HOLDS_INT, get_int, set_int, freq_present, freq_default, range_equal, range_format, true, range_json},
};
/* clang-format on */

bool rx_type_is_text(enum rx_type t)
{
	return codecs[t].holds == HOLDS_TEXT;
}

bool rx_type_is_range(enum rx_type t)
{
	return codecs[t].holds == HOLDS_RANGE;
}

int rx_field_int(const struct rx_exercise *e, const struct rx_field *f)
{
	const struct rx_codec *c = &codecs[f->type];
	return c->get ? c->get(cslot(e, f)) : 0;
}

const char *rx_field_text(const struct rx_exercise *e, const struct rx_field *f)
{
	if (!rx_type_is_text(f->type))
		return NULL;
	return *(char *const *)cslot(e, f);
}

struct rx_range rx_field_range(const struct rx_exercise *e,
                               const struct rx_field *f)
{
	if (f->type == RX_FREQ) {
		const int *v = cslot(e, f);
		return (struct rx_range){(int16_t)v[0],
		                         (int16_t)(v[1] > v[0] ? v[1] : v[0])};
	}
	if (!rx_type_is_range(f->type))
		return (struct rx_range){0, 0};
	return *(const struct rx_range *)cslot(e, f);
}

void rx_field_set_int(struct rx_exercise *e, const struct rx_field *f, int v)
{
	const struct rx_codec *c = &codecs[f->type];
	if (c->set)
		c->set(slot(e, f), v);
}

void rx_field_set_text(struct rx_exercise *e, const struct rx_field *f,
                       const char *v)
{
	if (!rx_type_is_text(f->type))
		return;
	char **p = slot(e, f);
	free(*p);
	*p = v ? xstrdup(v) : NULL;
}

void rx_field_set_range(struct rx_exercise *e, const struct rx_field *f,
                        struct rx_range v)
{
	if (f->type == RX_FREQ) {
		int *p = slot(e, f);
		p[0] = v.lo;
		p[1] = v.hi > v.lo ? v.hi : 0;
	} else if (rx_type_is_range(f->type)) {
		*(struct rx_range *)slot(e, f) = v;
	}
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
	return codecs[f->type].present(e, f);
}

void rx_field_default(struct rx_exercise *e, const struct rx_field *f)
{
	codecs[f->type].clear(e, f);
}

bool rx_field_equal(const struct rx_exercise *a, const struct rx_exercise *b,
                    const struct rx_field *f)
{
	return codecs[f->type].equal(a, b, f);
}

void rx_field_format(const struct rx_exercise *e, const struct rx_field *f,
                     char *buf, size_t size)
{
	const struct rx_codec *c = &codecs[f->type];
	buf[0] = '\0';
	if (c->present(e, f) || (f->needed && c->format_default))
		c->format(e, f, buf, size);
}

void rx_field_json(FILE *out, const struct rx_exercise *e,
                   const struct rx_field *f)
{
	codecs[f->type].json(out, e, f);
}

/* An exercise with every field at its default: what the file leaves out. */
void rx_set_defaults(struct rx_exercise *e)
{
	for (size_t i = 0; i < RX_FIELDS; i++)
		rx_field_default(e, &rx_fields[i]);
	e->step_from = CAL_NONE;
	e->when = (struct rx_when){0, -1, -1, CAL_NONE, NULL};
	e->advance = RX_ADVANCE_NONE;
	e->back_off_pain = -1;
	e->back_off_sessions = 0;
	e->step_set = -1;
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
	free(e->when.not_before_label);
	e->steps = NULL;
	e->n_steps = 0;
	e->step_label = NULL;
	e->when.not_before_label = NULL;
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
	dst->when.not_before_label = src->when.not_before_label
	                                 ? xstrdup(src->when.not_before_label)
	                                 : NULL;
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

/* Whether two steps are earned by the same criteria (neither earned:
 * yes, whatever else they hold). */
static bool when_equal(const struct rx_when *a, const struct rx_when *b)
{
	if (!a->sessions && !b->sessions)
		return true;
	return a->sessions == b->sessions &&
	       a->pain_at_most == b->pain_at_most &&
	       a->effort_at_most == b->effort_at_most &&
	       a->not_before == b->not_before;
}

char *rx_step_start(const struct rx_exercise *v, bool ascii, char *buf,
                    size_t size)
{
	char d[CAL_DATE_LEN];
	if (v->when.sessions > 0)
		return rx_when_text(&v->when, ascii, buf, size);
	strfmt(buf, size, "%s",
	       v->step_from == CAL_NONE ? "" : cal_format(v->step_from, d));
	return buf;
}

/* One version against another: every field, and what earns a step (a
 * step's written from and not_before are for display only). */
static bool version_equal(const struct rx_exercise *a,
                          const struct rx_exercise *b)
{
	for (size_t i = 0; i < RX_FIELDS; i++)
		if (!rx_field_equal(a, b, &rx_fields[i]))
			return false;
	return when_equal(&a->when, &b->when) && a->advance == b->advance &&
	       a->back_off_pain == b->back_off_pain &&
	       a->back_off_sessions == b->back_off_sessions &&
	       a->step_set == b->step_set;
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
	for (size_t k = 0;
	     k < e->n_steps && e->steps[k].step_from != CAL_NONE &&
	     e->steps[k].step_from <= day;
	     k++)
		v = &e->steps[k];
	return v;
}

bool rx_earned(const struct rx_exercise *e)
{
	return e->n_steps > 0 && e->steps[0].when.sessions > 0;
}

const struct rx_exercise *rx_step(const struct rx_exercise *e, int k)
{
	if (k <= 0 || e->n_steps == 0)
		return e;
	return &e->steps[(size_t)k > e->n_steps ? e->n_steps - 1
	                                        : (size_t)k - 1];
}

static const char *const advance_names[] = {
    [RX_ADVANCE_NONE] = "",
    [RX_ADVANCE_ASK] = "ask",
    [RX_ADVANCE_AUTO] = "auto",
    [RX_ADVANCE_THERAPIST] = "therapist",
};

const char *rx_advance_name(enum rx_advance a)
{
	return advance_names[a];
}

bool rx_advance_parse(const char *s, enum rx_advance *out)
{
	for (int a = RX_ADVANCE_ASK; a <= RX_ADVANCE_THERAPIST; a++)
		if (strcmp(s, advance_names[a]) == 0) {
			*out = (enum rx_advance)a;
			return true;
		}
	return false;
}

char *rx_when_text(const struct rx_when *w, bool ascii, char *buf, size_t size)
{
	const char *le = text_glyph(GLYPH_AT_MOST, ascii);
	char pain[24] = "", effort[24] = "", date[40] = "";
	/* "when it is pain-free" (pain_at_most = 0) said as such. */
	if (w->pain_at_most == 0)
		strfmt(pain, sizeof pain, " without pain");
	else if (w->pain_at_most > 0)
		strfmt(pain, sizeof pain, " with pain %s %d", le,
		       w->pain_at_most);
	if (w->effort_at_most >= 0)
		strfmt(effort, sizeof effort, "%s effort %s %d",
		       pain[0] ? " and" : " with", le, w->effort_at_most);
	if (w->not_before != CAL_NONE) {
		char d[CAL_DATE_LEN];
		strfmt(date, sizeof date, ", not before %s",
		       cal_format(w->not_before, d));
	}
	strfmt(buf, size, "%d session%s%s%s%s", w->sessions,
	       w->sessions == 1 ? "" : "s", pain, effort, date);
	return buf;
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

bool rx_slot_minutes(const struct rx_exercise *e, int k, int *minutes)
{
	char label[RX_AT_COLUMNS * 4 + 1];
	return rx_at_label(e, k, label, sizeof label) &&
	       cal_parse_clock(label, minutes);
}

bool rx_timed(const struct rx_exercise *e)
{
	int m;
	return rx_slot_minutes(e, 0, &m);
}

/* Minutes since the logical day began at day_starts. */
static int logical_minute(int minute, int day_starts)
{
	return ((minute - day_starts) % 1440 + 1440) % 1440;
}

int rx_slot_nearest(const struct rx_exercise *e, unsigned taken, int now,
                    int day_starts)
{
	int best = -1, best_d = 0, m;
	int at = logical_minute(now, day_starts);
	for (int k = 0; k < RX_MAX_AT && rx_slot_minutes(e, k, &m); k++) {
		int d = logical_minute(m, day_starts) - at;
		d = d < 0 ? -d : d;
		/* Slots rise: on a tie the earlier one, seen first, stays. */
		if (!(taken & (1u << k)) && (best < 0 || d < best_d)) {
			best = k;
			best_d = d;
		}
	}
	return best;
}

int rx_slot_current(const struct rx_exercise *e, int now, int day_starts)
{
	int cur = -1, m;
	int at = logical_minute(now, day_starts);
	for (int k = 0; k < RX_MAX_AT && rx_slot_minutes(e, k, &m); k++)
		if (logical_minute(m, day_starts) <= at)
			cur = k;
	return cur;
}

int rx_slot_find(const struct rx_exercise *e, const char *label)
{
	char one[RX_AT_COLUMNS * 4 + 1];
	for (int k = 0; rx_at_label(e, k, one, sizeof one); k++)
		if (strcmp(one, label) == 0)
			return k;
	return -1;
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
	const char *dash = text_glyph(GLYPH_DASH, ascii);
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
	const char *times = text_glyph(GLYPH_TIMES, ascii);
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
	if (e->effort.lo >= 0)
		ADD(", effort %s/10",
		    rx_range_text(e->effort, false, ascii, b, sizeof b));
#undef ADD
	return buf;
}

int rx_per_day_welcome(const struct rx_exercise *e)
{
	return e->per_day_max ? e->per_day_max - e->per_day : 0;
}

char *rx_schedule(const struct rx_exercise *e, char *buf, size_t size)
{
	/* A range says its MAX: "3-5/day", "any 3-5 days/week". */
	char pd[16], pw[16];
	strfmt(pd, sizeof pd, "%d", e->per_day);
	if (e->per_day_max)
		strpart(pd, sizeof pd, "-", "%d", e->per_day_max);
	strfmt(pw, sizeof pw, "%d", e->per_week);
	if (e->per_week_max)
		strpart(pw, sizeof pw, "-", "%d", e->per_week_max);
	if (e->as_needed)
		strfmt(buf, size, "as needed, up to %d/day", e->per_day);
	else if (e->per_week) {
		/* Any N days: not to be read as the fixed days below. */
		strfmt(buf, size, "any %s day%s/week", pw,
		       e->per_week == 1 && !e->per_week_max ? "" : "s");
		if (e->per_day > 1 || e->per_day_max)
			strpart(buf, size, ", ", "%s/day", pd);
	} else if (e->every)
		strfmt(buf, size, "every %d days, %s/day", e->every, pd);
	else if (e->days != RX_ALL_DAYS) {
		strfmt(buf, size, "on ");
		for (int w = 0, k = 0; w < 7; w++)
			if (e->days & (1u << w))
				strfmt(buf + strlen(buf), size - strlen(buf),
				       "%s%s", k++ ? " " : "",
				       cal_weekday_name((enum cal_weekday)w));
		strpart(buf, size, ", ", "%s/day", pd);
	} else
		strfmt(buf, size, "%s/day", pd);
	return buf;
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
		c->own = pa ? NULL : f;
		rx_field_format(a, f, c->before, sizeof c->before);
		rx_field_format(b, f, c->after, sizeof c->after);
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

/* The exercise's keys for its earned steps that differ (advance,
 * back_off, step) into out; returns how many (at most 3). */
static size_t diff_earned(const struct rx_exercise *a,
                          const struct rx_exercise *b, struct rx_change *out)
{
	size_t n = 0;
	struct rx_change *c;
	if (a->advance != b->advance) {
		c = &out[n++];
		*c = (struct rx_change){.own = NULL};
		strfmt(c->field, sizeof c->field, "advance");
		strfmt(c->before, sizeof c->before, "%s",
		       rx_advance_name(a->advance));
		strfmt(c->after, sizeof c->after, "%s",
		       rx_advance_name(b->advance));
	}
	if (a->back_off_pain != b->back_off_pain ||
	    a->back_off_sessions != b->back_off_sessions) {
		c = &out[n++];
		*c = (struct rx_change){.own = NULL};
		strfmt(c->field, sizeof c->field, "back_off");
		if (a->back_off_sessions)
			strfmt(c->before, sizeof c->before,
			       "pain above %d in %d sessions", a->back_off_pain,
			       a->back_off_sessions);
		if (b->back_off_sessions)
			strfmt(c->after, sizeof c->after,
			       "pain above %d in %d sessions", b->back_off_pain,
			       b->back_off_sessions);
	}
	if (a->step_set != b->step_set) {
		c = &out[n++];
		*c = (struct rx_change){.own = NULL};
		strfmt(c->field, sizeof c->field, "step");
		if (a->step_set >= 0)
			strfmt(c->before, sizeof c->before, "%d", a->step_set);
		if (b->step_set >= 0)
			strfmt(c->after, sizeof c->after, "%d", b->step_set);
	}
	return n;
}

size_t rx_diff(const struct rx_exercise *a, const struct rx_exercise *b,
               struct rx_change out[RX_DIFF_MAX])
{
	size_t n = diff_version(a, b, NULL, NULL, "", out);
	n += diff_earned(a, b, out + n);
	size_t steps = a->n_steps > b->n_steps ? a->n_steps : b->n_steps;
	for (size_t k = 0; k < steps; k++) {
		const struct rx_exercise *x =
		    k < a->n_steps ? &a->steps[k] : NULL;
		const struct rx_exercise *y =
		    k < b->n_steps ? &b->steps[k] : NULL;
		char prefix[16];
		strfmt(prefix, sizeof prefix, "step %zu ", k + 1);
		if (!x || !y || x->step_from != y->step_from ||
		    !when_equal(&x->when, &y->when)) {
			struct rx_change *c = &out[n++];
			bool earned =
			    (x && x->when.sessions) || (y && y->when.sessions);
			strfmt(c->field, sizeof c->field, "step %zu %s", k + 1,
			       earned ? "when" : "from");
			c->own = NULL;
			c->before[0] = c->after[0] = '\0';
			if (x)
				rx_step_start(x, false, c->before,
				              sizeof c->before);
			if (y)
				rx_step_start(y, false, c->after,
				              sizeof c->after);
		}
		if (x && y)
			n += diff_version(x, y, k ? x - 1 : a, k ? y - 1 : b,
			                  prefix, out + n);
	}
	return n;
}
