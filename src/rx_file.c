/* The prescription file's reader: the only user of libconfig. Validates
 * every rule of SPEC section 2 and reports each fault by line. */
#include "hep/prescription.h"

#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hep/rx_check.h"
#include "hep/text.h"
#include "hep/util.h"
#include "rx_impl.h"

/* ---- validation: every rule of SPEC section 2 ------------------------ */

/* Where a "name =" (or "name:") of the file is: see written_number(). */
struct written {
	size_t name, len; /* the name's offset in the text, and its length */
	size_t value;     /* the offset of the value's first character */
	int line;         /* the name's line */
};

struct check {
	const char *file;
	struct rx_errors *errs;
	struct rx_report rep; /* the shared rules' faults, into errs */
	struct rx *rx;
	const char *text; /* the file as libconfig read it, NUL-terminated */
	/* Every "name =" of text in file order, made when first needed. */
	struct written *written;
	size_t n_written;
	bool indexed;
};

/* The shared rules' faults (rx_check) as this file's errors. */
static void say_error(void *arg, int line, const char *msg)
{
	struct check *c = arg;
	rx_add_error(c->errs, c->file, line, "%s", msg);
}

/* A setting's name, or for an array element the array's. */
static const char *setting_name(const config_setting_t *s)
{
	const char *name = config_setting_name(s);
	return name ? name : config_setting_name(config_setting_parent(s));
}

static int line_of(const config_setting_t *s)
{
	return (int)config_setting_source_line(s);
}

static const char *type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP:
		return "a group";
	case CONFIG_TYPE_INT:
		return "a whole number";
	case CONFIG_TYPE_INT64:
		return "a 64-bit number";
	case CONFIG_TYPE_FLOAT:
		return "a decimal number";
	case CONFIG_TYPE_STRING:
		return "a string";
	case CONFIG_TYPE_BOOL:
		return "true or false";
	case CONFIG_TYPE_ARRAY:
		return "an array";
	case CONFIG_TYPE_LIST:
		return "a list";
	default:
		return "nothing";
	}
}

/* "'KEY' must be WANT, not GOT" for setting s: GOT is its type, or the
 * string itself, quoted (SPEC 2.2: "not \"10-15\""). */
static void say_type(struct check *c, const config_setting_t *s,
                     const char *key, const char *want)
{
	int t = config_setting_type(s);
	if (t == CONFIG_TYPE_STRING)
		rx_say(&c->rep, line_of(s), "'%s' must be %s, not \"%s\"", key,
		       want, TEXT_QUOTED(config_setting_get_string(s)));
	else
		rx_say_type(&c->rep, line_of(s), key, want, type_name(t));
}

static bool expect_type(struct check *c, const config_setting_t *s, int type,
                        const char *what)
{
	int t = config_setting_type(s);
	if (t == type || (type == CONFIG_TYPE_ARRAY && t == CONFIG_TYPE_LIST))
		return true;
	say_type(c, s, setting_name(s), what);
	return false;
}

static bool get_int(struct check *c, const config_setting_t *s, int lo, int hi,
                    int *out)
{
	char want[64];
	strfmt(want, sizeof want, "a whole number from %d to %d", lo, hi);
	if (!expect_type(c, s, CONFIG_TYPE_INT, want))
		return false;
	int v = config_setting_get_int(s);
	if (!rx_check_int(&c->rep, line_of(s), setting_name(s), v, lo, hi))
		return false;
	*out = v;
	return true;
}

/*
 * A string as text a patient will read (rx_check_text): escapes such as
 * \xE9 can make invalid UTF-8. v, or NULL when it is wrong.
 */
static const char *check_text(struct check *c, const config_setting_t *s,
                              const char *v, bool multiline)
{
	return rx_check_text(&c->rep, line_of(s), setting_name(s), v, multiline)
	           ? v
	           : NULL;
}

static const char *get_string(struct check *c, const config_setting_t *s,
                              bool multiline)
{
	if (!expect_type(c, s, CONFIG_TYPE_STRING, "a string"))
		return NULL;
	return check_text(c, s, config_setting_get_string(s), multiline);
}

/* The string of setting s of field f as get_string gives it; another
 * type is said with f's form (rx_form). */
static const char *get_field_string(struct check *c, const config_setting_t *s,
                                    const struct rx_field *f)
{
	char form[160];
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		say_type(c, s, setting_name(s),
		         rx_form(f, false, form, sizeof form));
		return NULL;
	}
	return get_string(c, s, f->multiline);
}

static bool get_date(struct check *c, const config_setting_t *s, cal_day *out)
{
	const char *v = get_string(c, s, false);
	return v && rx_check_date(&c->rep, line_of(s), setting_name(s), v,
	                          !config_setting_name(s), out);
}

static void check_unknown(struct check *c, const config_setting_t *group,
                          const char *const *known, const char *where)
{
	int n = config_setting_length(group);
	for (int i = 0; i < n; i++) {
		const config_setting_t *m =
		    config_setting_get_elem(group, (unsigned)i);
		const char *name = config_setting_name(m);
		bool ok = false;
		for (const char *const *k = known; *k; k++)
			ok = ok || strcmp(*k, name) == 0;
		if (!ok)
			rx_add_error(c->errs, c->file, line_of(m),
			             "unknown setting '%s'%s", name, where);
	}
}

static bool get_day(struct check *c, const config_setting_t *s,
                    const struct rx_field *f, cal_day *out,
                    const char **written);

/* program.end: a date, "day N" or "week N" (its last day, as an until
 * reads it), never before the program's start (SPEC 2.2). */
static void check_end(struct check *c, const config_setting_t *s,
                      struct rx_program *prog)
{
	cal_day end;
	/* Read as until is: a last day, in the same forms. */
	if (!get_day(c, s, rx_field_named("until"), &end, NULL))
		return;
	if (prog->start != CAL_NONE && end < prog->start) {
		char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
		cal_format(end, a);
		cal_format(prog->start, b);
		rx_add_error(c->errs, c->file, line_of(s),
		             "'end' (%s) is before the program's start (%s)", a,
		             b);
		return;
	}
	prog->end = end;
}

/* An advance mode, of the program or an exercise (SPEC 2.2). */
static void read_advance(struct check *c, const config_setting_t *s,
                         enum rx_advance *out)
{
	const char *v = get_string(c, s, false);
	if (v && !rx_advance_parse(v, out))
		rx_add_error(c->errs, c->file, line_of(s),
		             "'advance' must be \"ask\", \"auto\" or "
		             "\"therapist\", not \"%s\"",
		             v);
}

static void check_program(struct check *c, const config_setting_t *p)
{
	static const char *const known[] = {
	    "title",       "patient", "therapist",  "start",       "day_starts",
	    "week_starts", "visits",  "pain_limit", "pain_advice", "measures",
	    "psfs",        "end",     "advance",    NULL};
	struct rx_program *prog = &c->rx->program;
	check_unknown(c, p, known, " in 'program'");

	const config_setting_t *s;
	const char *v;
	if (!(s = config_setting_get_member(p, "title")))
		rx_add_error(c->errs, c->file, line_of(p),
		             "'program' needs a 'title'");
	else if ((v = get_string(c, s, false))) {
		if (!*v)
			rx_add_error(c->errs, c->file, line_of(s),
			             "'title' is empty");
		prog->title = xstrdup(v);
	}
	if ((s = config_setting_get_member(p, "patient")) &&
	    (v = get_string(c, s, false)))
		prog->patient = xstrdup(v);
	if ((s = config_setting_get_member(p, "therapist")) &&
	    (v = get_string(c, s, false)))
		prog->therapist = xstrdup(v);
	if ((s = config_setting_get_member(p, "start")))
		get_date(c, s, &prog->start);
	if ((s = config_setting_get_member(p, "end")))
		check_end(c, s, prog);
	if ((s = config_setting_get_member(p, "day_starts")) &&
	    (v = get_string(c, s, false)) &&
	    !cal_parse_clock(v, &prog->day_starts))
		rx_add_error(c->errs, c->file, line_of(s),
		             "'day_starts' must be a time as HH:MM, not \"%s\"",
		             TEXT_QUOTED(v));
	if ((s = config_setting_get_member(p, "week_starts")) &&
	    (v = get_string(c, s, false))) {
		if (strcmp(v, "monday") == 0)
			prog->week_starts = CAL_MON;
		else if (strcmp(v, "sunday") == 0)
			prog->week_starts = CAL_SUN;
		else
			rx_add_error(c->errs, c->file, line_of(s),
			             "'week_starts' must be \"monday\" or "
			             "\"sunday\", not \"%s\"",
			             TEXT_QUOTED(v));
	}
	if ((s = config_setting_get_member(p, "pain_limit")))
		get_int(c, s, 0, 10, &prog->pain_limit);
	if ((s = config_setting_get_member(p, "pain_advice")) &&
	    (v = get_string(c, s, false))) {
		if (!*v)
			rx_add_error(c->errs, c->file, line_of(s),
			             "'pain_advice' is empty");
		prog->pain_advice = xstrdup(v);
	}
	if ((s = config_setting_get_member(p, "advance")))
		read_advance(c, s, &prog->advance);
	if ((s = config_setting_get_member(p, "visits")) &&
	    expect_type(c, s, CONFIG_TYPE_ARRAY,
	                "an array of dates (YYYY-MM-DD)")) {
		int n = config_setting_length(s);
		prog->visits = xcalloc((size_t)n + 1, sizeof *prog->visits);
		for (int i = 0; i < n; i++) {
			config_setting_t *e =
			    config_setting_get_elem(s, (unsigned)i);
			cal_day day;
			if (config_setting_type(e) != CONFIG_TYPE_STRING)
				rx_add_error(c->errs, c->file, line_of(e),
				             "'visits' must hold dates as "
				             "YYYY-MM-DD");
			else if (get_date(c, e, &day))
				prog->visits[prog->n_visits++] = day;
		}
		/* Keep them ascending for "the last visit". */
		for (size_t i = 1; i < prog->n_visits; i++)
			for (size_t k = i;
			     k > 0 && prog->visits[k - 1] > prog->visits[k];
			     k--) {
				cal_day t = prog->visits[k];
				prog->visits[k] = prog->visits[k - 1];
				prog->visits[k - 1] = t;
			}
	}
}

/* The elements of list s as the shared rules take them (the caller
 * frees the array; the texts are s's). */
static struct rx_item *items_of(const config_setting_t *s, size_t *n)
{
	int len = config_setting_length(s);
	*n = len > 0 ? (size_t)len : 0;
	struct rx_item *items = xcalloc(*n + 1, sizeof *items);
	for (size_t i = 0; i < *n; i++) {
		const config_setting_t *x =
		    config_setting_get_elem(s, (unsigned)i);
		int t = config_setting_type(x);
		items[i].text = t == CONFIG_TYPE_STRING
		                    ? config_setting_get_string(x)
		                    : NULL;
		items[i].type = type_name(t);
		items[i].line = line_of(x);
	}
	return items;
}

/*
 * A day of an exercise or a step: "YYYY-MM-DD", or "day N" / "week N"
 * counted from program start (SPEC 2.1; for an until, week N is its last
 * day). *written gets the string as given (borrowed), when wanted.
 */
static bool get_day(struct check *c, const config_setting_t *s,
                    const struct rx_field *f, cal_day *out,
                    const char **written)
{
	const char *v = get_field_string(c, s, f);
	if (!v)
		return false;
	if (written)
		*written = v;
	return rx_check_day(&c->rep, line_of(s), setting_name(s), v,
	                    f->rules & RX_RULE_LAST_DAY, c->rx->program.start,
	                    out);
}

static bool get_bound(struct check *c, const config_setting_t *s,
                      const struct rx_field *f, int *out)
{
	int t = config_setting_type(s);
	int v;
	if (f->type == RX_TIME && t == CONFIG_TYPE_STRING) {
		const char *text = get_string(c, s, false);
		if (!text || !rx_check_time(&c->rep, line_of(s), f, text, &v))
			return false;
	} else if (t == CONFIG_TYPE_INT) {
		v = config_setting_get_int(s);
	} else {
		char form[160];
		say_type(c, s, f->name, rx_form(f, false, form, sizeof form));
		return false;
	}
	if (!rx_check_bound(&c->rep, line_of(s), f, v))
		return false;
	*out = v;
	return true;
}

/* A count or a time: one value, or [MIN, MAX] with MIN below MAX. */
static bool get_range(struct check *c, const config_setting_t *s,
                      const struct rx_field *f, struct rx_range *out)
{
	int t = config_setting_type(s);
	int lo, hi; /* in f's bounds once read: they fit int16_t */
	if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
		if (!get_bound(c, s, f, &lo))
			return false;
		out->lo = out->hi = (int16_t)lo;
		return true;
	}
	int n = config_setting_length(s);
	const config_setting_t *a = n == 2 ? config_setting_get_elem(s, 0) : s;
	const config_setting_t *b = n == 2 ? config_setting_get_elem(s, 1) : s;
	if (!rx_check_range_form(&c->rep, line_of(s), f, (size_t)n,
	                         config_setting_type(a) ==
	                             config_setting_type(b)))
		return false;
	if (!get_bound(c, a, f, &lo) || !get_bound(c, b, f, &hi))
		return false;
	struct rx_range r = {(int16_t)lo, (int16_t)hi};
	if (!rx_check_range(&c->rep, line_of(s), f, r))
		return false;
	*out = r;
	return true;
}

/* Reading setting s as field f into e, one function a type (readers[]);
 * each returns false if s was wrong (reported). */
static bool read_int(struct check *c, const config_setting_t *s,
                     const struct rx_field *f, struct rx_exercise *e)
{
	int n;
	if (!get_int(c, s, f->min, f->max, &n))
		return false;
	rx_field_set_int(e, f, n);
	return true;
}

static bool read_flag(struct check *c, const config_setting_t *s,
                      const struct rx_field *f, struct rx_exercise *e)
{
	if (!expect_type(c, s, CONFIG_TYPE_BOOL, "true or false"))
		return false;
	rx_field_set_int(e, f, config_setting_get_bool(s) ? 1 : 0);
	return true;
}

static bool read_range(struct check *c, const config_setting_t *s,
                       const struct rx_field *f, struct rx_exercise *e)
{
	struct rx_range r;
	if (!get_range(c, s, f, &r))
		return false;
	rx_field_set_range(e, f, r);
	return true;
}

static bool read_side(struct check *c, const config_setting_t *s,
                      const struct rx_field *f, struct rx_exercise *e)
{
	enum rx_side side;
	const char *v = get_field_string(c, s, f);
	if (!v || !rx_check_side(&c->rep, line_of(s), v, &side))
		return false;
	rx_field_set_int(e, f, (int)side);
	return true;
}

/* The elements of array s (items_of), or NULL when s is none (said as
 * "must be want"). */
static struct rx_item *array_of(struct check *c, const config_setting_t *s,
                                const char *want, size_t *n)
{
	if (!expect_type(c, s, CONFIG_TYPE_ARRAY, want))
		return NULL;
	return items_of(s, n);
}

/* A wrong day is said; what is right of the list still stands. */
static bool read_days(struct check *c, const config_setting_t *s,
                      const struct rx_field *f, struct rx_exercise *e)
{
	size_t n;
	char form[160];
	struct rx_item *items =
	    array_of(c, s, rx_form(f, false, form, sizeof form), &n);
	if (!items)
		return true;
	uint8_t days = (uint8_t)rx_field_int(e, f);
	rx_check_days(&c->rep, line_of(s), items, n, &days);
	rx_field_set_int(e, f, days);
	free(items);
	return true;
}

static bool read_date(struct check *c, const config_setting_t *s,
                      const struct rx_field *f, struct rx_exercise *e)
{
	cal_day d;
	if (!get_day(c, s, f, &d, NULL))
		return false;
	rx_field_set_int(e, f, d);
	return true;
}

/* Session labels (rx_check_labels) joined by '\n'. */
static bool read_labels(struct check *c, const config_setting_t *s,
                        const struct rx_field *f, struct rx_exercise *e)
{
	size_t n;
	char form[160];
	struct rx_item *items =
	    array_of(c, s, rx_form(f, false, form, sizeof form), &n);
	if (!items)
		return false;
	char *labels = rx_check_labels(&c->rep, line_of(s), items, n);
	free(items);
	if (!labels)
		return false;
	rx_field_set_text(e, f, labels);
	free(labels);
	return true;
}

static bool read_tempo(struct check *c, const config_setting_t *s,
                       const struct rx_field *f, struct rx_exercise *e)
{
	char norm[16];
	const char *v = get_field_string(c, s, f);
	if (!v || !rx_check_tempo(&c->rep, line_of(s), v, norm))
		return false;
	rx_field_set_text(e, f, norm);
	return true;
}

static bool read_text(struct check *c, const config_setting_t *s,
                      const struct rx_field *f, struct rx_exercise *e)
{
	const char *v = get_field_string(c, s, f);
	if (!v)
		return false;
	rx_field_set_text(e, f, v);
	rx_check_text_field(&c->rep, line_of(s), f, v);
	return true;
}

/* The file's reader of each type (enum rx_type). */
static bool (*const readers[RX_TYPES])(struct check *, const config_setting_t *,
                                       const struct rx_field *,
                                       struct rx_exercise *) = {
    [RX_TEXT] = read_text,   [RX_INT] = read_int,    [RX_FLAG] = read_flag,
    [RX_COUNT] = read_range, [RX_TIME] = read_range, [RX_SIDE] = read_side,
    [RX_DAYS] = read_days,   [RX_DATE] = read_date,  [RX_LABELS] = read_labels,
    [RX_TEMPO] = read_tempo, [RX_FREQ] = read_range,
};

/* Reads setting s as field f into e; false if it was wrong (reported). */
static bool read_field(struct check *c, const config_setting_t *s,
                       const struct rx_field *f, struct rx_exercise *e)
{
	return readers[f->type](c, s, f, e);
}

/* The file's side of struct rx_group: whether group g gives key (a flag
 * only when it is true), its line into *line. */
static bool member_given(const void *g, const char *key, int *line)
{
	const config_setting_t *s = config_setting_get_member(g, key);
	const struct rx_field *f = rx_field_named(key);
	if (!s || (f && f->type == RX_FLAG &&
	           (config_setting_type(s) != CONFIG_TYPE_BOOL ||
	            !config_setting_get_bool(s))))
		return false;
	*line = line_of(s);
	return true;
}

static struct rx_group group_of(const config_setting_t *g)
{
	return (struct rx_group){member_given, g};
}

/* An 'id' (of an exercise or a measure) into out, or its fault. */
static void read_id(struct check *c, const config_setting_t *s, char *out,
                    size_t size)
{
	const char *v = get_string(c, s, false);
	if (v && rx_check_id(&c->rep, line_of(s), v))
		strfmt(out, size, "%s", v);
}

/*
 * An earned step's criteria (SPEC 2.2): `when = { sessions; pain_at_most;
 * effort_at_most; not_before; }` into v->when (none when w is NULL; a
 * version copied from the one before keeps none of its criteria).
 */
static void read_when(struct check *c, const config_setting_t *w,
                      const struct rx_exercise *base, struct rx_exercise *v,
                      int k)
{
	static const char *const known[] = {
	    "sessions", "pain_at_most", "effort_at_most", "not_before", NULL};
	free(v->when.not_before_label);
	v->when = (struct rx_when){0, -1, -1, CAL_NONE, NULL};
	if (!w || !expect_type(c, w, CONFIG_TYPE_GROUP, "a group { ... }"))
		return;
	char where[64];
	strfmt(where, sizeof where, " in 'when' of step %d", k);
	check_unknown(c, w, known, where);
	const config_setting_t *s;
	/* A step that is earned stays earned, its count wrong or not. */
	v->when.sessions = 1;
	if (!(s = config_setting_get_member(w, "sessions")))
		rx_add_error(c->errs, c->file, line_of(w),
		             "'when' of step %d needs 'sessions' (1 to %d)", k,
		             RX_EARNED_SESSIONS);
	else
		get_int(c, s, 1, RX_EARNED_SESSIONS, &v->when.sessions);
	if ((s = config_setting_get_member(w, "pain_at_most")))
		get_int(c, s, 0, 10, &v->when.pain_at_most);
	if ((s = config_setting_get_member(w, "effort_at_most")))
		get_int(c, s, 0, 10, &v->when.effort_at_most);
	const char *written = NULL;
	if ((s = config_setting_get_member(w, "not_before")) &&
	    get_day(c, s, rx_field_named("from"), &v->when.not_before,
	            &written)) {
		v->when.not_before_label = xstrdup(written);
		rx_check_not_before(&c->rep, line_of(s), k, base,
		                    v->when.not_before);
	}
}

/*
 * An exercise's keys for its earned steps (SPEC 2.2): advance (else the
 * program's, else ask), back_off = { pain_above; sessions; } and the
 * therapist's lever step = N; checked once its steps are read.
 */
static void read_earned(struct check *c, const config_setting_t *g,
                        struct rx_exercise *e)
{
	const config_setting_t *s, *b;
	if ((s = config_setting_get_member(g, "advance")))
		read_advance(c, s, &e->advance);
	if ((b = config_setting_get_member(g, "back_off")) &&
	    expect_type(c, b, CONFIG_TYPE_GROUP, "a group { ... }")) {
		static const char *const known[] = {"pain_above", "sessions",
		                                    NULL};
		check_unknown(c, b, known, " in 'back_off'");
		if (!(s = config_setting_get_member(b, "pain_above")))
			rx_add_error(c->errs, c->file, line_of(b),
			             "'back_off' needs 'pain_above' (0 to 9)");
		else
			get_int(c, s, 0, 9, &e->back_off_pain);
		if (!(s = config_setting_get_member(b, "sessions")))
			rx_add_error(c->errs, c->file, line_of(b),
			             "'back_off' needs 'sessions' (1 to %d)",
			             RX_EARNED_SESSIONS);
		else
			get_int(c, s, 1, RX_EARNED_SESSIONS,
			        &e->back_off_sessions);
	}
	if ((s = config_setting_get_member(g, "step")))
		get_int(c, s, 0, RX_MAX_STEPS, &e->step_set);
	struct rx_group grp = group_of(g);
	rx_check_earned(&c->rep, &grp, e);
	if (!rx_earned(e))
		return;
	if (e->advance == RX_ADVANCE_NONE)
		e->advance = c->rx->program.advance != RX_ADVANCE_NONE
		                 ? c->rx->program.advance
		                 : RX_ADVANCE_ASK;
	/* Every version carries the exercise's own. */
	for (size_t k = 0; k < e->n_steps; k++) {
		e->steps[k].advance = e->advance;
		e->steps[k].back_off_pain = e->back_off_pain;
		e->steps[k].back_off_sessions = e->back_off_sessions;
		e->steps[k].step_set = e->step_set;
	}
}

/*
 * A step (SPEC 2.1): version v starts as a copy of the version before it;
 * the step's keys are laid over it, dropping what they cannot stand
 * beside. What is wrong is reported; v is still made, for the next step.
 */
/* The times of a timed `at` that group g gives, in the day's order. */
static void check_slots(struct check *c, const config_setting_t *g,
                        const struct rx_exercise *e)
{
	const config_setting_t *at = config_setting_get_member(g, "at");
	if (at && e->at)
		rx_check_slot_order(&c->rep, line_of(at), e,
		                    c->rx->program.day_starts);
}

static void check_step(struct check *c, const config_setting_t *g,
                       const struct rx_exercise *base,
                       const struct rx_exercise *prev, struct rx_exercise *v,
                       int k, size_t index)
{
	char where[64];
	strfmt(where, sizeof where, " in step %d of exercise %zu", k,
	       index + 1);
	if (!config_setting_is_group(g)) {
		rx_add_error(c->errs, c->file, line_of(g),
		             "step %d of exercise %zu must be a group { ... }",
		             k, index + 1);
		rx_copy_version(v, prev); /* the later steps build on it */
		v->step = k;
		return;
	}
	const char *known[RX_FIELDS + 3] = {"from", "when"};
	size_t nk = 2;
	for (size_t i = 0; i < RX_FIELDS; i++)
		if (rx_fields[i].in_step)
			known[nk++] = rx_fields[i].name;
	known[nk] = NULL;
	check_unknown(c, g, known, where);
	struct rx_group grp = group_of(g);
	rx_check_excludes(&c->rep, &grp);

	rx_copy_version(v, prev);
	free(v->step_label);
	v->step_label = NULL;
	v->step = k;
	const config_setting_t *from = config_setting_get_member(g, "from");
	const config_setting_t *when = config_setting_get_member(g, "when");
	const char *written = NULL;
	if (rx_check_step_form(&c->rep, &grp, line_of(g), k) && k > 1)
		rx_check_step_kind(&c->rep, line_of(from ? from : when), k,
		                   base->steps[0].when.sessions > 0,
		                   when != NULL);
	if (from &&
	    get_day(c, from, rx_field_named("from"), &v->step_from, &written))
		v->step_label = xstrdup(written);
	read_when(c, when, base, v, k);

	enum rx_kind kind = rx_kind(base);
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		const config_setting_t *s;
		if (!f->in_step || !(s = config_setting_get_member(g, f->name)))
			continue;
		if (!read_field(c, s, f, v))
			continue;
		rx_check_step_key(&c->rep, line_of(s), k, kind, f);
		/* What the key cannot stand beside goes. */
		rx_step_lay(&grp, f, v);
	}
	rx_check_at(&c->rep, &grp, v);
	check_slots(c, g, v);
	/* Where the step stands among the others and the phase. */
	const config_setting_t *eg = config_setting_parent(
	    config_setting_parent(g)); /* the exercise's group */
	const config_setting_t *ef =
	    eg ? config_setting_get_member(eg, "from") : NULL;
	const config_setting_t *eu =
	    eg ? config_setting_get_member(eg, "until") : NULL;
	if (from && !when)
		rx_check_step_from(&c->rep, k, line_of(from),
		                   ef ? line_of(ef) : 0, eu ? line_of(eu) : 0,
		                   base, prev, v);
}

static void check_steps(struct check *c, const config_setting_t *s,
                        struct rx_exercise *e, size_t index)
{
	if (!expect_type(c, s, CONFIG_TYPE_LIST, "a list ( ... ) of steps"))
		return;
	int n = config_setting_length(s);
	if (!rx_check_step_count(&c->rep, line_of(s), (size_t)n))
		return;
	e->steps = xcalloc((size_t)n, sizeof *e->steps);
	for (int k = 0; k < n; k++) {
		struct rx_exercise *v = &e->steps[k];
		const struct rx_exercise *prev = k ? &e->steps[k - 1] : e;
		/* A wrong step is reported and the next ones still checked,
		 * each over what the wrong one left standing. */
		check_step(c, config_setting_get_elem(s, (unsigned)k), e, prev,
		           v, k + 1, index);
		e->n_steps++;
	}
	for (size_t k = 0; k < e->n_steps; k++)
		e->steps[k].step_count = (int)e->n_steps;
	e->step_count = (int)e->n_steps;
}

static void check_exercise(struct check *c, const config_setting_t *g,
                           struct rx_exercise *e, size_t index)
{
	const char *known[RX_FIELDS + 6] = {"id", "steps", "advance",
	                                    "back_off", "step"};
	size_t nk = 5;
	for (size_t i = 0; i < RX_FIELDS; i++)
		if (!rx_fields[i].derived)
			known[nk++] = rx_fields[i].name;
	known[nk] = NULL;
	char where[64];
	snprintf(where, sizeof where, " in exercise %zu", index + 1);
	rx_set_defaults(e);
	if (!config_setting_is_group(g)) {
		rx_add_error(c->errs, c->file, line_of(g),
		             "exercise %zu must be a group { ... }", index + 1);
		return;
	}
	check_unknown(c, g, known, where);

	const config_setting_t *s;
	if (!(s = config_setting_get_member(g, "id")))
		rx_add_error(c->errs, c->file, line_of(g),
		             "exercise %zu needs an 'id'", index + 1);
	else
		read_id(c, s, e->id, sizeof e->id);
	if (!config_setting_get_member(g, "name"))
		rx_add_error(c->errs, c->file, line_of(g),
		             "exercise %zu needs a 'name'", index + 1);
	/* Each field by its type and range (rx_fields). */
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		if (!f->derived && (s = config_setting_get_member(g, f->name)))
			read_field(c, s, f, e);
	}
	/* What a range cannot say. */
	struct rx_group grp = group_of(g);
	rx_check_excludes(&c->rep, &grp);
	rx_check_at(&c->rep, &grp, e);
	check_slots(c, g, e);
	if (e->as_needed && !config_setting_get_member(g, "per_day"))
		e->per_day = RX_MAX_AT;
	rx_check_every(&c->rep, &grp, e, c->rx->program.start);
	rx_check_phase(&c->rep, &grp, e);
	if ((s = config_setting_get_member(g, "steps")))
		check_steps(c, s, e, index);
	read_earned(c, g, e);
}

static size_t skip_blank(const char *t, size_t i, int *line)
{
	for (;;) {
		if (t[i] == '\n') {
			(*line)++;
			i++;
		} else if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' ||
		           t[i] == '\f' || t[i] == '\v') {
			i++;
		} else if (t[i] == '#' || (t[i] == '/' && t[i + 1] == '/')) {
			while (t[i] && t[i] != '\n')
				i++;
		} else if (t[i] == '/' && t[i + 1] == '*') {
			for (i += 2; t[i] && !(t[i] == '*' && t[i + 1] == '/');
			     i++)
				*line += t[i] == '\n';
			if (t[i])
				i += 2;
		} else {
			return i;
		}
	}
}

/* Skips a number token as libconfig 1.5 scans one: sign, decimal or hex
 * digits, a fraction, an exponent, an L or LL suffix. */
static size_t skip_number(const char *t, size_t i)
{
	if (t[i] == '-' || t[i] == '+')
		i++;
	if (t[i] == '0' && (t[i + 1] == 'x' || t[i + 1] == 'X') &&
	    is_hex((unsigned char)t[i + 2])) {
		for (i += 2; is_hex((unsigned char)t[i]); i++)
			;
	} else {
		while (is_digit(t[i]))
			i++;
		if (t[i] == '.')
			for (i++; is_digit(t[i]); i++)
				;
		if ((t[i] == 'e' || t[i] == 'E') &&
		    (is_digit(t[i + 1]) ||
		     ((t[i + 1] == '-' || t[i + 1] == '+') &&
		      is_digit(t[i + 2]))))
			for (i += 2; is_digit(t[i]); i++)
				;
	}
	while (t[i] == 'L')
		i++;
	return i;
}

/* Lists every "name =" and "name:" of the text, in file order. */
static void index_written(struct check *c)
{
	const char *t = c->text;
	size_t i = 0, cap = 0;
	int line = 1;
	c->indexed = true;
	while (t[i]) {
		int ch = (unsigned char)t[i];
		if (ch == '"') {
			for (i++; t[i] && t[i] != '"'; i++) {
				if (t[i] == '\\' && t[i + 1])
					i++;
				line += t[i] == '\n';
			}
			i += t[i] != '\0';
		} else if (ch == ' ' || ch == '\t' || ch == '\r' ||
		           ch == '\n' || ch == '\f' || ch == '\v' ||
		           ch == '#' ||
		           (ch == '/' &&
		            (t[i + 1] == '/' || t[i + 1] == '*'))) {
			i = skip_blank(t, i, &line);
		} else if (is_digit(ch) ||
		           ((ch == '-' || ch == '+' || ch == '.') &&
		            (is_digit(t[i + 1]) || t[i + 1] == '.'))) {
			i = skip_number(t, i + (ch == '.'));
		} else if (is_name_start(ch)) {
			struct written w = {i, 0, 0, line};
			while (is_name_char((unsigned char)t[i]))
				i++;
			w.len = i - w.name;
			i = skip_blank(t, i, &line);
			if (t[i] != '=' && t[i] != ':')
				continue;
			w.value = i = skip_blank(t, i + 1, &line);
			if (c->n_written == cap) {
				cap = cap ? 2 * cap : 64;
				c->written = xrealloc(c->written,
				                      cap * sizeof *c->written);
			}
			c->written[c->n_written++] = w;
		} else {
			i++;
		}
	}
}

/* Counts into *k the named settings before target, in file order: what
 * libconfig read first comes first in every group, list and array. */
static bool settings_before(const config_setting_t *s,
                            const config_setting_t *target, size_t *k)
{
	if (s == target)
		return true;
	if (config_setting_name(s))
		(*k)++;
	if (config_setting_is_aggregate(s) || config_setting_is_array(s)) {
		int n = config_setting_length(s);
		for (int i = 0; i < n; i++)
			if (settings_before(
			        config_setting_get_elem(s, (unsigned)i), target,
			        k))
				return true;
	}
	return false;
}

/*
 * The number of setting s as written in the file (libconfig gives only
 * its value, a double in which 92.25 and 92.50 look like any other):
 * the k-th named setting in file order is the k-th "name =" of the text.
 * Sets *tok and *len to the token after its '='; false if what is found
 * there is not s's (its name or line differ).
 */
static bool written_number(struct check *c, const config_setting_t *s,
                           const char **tok, size_t *len)
{
	if (!c->indexed)
		index_written(c);
	const config_setting_t *root = s;
	while (config_setting_parent(root))
		root = config_setting_parent(root);
	size_t k = 0;
	const char *name = config_setting_name(s);
	if (!name || !settings_before(root, s, &k) || k >= c->n_written)
		return false;
	const struct written *w = &c->written[k];
	/* The setting's line is libconfig's, an unsigned short. */
	if ((unsigned short)w->line != config_setting_source_line(s) ||
	    w->len != strlen(name) || memcmp(c->text + w->name, name, w->len))
		return false;
	const char *t = c->text + w->value;
	size_t n = 0;
	while (is_name_char((unsigned char)t[n]) || t[n] == '.' || t[n] == '+')
		n++;
	*tok = t;
	*len = n;
	return n > 0;
}

/* A number of the file libconfig read but hep cannot find as written:
 * said; false. */
static bool say_unwritten(struct check *c, const config_setting_t *s,
                          const char *name)
{
	rx_add_error(c->errs, c->file, line_of(s),
	             "'%s' is a number hep cannot find as written; write it "
	             "as \"%s = 92.5;\"",
	             name, name);
	return false;
}

/* A value of a measure (min, max, goal): a number with at most one
 * decimal place as written, into tenths. */
static bool get_tenths(struct check *c, const config_setting_t *s, int32_t *out)
{
	const char *name = config_setting_name(s);
	int t = config_setting_type(s);
	if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_FLOAT) {
		say_type(c, s, name, RX_TENTHS_FORM_TEXT);
		return false;
	}
	const char *tok;
	size_t n;
	if (!written_number(c, s, &tok, &n))
		return say_unwritten(c, s, name);
	int32_t v;
	if (!rx_check_tenths(&c->rep, line_of(s), name, tok, n, &v))
		return false;
	/* The token must be the value libconfig read. */
	double d = t == CONFIG_TYPE_INT ? (double)config_setting_get_int(s)
	                                : config_setting_get_float(s);
	double want = d * 10 + (d < 0 ? -0.5 : 0.5);
	if (want < -2e9 || want > 2e9 || (int64_t)want != v)
		return say_unwritten(c, s, name);
	*out = v;
	return true;
}

static void check_measure(struct check *c, const config_setting_t *g,
                          struct rx_measure *m, size_t index, bool visits)
{
	const char *known[RX_MEASURE_KEYS + 2] = {"id"};
	for (int k = 0; k < RX_MEASURE_KEYS; k++)
		known[k + 1] = rx_measure_keys[k];
	m->goal = RX_NO_VALUE;
	if (!config_setting_is_group(g)) {
		rx_add_error(c->errs, c->file, line_of(g),
		             "measure %zu must be a group { ... }", index + 1);
		return;
	}
	char where[64];
	strfmt(where, sizeof where, " in measure %zu", index + 1);
	check_unknown(c, g, known, where);

	struct rx_group grp = group_of(g);
	rx_check_measure_keys(&c->rep, &grp, line_of(g), index);

	const config_setting_t *s;
	const char *v;
	if ((s = config_setting_get_member(g, "id")))
		read_id(c, s, m->id, sizeof m->id);
	if ((s = config_setting_get_member(g, "name")) &&
	    (v = get_string(c, s, false))) {
		m->name = xstrdup(v);
		rx_check_text_field(&c->rep, line_of(s), rx_field_named("name"),
		                    v);
	}
	if ((s = config_setting_get_member(g, "unit")) &&
	    (v = get_string(c, s, false))) {
		m->unit = xstrdup(v);
		rx_check_unit(&c->rep, line_of(s), v);
	}
	const config_setting_t *min = config_setting_get_member(g, "min");
	const config_setting_t *max = config_setting_get_member(g, "max");
	bool have_min = min && get_tenths(c, min, &m->min);
	bool have_max = max && get_tenths(c, max, &m->max);
	bool bounds = have_min && have_max &&
	              rx_check_min_max(&c->rep, line_of(min), line_of(max), m);
	if ((s = config_setting_get_member(g, "every")) &&
	    (v = get_string(c, s, false)))
		rx_check_measure_every(&c->rep, line_of(s), v, visits,
		                       &m->every);
	const config_setting_t *goal = config_setting_get_member(g, "goal");
	int32_t x;
	if (goal && get_tenths(c, goal, &x)) {
		m->goal = x;
		rx_check_goal(&c->rep, line_of(goal), m, bounds, x);
	}
	if ((s = config_setting_get_member(g, "better")) &&
	    (v = get_string(c, s, false)))
		rx_check_better(&c->rep, line_of(s), v, &m->lower_better);
}

/* The line of the id of group i of a list, else of the group. */
static int id_line(const config_setting_t *list, size_t i)
{
	const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
	const config_setting_t *id = config_setting_is_group(g)
	                                 ? config_setting_get_member(g, "id")
	                                 : NULL;
	return id ? line_of(id) : line_of(g);
}

static void check_measures(struct check *c, const config_setting_t *p,
                           const config_setting_t *s)
{
	if (!expect_type(c, s, CONFIG_TYPE_LIST, "a list ( ... ) of measures"))
		return;
	int n = config_setting_length(s);
	if (!rx_check_measure_count(&c->rep, line_of(s), (size_t)n))
		return;
	/* A wrong 'visits' is reported on its own. */
	const config_setting_t *visits = config_setting_get_member(p, "visits");
	bool has_visits = visits && (config_setting_length(visits) > 0 ||
	                             (!config_setting_is_array(visits) &&
	                              !config_setting_is_list(visits)));
	struct rx_program *prog = &c->rx->program;
	prog->measures = xcalloc((size_t)n + 1, sizeof *prog->measures);
	prog->n_measures = (size_t)n;
	int *lines = xcalloc((size_t)n + 1, sizeof *lines);
	for (size_t i = 0; i < (size_t)n; i++) {
		check_measure(c, config_setting_get_elem(s, (unsigned)i),
		              &prog->measures[i], i, has_visits);
		lines[i] = id_line(s, i);
		rx_check_measure_new(&c->rep, prog->measures, i, lines);
	}
	free(lines);
}

/* The PSFS activities (rx_check_psfs). */
static void check_psfs(struct check *c, const config_setting_t *s)
{
	if (!expect_type(c, s, CONFIG_TYPE_ARRAY, "an array of activities"))
		return;
	size_t n;
	struct rx_item *items = items_of(s, &n);
	struct rx_program *prog = &c->rx->program;
	prog->psfs = xcalloc(n + 1, sizeof *prog->psfs);
	prog->n_psfs = rx_check_psfs(&c->rep, line_of(s), items, n, prog->psfs);
	free(items);
}

/* The outcome keys of program p (SPEC section 8): both optional. */
static void check_outcomes(struct check *c, const config_setting_t *p)
{
	const config_setting_t *s;
	if ((s = config_setting_get_member(p, "measures")))
		check_measures(c, p, s);
	if ((s = config_setting_get_member(p, "psfs")))
		check_psfs(c, s);
}

/* A measure's id may not be an exercise's (SPEC 8.1): the error at the
 * measure's id. */
static void check_measure_ids(struct check *c, const config_setting_t *p,
                              const config_setting_t *exercises)
{
	const config_setting_t *list = config_setting_get_member(p, "measures");
	const struct rx *rx = c->rx;
	for (size_t i = 0; list && i < rx->program.n_measures; i++) {
		const struct rx_measure *m = &rx->program.measures[i];
		const struct rx_exercise *e =
		    m->id[0] ? rx_find(rx->ex, rx->n_ex, m->id) : NULL;
		if (e)
			rx_add_error(c->errs, c->file, id_line(list, i),
			             "measure id \"%s\" is also an exercise id "
			             "(line %d)",
			             m->id,
			             id_line(exercises, (size_t)(e - rx->ex)));
	}
}

static void check_root(struct check *c, config_t *cfg)
{
	static const char *const known[] = {"version", "program", "exercises",
	                                    NULL};
	const config_setting_t *root = config_root_setting(cfg);
	check_unknown(c, root, known, "");
	c->rx->program.day_starts = 0;
	c->rx->program.week_starts = CAL_MON;
	c->rx->program.start = CAL_NONE;
	c->rx->program.end = CAL_NONE;
	c->rx->program.pain_limit = -1;

	const config_setting_t *s = config_setting_get_member(root, "version");
	if (!s)
		rx_add_error(c->errs, c->file, 1, "missing 'version = 1;'");
	else if (expect_type(c, s, CONFIG_TYPE_INT, "a whole number") &&
	         config_setting_get_int(s) != 1)
		rx_add_error(c->errs, c->file, line_of(s),
		             "'version' must be 1, not %d",
		             config_setting_get_int(s));
	s = config_setting_get_member(root, "program");
	if (!s)
		rx_add_error(c->errs, c->file, 1, "missing 'program' group");
	else if (expect_type(c, s, CONFIG_TYPE_GROUP, "a group { ... }"))
		check_program(c, s);

	const config_setting_t *program =
	    s && config_setting_is_group(s) ? s : NULL;
	if (program)
		check_outcomes(c, program);

	s = config_setting_get_member(root, "exercises");
	if (!s) {
		rx_add_error(c->errs, c->file, 1, "missing 'exercises' list");
		return;
	}
	if (!expect_type(c, s, CONFIG_TYPE_LIST, "a list ( ... ) of exercises"))
		return;
	int n = config_setting_length(s);
	if (!rx_check_exercise_count(&c->rep, line_of(s), (size_t)n))
		return;
	struct rx *rx = c->rx;
	rx->ex = xcalloc((size_t)n, sizeof *rx->ex);
	rx->n_ex = (size_t)n;
	int *lines = xcalloc((size_t)n, sizeof *lines);
	for (int i = 0; i < n; i++) {
		check_exercise(c, config_setting_get_elem(s, (unsigned)i),
		               &rx->ex[i], (size_t)i);
		lines[i] = id_line(s, (size_t)i);
		rx_check_exercise_new(&c->rep, rx->ex, (size_t)i, lines);
	}
	free(lines);
	if (program)
		check_measure_ids(c, program, s);
}

/* ---- loading ----------------------------------------------------------- */

int rx_load_buffer(const char *name, const char *buf, size_t len,
                   struct rx **out, struct rx_errors *errs)
{
	*out = NULL;
	size_t before = errs->n;
	if (len > RX_MAX_BYTES) {
		rx_add_error(errs, name, 0,
		             "the file is larger than 1 MiB (%zu bytes)", len);
		return -1;
	}
	if (rx_prescan(name, buf, len, errs) > 0)
		return -1;

	/* libconfig 1.5 needs a newline to end a last "# comment" line. */
	char *text = xmalloc(len + 2);
	memcpy(text, buf, len);
	text[len] = '\n';
	text[len + 1] = '\0';
	config_t cfg;
	config_init(&cfg);
	if (config_read_string(&cfg, text) != CONFIG_TRUE) {
		char dup[RX_ID_MAX + 1];
		const char *why = config_error_text(&cfg);
		if (why && strcmp(why, "duplicate setting name") == 0 &&
		    rx_duplicate_name(text, config_error_line(&cfg), dup,
		                      sizeof dup))
			rx_add_error(errs, name, config_error_line(&cfg),
			             "duplicate setting '%s'", dup);
		else
			rx_add_error(errs, name, config_error_line(&cfg), "%s",
			             why);
		config_destroy(&cfg);
		free(text);
		return -1;
	}
	struct rx *rx = xcalloc(1, sizeof *rx);
	rx->path = xstrdup(name);
	struct check c = {name, errs, {say_error, NULL, 0}, rx, text, NULL,
	                  0,    false};
	c.rep.arg = &c;
	check_root(&c, &cfg);
	free(c.written);
	rx_sort_errors(errs, before);
	config_destroy(&cfg);
	free(text);
	if (errs->n > before) {
		rx_free(rx);
		return -1;
	}
	*out = rx;
	return 0;
}

int rx_load(const char *path, struct rx **out, struct rx_errors *errs)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		rx_add_error(errs, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		rx_add_error(errs, path, 0, "not a regular file");
		close(fd);
		return -1;
	}
	if (st.st_size > RX_MAX_BYTES) {
		rx_add_error(errs, path, 0,
		             "the file is larger than 1 MiB (%lld bytes)",
		             (long long)st.st_size);
		close(fd);
		return -1;
	}
	/* Read one byte more than the cap, in case the file grew. */
	char *buf = xmalloc(RX_MAX_BYTES + 1);
	size_t len = 0;
	for (;;) {
		ssize_t r = read(fd, buf + len, RX_MAX_BYTES + 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rx_add_error(errs, path, 0, "cannot read: %s",
			             strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0 || (len += (size_t)r) > RX_MAX_BYTES)
			break;
	}
	close(fd);
	int rc = rx_load_buffer(path, buf, len, out, errs);
	free(buf);
	return rc;
}
