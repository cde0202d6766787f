#include "hep/rx_json.h"

#include <stdlib.h>
#include <string.h>

#include "hep/text.h"
#include "hep/util.h"

/* A value's JSON type in the words of the file's messages. */
static const char *type_name(const struct json_value *v)
{
	switch (v->type) {
	case JSON_NULL:
		return "null";
	case JSON_BOOL:
		return "true or false";
	case JSON_NUMBER:
		return v->integer ? "a whole number" : "a decimal number";
	case JSON_STRING:
		return "a string";
	case JSON_ARRAY:
		return "an array";
	default:
		return "an object";
	}
}

static bool is_null(const struct json_value *v)
{
	return !v || v->type == JSON_NULL;
}

/* v as checked text (rx_check_text) of key, or NULL (said). */
static const char *text_of(struct rx_report *r, const struct json_value *v,
                           const char *key, bool multiline)
{
	if (v->type != JSON_STRING) {
		rx_say_type(r, v->line, key, "a string", type_name(v));
		return NULL;
	}
	return rx_check_text(r, v->line, key, v->str, multiline) ? v->str
	                                                         : NULL;
}

/* The elements of array v as the shared rules take them (the caller
 * frees the array; the texts are v's). */
static struct rx_item *items_of(const struct json_value *v)
{
	struct rx_item *items = xcalloc(v->n + 1, sizeof *items);
	for (size_t i = 0; i < v->n; i++) {
		const struct json_value *x = &v->items[i];
		items[i].text = x->type == JSON_STRING ? x->str : NULL;
		items[i].type = type_name(x);
		items[i].line = x->line;
	}
	return items;
}

/* Says each key of object o that is none of known (NULL-ended) nor, with
 * fields, an exercise's field (a key given twice the JSON reader refuses
 * already). */
static void check_keys(struct rx_report *r, const struct json_value *o,
                       const char *const *known, bool fields, const char *where)
{
	for (size_t i = 0; i < o->n; i++) {
		const char *k = o->keys[i];
		char shown[64];
		bool ok = fields && rx_field_named(k);
		for (const char *const *p = known; !ok && *p; p++)
			ok = strcmp(*p, k) == 0;
		text_escape(k, true, shown, sizeof shown);
		if (!ok)
			rx_say(r, o->items[i].line, "unknown key \"%s\"%s",
			       shown, where);
	}
}

/* What struct rx_group asks of a back-up's object: a key is given when
 * its value is not null (a flag when true, days when not every day). */
struct jgroup {
	const struct json_value *o;
	const struct rx_exercise *e; /* the version read from o, or NULL */
};

static bool json_given(const void *group, const char *key, int *line)
{
	const struct jgroup *g = group;
	const struct json_value *v = json_get(g->o, key);
	const struct rx_field *f = rx_field_named(key);
	if (is_null(v) ||
	    (f && g->e && (f->type == RX_FLAG || f->type == RX_DAYS) &&
	     !rx_field_present(g->e, f)))
		return false;
	*line = v->line;
	return true;
}

/* ---- an exercise's fields ------------------------------------------------ */

/* One value or bound of count or time f: a whole number (seconds). */
static bool read_bound(struct rx_report *r, const struct json_value *v,
                       const struct rx_field *f, int *out)
{
	if (v->type != JSON_NUMBER || !v->integer) {
		char form[160];
		rx_say_type(r, v->line, f->name,
		            f->type == RX_TIME
		                ? "seconds, a whole number"
		                : rx_form(f, false, form, sizeof form),
		            type_name(v));
		return false;
	}
	if (!rx_check_bound(r, v->line, f, v->i))
		return false;
	*out = (int)v->i;
	return true;
}

/* A count or a time: one value, or [MIN, MAX] with MIN below MAX. */
static bool read_range(struct rx_report *r, const struct json_value *v,
                       const struct rx_field *f, struct rx_range *out)
{
	int lo, hi; /* in f's bounds once read: they fit int16_t */
	if (v->type != JSON_ARRAY) {
		if (!read_bound(r, v, f, &lo))
			return false;
		out->lo = out->hi = (int16_t)lo;
		return true;
	}
	const struct json_value *a = v->n == 2 ? &v->items[0] : v;
	const struct json_value *b = v->n == 2 ? &v->items[1] : v;
	if (!rx_check_range_form(r, v->line, f, v->n,
	                         a->type == b->type &&
	                             a->integer == b->integer) ||
	    !read_bound(r, a, f, &lo) || !read_bound(r, b, f, &hi))
		return false;
	struct rx_range x = {(int16_t)lo, (int16_t)hi};
	if (!rx_check_range(r, v->line, f, x))
		return false;
	*out = x;
	return true;
}

/* A list of texts of key (days, at) as items, or NULL (said). */
static struct rx_item *list_of(struct rx_report *r, const struct json_value *v,
                               const char *key, const char *want)
{
	if (v->type != JSON_ARRAY) {
		rx_say_type(r, v->line, key, want, type_name(v));
		return NULL;
	}
	return items_of(v);
}

/* Value v of field f into e by f's type and its rules, one function a
 * type (readers[]); what is wrong is said. */
static void read_int(struct rx_report *r, const struct json_value *v,
                     const struct rx_field *f, struct rx_exercise *e)
{
	char form[160];
	if (v->type != JSON_NUMBER || !v->integer)
		rx_say_type(r, v->line, f->name,
		            rx_form(f, false, form, sizeof form), type_name(v));
	else if (rx_check_int(r, v->line, f->name, v->i, f->min, f->max))
		rx_field_set_int(e, f, (int)v->i);
}

static void read_flag(struct rx_report *r, const struct json_value *v,
                      const struct rx_field *f, struct rx_exercise *e)
{
	if (v->type != JSON_BOOL)
		rx_say_type(r, v->line, f->name, "true or false", type_name(v));
	else
		rx_field_set_int(e, f, v->b);
}

static void read_range_field(struct rx_report *r, const struct json_value *v,
                             const struct rx_field *f, struct rx_exercise *e)
{
	struct rx_range x;
	if (read_range(r, v, f, &x))
		rx_field_set_range(e, f, x);
}

static void read_side(struct rx_report *r, const struct json_value *v,
                      const struct rx_field *f, struct rx_exercise *e)
{
	enum rx_side side;
	const char *t = text_of(r, v, f->name, false);
	if (t && rx_check_side(r, v->line, t, &side))
		rx_field_set_int(e, f, (int)side);
}

static void read_days(struct rx_report *r, const struct json_value *v,
                      const struct rx_field *f, struct rx_exercise *e)
{
	char form[160];
	struct rx_item *items =
	    list_of(r, v, f->name, rx_form(f, false, form, sizeof form));
	if (items) {
		uint8_t days = RX_ALL_DAYS;
		rx_check_days(r, v->line, items, v->n, &days);
		rx_field_set_int(e, f, days);
		free(items);
	}
}

static void read_date(struct rx_report *r, const struct json_value *v,
                      const struct rx_field *f, struct rx_exercise *e)
{
	cal_day d;
	const char *t = text_of(r, v, f->name, false);
	if (t && rx_check_date(r, v->line, f->name, t, false, &d))
		rx_field_set_int(e, f, d);
}

static void read_labels(struct rx_report *r, const struct json_value *v,
                        const struct rx_field *f, struct rx_exercise *e)
{
	char form[160];
	struct rx_item *items =
	    list_of(r, v, f->name, rx_form(f, false, form, sizeof form));
	if (items) {
		char *joined = rx_check_labels(r, v->line, items, v->n);
		rx_field_set_text(e, f, joined);
		free(joined);
		free(items);
	}
}

static void read_tempo(struct rx_report *r, const struct json_value *v,
                       const struct rx_field *f, struct rx_exercise *e)
{
	char norm[16];
	const char *t = text_of(r, v, f->name, false);
	if (t && rx_check_tempo(r, v->line, t, norm) &&
	    rx_check_written(r, v->line, f->name, t, norm))
		rx_field_set_text(e, f, t);
}

static void read_text(struct rx_report *r, const struct json_value *v,
                      const struct rx_field *f, struct rx_exercise *e)
{
	const char *t = text_of(r, v, f->name, f->multiline);
	if (t) {
		rx_check_text_field(r, v->line, f, t);
		rx_field_set_text(e, f, t);
	}
}

/* A back-up's reader of each type (enum rx_type). */
static void (*const readers[RX_TYPES])(struct rx_report *,
                                       const struct json_value *,
                                       const struct rx_field *,
                                       struct rx_exercise *) = {
    [RX_TEXT] = read_text,        [RX_INT] = read_int,
    [RX_FLAG] = read_flag,        [RX_COUNT] = read_range_field,
    [RX_TIME] = read_range_field, [RX_SIDE] = read_side,
    [RX_DAYS] = read_days,        [RX_DATE] = read_date,
    [RX_LABELS] = read_labels,    [RX_TEMPO] = read_tempo,
    [RX_FREQ] = read_range_field,
};

/*
 * One version of an exercise (object o, already known to be one): its id
 * and every field, each by its rules, then the keys it may not hold
 * together and at against per_day. what names it in messages ("exercise
 * 2", "step 1 of exercise 2").
 */
static void read_version(struct rx_report *r, const struct json_value *o,
                         struct rx_exercise *e, bool step, const char *what)
{
	static const char *const exercise_keys[] = {
	    "id", "steps", "advance", "back_off", "step", NULL};
	static const char *const step_keys[] = {"id", "step_from", "step_label",
	                                        "when", NULL};
	char where[80];
	strfmt(where, sizeof where, " in %s", what);
	check_keys(r, o, step ? step_keys : exercise_keys, true, where);
	const struct json_value *v = json_get(o, "id");
	const char *t;
	if (is_null(v))
		rx_say(r, o->line, "%s needs an 'id'", what);
	else if ((t = text_of(r, v, "id", false)) && rx_check_id(r, v->line, t))
		strfmt(e->id, sizeof e->id, "%s", t);
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		rx_field_default(e, f);
		v = json_get(o, f->name);
		if (!is_null(v))
			readers[f->type](r, v, f, e);
		else if (f->needed)
			rx_say(r, o->line, "%s needs a '%s'", what, f->name);
	}
	struct jgroup jg = {o, e};
	struct rx_group g = {json_given, &jg};
	rx_check_excludes(r, &g);
	rx_check_at(r, &g, e);
}

/* ---- earned steps (SPEC 2.2) --------------------------------------------- */

/* A whole number of key in lo..hi into *out, when v is not null. */
static void int_of(struct rx_report *r, const struct json_value *v,
                   const char *key, int lo, int hi, int *out)
{
	if (is_null(v))
		return;
	if (v->type != JSON_NUMBER || !v->integer)
		rx_say_type(r, v->line, key, "a whole number", type_name(v));
	else if (rx_check_int(r, v->line, key, v->i, lo, hi))
		*out = (int)v->i;
}

/* Step n's "when" (object w) into v->when, as the file's `when`. */
static void read_when(struct rx_report *r, const struct json_value *w,
                      const struct rx_exercise *e, struct rx_exercise *v, int n)
{
	static const char *const keys[] = {"sessions",         "effort_at_most",
	                                   "pain_at_most",     "not_before",
	                                   "not_before_label", NULL};
	if (w->type != JSON_OBJECT) {
		rx_say_type(r, w->line, "when", "an object", type_name(w));
		return;
	}
	char where[48];
	strfmt(where, sizeof where, " in 'when' of step %d", n);
	check_keys(r, w, keys, false, where);
	v->when.sessions = 1; /* earned, its count wrong or not */
	const struct json_value *x = json_get(w, "sessions");
	if (is_null(x))
		rx_say(r, w->line,
		       "'when' of step %d needs 'sessions' (1 to %d)", n,
		       RX_EARNED_SESSIONS);
	int_of(r, x, "sessions", 1, RX_EARNED_SESSIONS, &v->when.sessions);
	int_of(r, json_get(w, "pain_at_most"), "pain_at_most", 0, 10,
	       &v->when.pain_at_most);
	int_of(r, json_get(w, "effort_at_most"), "effort_at_most", 0, 10,
	       &v->when.effort_at_most);
	const char *t;
	x = json_get(w, "not_before");
	if (!is_null(x) && (t = text_of(r, x, "not_before", false)) &&
	    rx_check_date(r, x->line, "not_before", t, false,
	                  &v->when.not_before))
		rx_check_not_before(r, x->line, n, e, v->when.not_before);
	x = json_get(w, "not_before_label");
	if (!is_null(x) && (t = text_of(r, x, "not_before_label", false)) &&
	    rx_check_step_label(r, x->line, n, t, v->when.not_before))
		v->when.not_before_label = xstrdup(t);
}

/* An exercise's keys for its earned steps (object o): advance, back_off
 * and step, as the file's; its steps carry the same. */
static void read_earned(struct rx_report *r, const struct json_value *o,
                        struct rx_exercise *e)
{
	const struct json_value *v = json_get(o, "advance");
	const char *t;
	if (!is_null(v) && (t = text_of(r, v, "advance", false)) &&
	    !rx_advance_parse(t, &e->advance))
		rx_say(r, v->line,
		       "'advance' must be \"ask\", \"auto\" or \"therapist\", "
		       "not \"%s\"",
		       t);
	if (!is_null(v = json_get(o, "back_off"))) {
		static const char *const keys[] = {"pain_above", "sessions",
		                                   NULL};
		if (v->type != JSON_OBJECT) {
			rx_say_type(r, v->line, "back_off", "an object",
			            type_name(v));
		} else {
			check_keys(r, v, keys, false, " in 'back_off'");
			int_of(r, json_get(v, "pain_above"), "pain_above", 0, 9,
			       &e->back_off_pain);
			int_of(r, json_get(v, "sessions"), "sessions", 1,
			       RX_EARNED_SESSIONS, &e->back_off_sessions);
			if (is_null(json_get(v, "pain_above")) ||
			    is_null(json_get(v, "sessions")))
				rx_say(r, v->line,
				       "'back_off' needs 'pain_above' (0 to "
				       "9) and 'sessions' (1 to %d)",
				       RX_EARNED_SESSIONS);
		}
	}
	int_of(r, json_get(o, "step"), "step", 0, RX_MAX_STEPS, &e->step_set);
	struct jgroup jg = {o, e};
	struct rx_group g = {json_given, &jg};
	rx_check_earned(r, &g, e);
	if (rx_earned(e) && is_null(json_get(o, "advance")))
		rx_say(r, o->line,
		       "an exercise with earned steps needs its "
		       "'advance'");
	for (size_t k = 0; k < e->n_steps; k++) {
		e->steps[k].advance = e->advance;
		e->steps[k].back_off_pain = e->back_off_pain;
		e->steps[k].back_off_sessions = e->back_off_sessions;
		e->steps[k].step_set = e->step_set;
	}
}

/* Step k of exercise e (its object eo): a whole version, its from after
 * the one before it and inside e's phase, its label, its exercise's id. */
static void read_step(struct rx_report *r, const struct json_value *x,
                      const struct json_value *eo, struct rx_exercise *e,
                      size_t k, size_t index)
{
	struct rx_exercise *v = &e->steps[k];
	const struct rx_exercise *prev = k ? &e->steps[k - 1] : e;
	int n = (int)k + 1;
	char what[64];
	strfmt(what, sizeof what, "step %d of exercise %zu", n, index + 1);
	rx_set_defaults(v);
	v->step = n;
	if (x->type != JSON_OBJECT) {
		rx_say(r, x->line, "%s must be an object", what);
		return;
	}
	read_version(r, x, v, true, what);
	const struct json_value *id = json_get(x, "id");
	if (v->id[0] && e->id[0] && strcmp(v->id, e->id) != 0)
		rx_say(r, id->line,
		       "step %d's 'id' must be its exercise's, \"%s\"", n,
		       e->id);
	const struct json_value *from = json_get(x, "step_from");
	const char *t;
	int fl = 0, ul = 0;
	struct jgroup ejg = {eo, e};
	json_given(&ejg, "from", &fl);
	json_given(&ejg, "until", &ul);
	const struct json_value *when = json_get(x, "when");
	if (!is_null(when)) {
		read_when(r, when, e, v, n);
		if (!is_null(from))
			rx_say(
			    r, from->line,
			    "step %d has both 'step_from' and 'when': a step "
			    "is dated or earned, not both",
			    n);
	}
	if (k > 0)
		rx_check_step_kind(r, (is_null(when) ? x : when)->line, n,
		                   rx_earned(e), !is_null(when));
	if (is_null(from) && is_null(when))
		rx_say(r, x->line, "step %d needs a 'step_from' or a 'when'",
		       n);
	else if (is_null(when) && (t = text_of(r, from, "step_from", false)) &&
	         rx_check_date(r, from->line, "step_from", t, false,
	                       &v->step_from))
		rx_check_step_from(r, n, from->line, fl, ul, e, prev, v);
	const struct json_value *label = json_get(x, "step_label");
	if (!is_null(label) && (t = text_of(r, label, "step_label", false)) &&
	    rx_check_step_label(r, label->line, n, t, v->step_from))
		v->step_label = xstrdup(t);
	struct jgroup jg = {x, v};
	struct rx_group g = {json_given, &jg};
	rx_check_step_version(r, &g, x->line, n, e, v);
	rx_check_anchor(r, &g, v, prev);
}

/* Exercise index of a prescription (value o) into e, with its steps. */
static void read_exercise(struct rx_report *r, const struct json_value *o,
                          struct rx_exercise *e, size_t index)
{
	rx_set_defaults(e);
	if (o->type != JSON_OBJECT) {
		rx_say(r, o->line, "exercise %zu must be an object", index + 1);
		return;
	}
	char what[64];
	strfmt(what, sizeof what, "exercise %zu", index + 1);
	read_version(r, o, e, false, what);
	struct jgroup jg = {o, e};
	struct rx_group g = {json_given, &jg};
	rx_check_anchor(r, &g, e, NULL);
	rx_check_phase(r, &g, e);
	const struct json_value *steps = json_get(o, "steps");
	if (is_null(steps)) {
		read_earned(r, o, e);
		return;
	}
	if (steps->type != JSON_ARRAY) {
		rx_say_type(r, steps->line, "steps", "a list of steps",
		            type_name(steps));
		return;
	}
	if (!rx_check_step_count(r, steps->line, steps->n))
		return;
	e->steps = xcalloc(steps->n, sizeof *e->steps);
	for (size_t k = 0; k < steps->n; k++) {
		read_step(r, &steps->items[k], o, e, k, index);
		e->n_steps++;
	}
	for (size_t k = 0; k < e->n_steps; k++)
		e->steps[k].step_count = (int)e->n_steps;
	e->step_count = (int)e->n_steps;
	read_earned(r, o, e);
}

/* The line of the id of object o, else of o. */
static int id_line(const struct json_value *o)
{
	const struct json_value *id = json_get(o, "id");
	return id ? id->line : o->line;
}

bool rx_json_snapshot(const struct json_value *p, struct rx_report *r,
                      struct rx_snapshot *out)
{
	static const char *const keys[] = {"from", "exercises", "end", NULL};
	size_t before = r->said;
	*out = (struct rx_snapshot){CAL_NONE, NULL, 0, CAL_NONE, CAL_NONE};
	const struct json_value *exs = json_get(p, "exercises");
	const struct json_value *from = json_get(p, "from");
	if (!from || from->type != JSON_STRING ||
	    !cal_parse_date(from->str, &out->from)) {
		rx_say(r, p->line,
		       "a prescription needs \"from\" as YYYY-MM-DD");
		return false;
	}
	if (!exs || exs->type != JSON_ARRAY) {
		rx_say(r, p->line, "a prescription needs its \"exercises\"");
		return false;
	}
	check_keys(r, p, keys, false, " in a prescription");
	/* The program's end (SPEC 2.2): a back-up without it has none. */
	const struct json_value *end = json_get(p, "end");
	if (end && end->type != JSON_NULL &&
	    (end->type != JSON_STRING ||
	     !cal_parse_date(end->str, &out->end))) {
		rx_say(r, end->line,
		       "\"end\" must be a date as YYYY-MM-DD or null");
		return false;
	}
	if (!rx_check_exercise_count(r, exs->line, exs->n))
		return false;
	out->ex = xcalloc(exs->n, sizeof *out->ex);
	int *lines = xcalloc(exs->n, sizeof *lines);
	for (size_t k = 0; k < exs->n; k++) {
		read_exercise(r, &exs->items[k], &out->ex[k], k);
		out->n++;
		lines[k] = id_line(&exs->items[k]);
		rx_check_exercise_new(r, out->ex, k, lines);
	}
	free(lines);
	if (r->said == before)
		return true;
	rx_snapshot_clear(out);
	return false;
}

/* ---- the measures ------------------------------------------------------- */

/* A value of a measure (min, max, goal) as written, into tenths. */
static bool read_tenths(struct rx_report *r, const struct json_value *v,
                        const char *key, int32_t *out)
{
	if (v->type != JSON_NUMBER) {
		rx_say_type(r, v->line, key, "a number", type_name(v));
		return false;
	}
	return rx_check_tenths(r, v->line, key, v->str, strlen(v->str), out);
}

/* Measure index of a version (value o) into m. */
static void read_measure(struct rx_report *r, const struct json_value *o,
                         struct rx_measure *m, size_t index)
{
	m->goal = RX_NO_VALUE;
	if (o->type != JSON_OBJECT) {
		rx_say(r, o->line, "measure %zu must be an object", index + 1);
		return;
	}
	const char *known[RX_MEASURE_KEYS + 2] = {"id"};
	for (int k = 0; k < RX_MEASURE_KEYS; k++)
		known[k + 1] = rx_measure_keys[k];
	char where[64];
	strfmt(where, sizeof where, " in measure %zu", index + 1);
	check_keys(r, o, known, false, where);
	struct jgroup jg = {o, NULL};
	struct rx_group g = {json_given, &jg};
	rx_check_measure_keys(r, &g, o->line, index);

	const struct json_value *v;
	const char *t;
	if (!is_null(v = json_get(o, "id")) &&
	    (t = text_of(r, v, "id", false)) && rx_check_id(r, v->line, t))
		strfmt(m->id, sizeof m->id, "%s", t);
	if (!is_null(v = json_get(o, "name")) &&
	    (t = text_of(r, v, "name", false))) {
		m->name = xstrdup(t);
		rx_check_text_field(r, v->line, rx_field_named("name"), t);
	}
	if (!is_null(v = json_get(o, "unit")) &&
	    (t = text_of(r, v, "unit", false))) {
		m->unit = xstrdup(t);
		rx_check_unit(r, v->line, t);
	}
	const struct json_value *min = json_get(o, "min");
	const struct json_value *max = json_get(o, "max");
	bool have_min = !is_null(min) && read_tenths(r, min, "min", &m->min);
	bool have_max = !is_null(max) && read_tenths(r, max, "max", &m->max);
	bool bounds = have_min && have_max &&
	              rx_check_min_max(r, min->line, max->line, m);
	if (!is_null(v = json_get(o, "every")) &&
	    (t = text_of(r, v, "every", false)))
		rx_check_measure_every(r, v->line, t, true, &m->every);
	int32_t x;
	if (!is_null(v = json_get(o, "goal")) &&
	    read_tenths(r, v, "goal", &x)) {
		m->goal = x;
		rx_check_goal(r, v->line, m, bounds, x);
	}
	if (!is_null(v = json_get(o, "better")) &&
	    (t = text_of(r, v, "better", false)))
		rx_check_better(r, v->line, t, &m->lower_better);
}

bool rx_json_plan(const struct json_value *p, struct rx_report *r,
                  struct rx_outcome_plan *out)
{
	static const char *const keys[] = {"from", "measures", "psfs", NULL};
	size_t before = r->said;
	memset(out, 0, sizeof *out);
	out->stored = CAL_NONE;
	const struct json_value *ms = json_get(p, "measures");
	const struct json_value *ps = json_get(p, "psfs");
	const struct json_value *from = json_get(p, "from");
	if (!from || from->type != JSON_STRING ||
	    !cal_parse_date(from->str, &out->from) || !ms ||
	    ms->type != JSON_ARRAY || !ps || ps->type != JSON_ARRAY) {
		rx_say(r, p->line,
		       "a version of the measures needs \"from\" as "
		       "YYYY-MM-DD, \"measures\" and \"psfs\"");
		return false;
	}
	check_keys(r, p, keys, false, " in a version of the measures");
	if (!rx_check_measure_count(r, ms->line, ms->n))
		return false;
	out->measures = xcalloc(ms->n + 1, sizeof *out->measures);
	int *lines = xcalloc(ms->n + 1, sizeof *lines);
	for (size_t k = 0; k < ms->n; k++) {
		read_measure(r, &ms->items[k], &out->measures[k], k);
		out->n_measures++;
		lines[k] = id_line(&ms->items[k]);
		rx_check_measure_new(r, out->measures, k, lines);
	}
	free(lines);
	/* No activity is none, as a file without 'psfs'. */
	out->psfs = xcalloc(ps->n + 1, sizeof *out->psfs);
	if (ps->n > 0) {
		struct rx_item *items = items_of(ps);
		out->n_psfs =
		    rx_check_psfs(r, ps->line, items, ps->n, out->psfs);
		free(items);
	}
	if (r->said == before)
		return true;
	rx_outcome_plan_clear(out);
	return false;
}
