#include "hep/rx_check.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hep/text.h"
#include "hep/util.h"

void rx_say(struct rx_report *r, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* What a file says, quoted, is shown escaped, never raw (SPEC
	 * section 6.2), whichever reader says it. */
	char *shown = text_escape_dup(msg);
	r->said++;
	r->say(r->arg, line, shown);
	free(shown);
	free(msg);
}

/* The later of two lines (SPEC 2.1: a fault between two keys is said at
 * the later one). */
static int later(int a, int b)
{
	return a > b ? a : b;
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* ---- values ---------------------------------------------------------- */

/* How a value of each type is written, as its messages teach it (SPEC
 * 2.2): one row a type; a whole number's and a count's bounds, when
 * said, go between the two parts. */
static const struct {
	const char *head, *tail;
} forms[RX_TYPES] = {
    [RX_TEXT] = {"a string", ""},
    [RX_INT] = {"a whole number", ""},
    [RX_FLAG] = {"true or false", ""},
    [RX_COUNT] = {"a whole number", " or [MIN, MAX]"},
    [RX_FREQ] = {"a whole number", " or [MIN, MAX]"},
    [RX_TIME] = {"a time such as \"45 s\" or \"1 min 30 s\", or [MIN, "
                 "MAX] as [\"6 s\", \"8 s\"]",
                 ""},
    [RX_SIDE] = {"\"left\", \"right\", \"both\" or \"alternate\"", ""},
    [RX_DAYS] = {"an array of weekday names such as [\"mon\", \"thu\"]", ""},
    [RX_DATE] = {"a date (YYYY-MM-DD), \"day N\" or \"week N\"", ""},
    [RX_LABELS] = {"an array of session labels such as [\"morning\", "
                   "\"evening\"]",
                   ""},
    [RX_TEMPO] = {"\"DOWN-PAUSE-UP\" in seconds, each 0 to 10 and not all 0 "
                  "(\"3-0-1\")",
                  ""},
};

const char *rx_form(const struct rx_field *f, bool bounds, char *buf,
                    size_t size)
{
	char range[48] = "";
	if ((bounds && f->type == RX_COUNT) || f->type == RX_INT ||
	    f->type == RX_FREQ)
		strfmt(range, sizeof range, " from %d to %d", f->min, f->max);
	strfmt(buf, size, "%s%s%s", forms[f->type].head, range,
	       forms[f->type].tail);
	return buf;
}

void rx_say_type(struct rx_report *r, int line, const char *key,
                 const char *want, const char *got)
{
	rx_say(r, line, "'%s' must be %s, not %s", key, want, got);
}

bool rx_check_text(struct rx_report *r, int line, const char *key,
                   const char *v, bool multiline)
{
	if (!text_utf8_valid(v, strlen(v), NULL)) {
		rx_say(r, line, "'%s' is not valid UTF-8", key);
		return false;
	}
	for (const char *p = v; *p;) {
		uint32_t cp;
		p += text_utf8_next(p, &cp);
		/* C0, DEL and C1, and the bidirectional controls (SPEC
		 * section 6.2: every stored text). */
		if ((text_cp_width(cp) < 0 || text_cp_forbidden(cp)) &&
		    !(multiline && (cp == '\n' || cp == '\t'))) {
			rx_say(r, line, "'%s' holds a control character", key);
			return false;
		}
	}
	return true;
}

bool rx_check_int(struct rx_report *r, int line, const char *key, long long v,
                  int lo, int hi)
{
	if (v >= lo && v <= hi)
		return true;
	rx_say(r, line, "'%s' must be a whole number from %d to %d, not %lld",
	       key, lo, hi, v);
	return false;
}

bool rx_check_id(struct rx_report *r, int line, const char *v)
{
	if (rx_valid_id(v))
		return true;
	rx_say(r, line, "'id' must be 1 to 32 of a-z, 0-9 and '-', not \"%s\"",
	       TEXT_QUOTED(v));
	return false;
}

bool rx_check_date(struct rx_report *r, int line, const char *key,
                   const char *v, bool element, cal_day *out)
{
	if (cal_parse_date(v, out))
		return true;
	rx_say(r, line,
	       element ? "'%s' must hold dates (YYYY-MM-DD), not \"%s\""
	               : "'%s' must be a date (YYYY-MM-DD), not \"%s\"",
	       key, TEXT_QUOTED(v));
	return false;
}

/* "day N" or "week N" (N from 1 to RX_REL_MAX): sets *kind ('d' or 'w')
 * and *n. False if v is not written that way; *n is 0 if it is but N is
 * out of range. */
static bool parse_relative(const char *v, char *kind, int *n)
{
	const char *p;
	if (strncmp(v, "day ", 4) == 0) {
		*kind = 'd';
		p = v + 4;
	} else if (strncmp(v, "week ", 5) == 0) {
		*kind = 'w';
		p = v + 5;
	} else {
		return false;
	}
	if (!is_digit(*p))
		return false;
	long x = 0;
	for (; is_digit(*p); p++)
		if ((x = x * 10 + (*p - '0')) > RX_REL_MAX)
			x = RX_REL_MAX + 1;
	if (*p)
		return false;
	*n = x >= 1 && x <= RX_REL_MAX ? (int)x : 0;
	return true;
}

bool rx_check_day(struct rx_report *r, int line, const char *key, const char *v,
                  bool until, cal_day start, cal_day *out)
{
	char kind;
	int n;
	if (!parse_relative(v, &kind, &n)) {
		if (cal_parse_date(v, out))
			return true;
		rx_say(r, line, "'%s' must be %s, not \"%s\"", key,
		       forms[RX_DATE].head, TEXT_QUOTED(v));
		return false;
	}
	if (n == 0) {
		rx_say(
		    r, line,
		    "'%s' must be \"day N\" or \"week N\" with N from 1 to %d, "
		    "not \"%s\"",
		    key, RX_REL_MAX, TEXT_QUOTED(v));
		return false;
	}
	if (start == CAL_NONE) {
		rx_say(r, line,
		       "'%s' = \"%s\" counts from the program's start: set "
		       "'start' in 'program'",
		       key, TEXT_QUOTED(v));
		return false;
	}
	if (kind == 'd')
		*out = start + n - 1;
	else
		*out = start + 7 * (n - 1) + (until ? 6 : 0);
	if (*out > CAL_LAST) { /* SPEC 6.2: dates are years 1 to 9999 */
		rx_say(r, line,
		       "'%s' = \"%s\" falls after 9999-12-31, the last day a "
		       "date can name",
		       key, TEXT_QUOTED(v));
		return false;
	}
	return true;
}

bool rx_check_time(struct rx_report *r, int line, const struct rx_field *f,
                   const char *v, int *seconds)
{
	if (rx_time_parse(v, seconds))
		return true;
	char form[160];
	rx_say(r, line, "'%s' must be %s, not \"%s\"", f->name,
	       rx_form(f, false, form, sizeof form), TEXT_QUOTED(v));
	return false;
}

bool rx_check_bound(struct rx_report *r, int line, const struct rx_field *f,
                    long long v)
{
	if (v >= f->min && v <= f->max)
		return true;
	if (f->type == RX_TIME) {
		char lo[32], hi[32], got[32];
		if (v < 1 || v > INT_MAX)
			strfmt(got, sizeof got, "%lld", v);
		else
			rx_time_text((int)v, got, sizeof got);
		rx_say(r, line, "'%s' must be from %s to %s, not %s", f->name,
		       rx_time_text(f->min, lo, sizeof lo),
		       rx_time_text(f->max, hi, sizeof hi), got);
	} else {
		char form[160];
		rx_say(r, line, "'%s' must be %s, not %lld", f->name,
		       rx_form(f, true, form, sizeof form), v);
	}
	return false;
}

bool rx_check_range_form(struct rx_report *r, int line,
                         const struct rx_field *f, size_t n, bool one_type)
{
	if (n != 2) {
		rx_say(r, line,
		       "'%s' as a range must be [MIN, MAX], two values",
		       f->name);
		return false;
	}
	if (!one_type) {
		rx_say(r, line,
		       f->type == RX_TIME
		           ? "'%s' as a range must hold two values of one type "
		             "(two numbers or two times)"
		           : "'%s' as a range must hold two whole numbers",
		       f->name);
		return false;
	}
	return true;
}

bool rx_check_range(struct rx_report *r, int line, const struct rx_field *f,
                    struct rx_range x)
{
	if (x.lo < x.hi)
		return true;
	rx_say(r, line, "'%s' as a range must be [MIN, MAX] with MIN below MAX",
	       f->name);
	return false;
}

bool rx_check_side(struct rx_report *r, int line, const char *v,
                   enum rx_side *out)
{
	if (rx_side_parse(v, out))
		return true;
	rx_say(r, line, "'side' must be %s, not \"%s\"", forms[RX_SIDE].head,
	       TEXT_QUOTED(v));
	return false;
}

bool rx_check_tempo(struct rx_report *r, int line, const char *v, char norm[16])
{
	int phase[3];
	if (!rx_tempo_parse(v, phase)) {
		rx_say(r, line, "'tempo' must be %s, not \"%s\"",
		       forms[RX_TEMPO].head, TEXT_QUOTED(v));
		return false;
	}
	strfmt(norm, 16, "%d-%d-%d", phase[0], phase[1], phase[2]);
	return true;
}

bool rx_check_written(struct rx_report *r, int line, const char *key,
                      const char *v, const char *norm)
{
	if (strcmp(v, norm) == 0)
		return true;
	rx_say(r, line, "'%s' must be written \"%s\", not \"%s\"", key, norm,
	       TEXT_QUOTED(v));
	return false;
}

bool rx_check_text_field(struct rx_report *r, int line,
                         const struct rx_field *f, const char *v)
{
	bool ok = true;
	if (f->width && !*v) {
		rx_say(r, line, "'%s' is empty", f->name);
		ok = false;
	} else if (f->width && text_width(v) > f->width) {
		rx_say(r, line, "'%s' is %d columns wide; at most %d", f->name,
		       text_width(v), f->width);
		ok = false;
	}
	if ((f->rules & RX_RULE_LINK) && !rx_link_valid(v)) {
		rx_say(r, line,
		       "'link' must be an https:// address (at most %d "
		       "characters, no spaces), not \"%s\"",
		       RX_LINK_MAX, TEXT_QUOTED(v));
		ok = false;
	}
	return ok;
}

bool rx_check_days(struct rx_report *r, int line, const struct rx_item *items,
                   size_t n, uint8_t *days)
{
	if (n == 0) {
		rx_say(r, line, "'days' is empty");
		return false;
	}
	bool ok = true;
	*days = 0;
	for (size_t i = 0; i < n; i++) {
		const char *v = items[i].text;
		int at = items[i].line;
		enum cal_weekday w;
		if (v && !rx_check_text(r, at, "days", v, false)) {
			ok = false;
			continue;
		}
		if (!v) {
			rx_say(r, at,
			       "'days' must hold weekday names (\"mon\" ... "
			       "\"sun\")");
		} else if (!cal_parse_weekday(v, &w)) {
			rx_say(
			    r, at,
			    "unknown weekday \"%s\" in 'days' (use mon, tue, "
			    "wed, thu, fri, sat, sun)",
			    TEXT_QUOTED(v));
		} else if (*days & (1u << w)) {
			rx_say(r, at, "'days' lists \"%s\" twice",
			       TEXT_QUOTED(v));
		} else {
			*days |= (uint8_t)(1u << w);
			continue;
		}
		ok = false;
	}
	if (*days == 0)
		*days = RX_ALL_DAYS; /* every entry was wrong: said */
	return ok;
}

char *rx_check_labels(struct rx_report *r, int line,
                      const struct rx_item *items, size_t n)
{
	if (n < 1 || n > RX_MAX_AT) {
		rx_say(r, line, "'at' must name 1 to %d sessions, not %zu",
		       RX_MAX_AT, n);
		return NULL;
	}
	char *joined = xstrdup("");
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		const struct rx_item *x = &items[i];
		const char *v =
		    x->text && rx_check_text(r, x->line, "at", x->text, false)
		        ? x->text
		        : NULL;
		if (!x->text) {
			rx_say(r, x->line,
			       "'at' must hold session labels (\"morning\", "
			       "\"evening\")");
			ok = false;
			continue;
		}
		if (!v) {
			ok = false;
			continue;
		}
		if (!*v || text_width(v) > RX_AT_COLUMNS) {
			rx_say(
			    r, x->line,
			    "a label in 'at' must be 1 to %d columns wide, not "
			    "\"%s\"",
			    RX_AT_COLUMNS, TEXT_QUOTED(v));
			ok = false;
			continue;
		}
		for (size_t k = 0; k < i; k++) {
			if (items[k].text && strcmp(items[k].text, v) == 0) {
				rx_say(r, x->line, "'at' names \"%s\" twice",
				       TEXT_QUOTED(v));
				ok = false;
				break;
			}
		}
		char *next = xasprintf("%s%s%s", joined, i ? "\n" : "", v);
		free(joined);
		joined = next;
	}
	/* Times of day make the exercise timed (SPEC 2.2): all or none. */
	size_t times = 0;
	for (size_t i = 0; ok && i < n; i++) {
		int m;
		times += cal_parse_clock(items[i].text, &m);
	}
	if (ok && times > 0 && times < n) {
		rx_say(r, line,
		       "'at' must hold times (\"08:00\") or other labels "
		       "(\"morning\"), not both");
		ok = false;
	}
	if (!ok) {
		free(joined);
		return NULL;
	}
	return joined;
}

void rx_check_slot_order(struct rx_report *r, int line,
                         const struct rx_exercise *e, int day_starts)
{
	int prev, m;
	for (int k = 1;
	     rx_slot_minutes(e, k - 1, &prev) && rx_slot_minutes(e, k, &m);
	     k++) {
		int a = ((prev - day_starts) % 1440 + 1440) % 1440;
		int b = ((m - day_starts) % 1440 + 1440) % 1440;
		if (b <= a) {
			char ds[8], x[8], y[8];
			strfmt(ds, sizeof ds, "%02d:%02d", day_starts / 60,
			       day_starts % 60);
			rx_at_label(e, k - 1, x, sizeof x);
			rx_at_label(e, k, y, sizeof y);
			rx_say(r, line,
			       "the times of 'at' must rise through the day "
			       "(it starts at %s): \"%s\" cannot follow \"%s\"",
			       ds, y, x);
			return;
		}
	}
}

int rx_label_count(const char *at)
{
	int n = at ? 1 : 0;
	for (const char *p = at; p && *p; p++)
		n += *p == '\n';
	return n;
}

/* ---- an exercise ------------------------------------------------------ */

bool rx_check_exercise_count(struct rx_report *r, int line, size_t n)
{
	if (n == 0) {
		rx_say(r, line, "'exercises' is empty");
		return false;
	}
	if (n > RX_MAX_EXERCISES) {
		rx_say(r, line, "'exercises' holds %zu exercises; at most %d",
		       n, RX_MAX_EXERCISES);
		return false;
	}
	return true;
}

bool rx_check_exercise_new(struct rx_report *r, const struct rx_exercise *ex,
                           size_t i, const int *lines)
{
	for (size_t k = 0; k < i && ex[i].id[0]; k++) {
		if (strcmp(ex[k].id, ex[i].id) == 0) {
			rx_say(r, lines[i],
			       "duplicate id \"%s\" (first on line %d)",
			       ex[i].id, lines[k]);
			return false;
		}
	}
	return true;
}

/* Whether g gives key, its line into *line (0 when it does not). */
static bool given(const struct rx_group *g, const char *key, int *line)
{
	*line = 0;
	return g->given(g->group, key, line);
}

/* The keys a group may not give together, and why (said after the
 * later key); a step giving one drops the other (rx_step_lay). */
static const char *const excluded[][3] = {
    {"days", "per_week", "flexible days"},
    {"days", "every", "every N-th day"},
    {"every", "per_week", "flexible days"},
    {"duration", "reps", "a timed exercise has no reps"},
    {"duration", "hold", "a timed exercise has no hold"},
    {"as_needed", "days", "never due"},
    {"as_needed", "every", "never due"},
    {"as_needed", "per_week", "never due"},
    {"as_needed", "at", "never due"},
};

void rx_check_excludes(struct rx_report *r, const struct rx_group *g)
{
	for (size_t i = 0; i < sizeof excluded / sizeof excluded[0]; i++) {
		int a, b;
		if (given(g, excluded[i][0], &a) &&
		    given(g, excluded[i][1], &b))
			rx_say(r, later(a, b),
			       "'%s' cannot be combined with '%s' (%s)",
			       excluded[i][0], excluded[i][1], excluded[i][2]);
	}
}

/* A range of frequency (SPEC 2.2) asks for days that are due: never on
 * an as-needed exercise. */
static void check_freq_range(struct rx_report *r, const struct rx_group *g,
                             const struct rx_exercise *e)
{
	static const char *const keys[] = {"per_day", "per_week"};
	const int max[] = {e->per_day_max, e->per_week_max};
	for (size_t i = 0; i < 2; i++) {
		int line;
		if (e->as_needed && max[i] && given(g, keys[i], &line))
			rx_say(r, line,
			       "'%s' as a range [MIN, MAX] cannot be combined "
			       "with 'as_needed' (never due)",
			       keys[i]);
	}
}

void rx_check_at(struct rx_report *r, const struct rx_group *g,
                 struct rx_exercise *e)
{
	int at, pd;
	check_freq_range(r, g, e);
	if (!given(g, "at", &at) || !e->at)
		return;
	int n = rx_label_count(e->at);
	if (e->per_day_max) {
		/* A range's labels: MAX of them, the first MIN due. */
		if (n != e->per_day_max)
			rx_say(r, at,
			       "'per_day' is [%d, %d] but 'at' names %d "
			       "session%s: with a range, 'at' names MAX",
			       e->per_day, e->per_day_max, n,
			       n == 1 ? "" : "s");
		return;
	}
	if (given(g, "per_day", &pd) && e->per_day != n)
		rx_say(r, later(pd, at),
		       "'per_day' is %d but 'at' names %d session%s",
		       e->per_day, n, n == 1 ? "" : "s");
	e->per_day = n;
}

static void say_every(struct rx_report *r, int line)
{
	rx_say(r, line,
	       "'every' counts from 'from' or the program's 'start': set one "
	       "of them");
}

void rx_check_every(struct rx_report *r, const struct rx_group *g,
                    struct rx_exercise *e, cal_day start)
{
	if (!e->every)
		return;
	e->anchor = e->from != CAL_NONE ? e->from : start;
	/* A wrong from is said on its own. */
	int from, every;
	if (e->anchor == CAL_NONE && !given(g, "from", &from)) {
		given(g, "every", &every);
		say_every(r, every);
	}
}

void rx_check_phase(struct rx_report *r, const struct rx_group *g,
                    const struct rx_exercise *e)
{
	int until, from;
	if (given(g, "until", &until) && given(g, "from", &from) &&
	    e->from != CAL_NONE && e->until != CAL_NONE && e->until < e->from) {
		char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
		rx_say(r, later(until, from),
		       "'until' (%s) is before 'from' (%s)",
		       cal_format(e->until, a), cal_format(e->from, b));
	}
}

/* ---- steps ------------------------------------------------------------ */

bool rx_check_step_count(struct rx_report *r, int line, size_t n)
{
	if (n >= 1 && n <= RX_MAX_STEPS)
		return true;
	rx_say(r, line, "'steps' must hold 1 to %d steps, not %zu",
	       RX_MAX_STEPS, n);
	return false;
}

bool rx_check_step_kind(struct rx_report *r, int line, int k, bool first,
                        bool earned)
{
	if (k < 2 || first == earned)
		return true;
	rx_say(r, line,
	       "step %d is %s but step 1 is %s: the steps of an exercise are "
	       "all dated ('from') or all earned ('when')",
	       k, earned ? "earned" : "dated", first ? "earned" : "dated");
	return false;
}

bool rx_check_step_form(struct rx_report *r, const struct rx_group *g, int line,
                        int k)
{
	int from, when;
	bool f = given(g, "from", &from), w = given(g, "when", &when);
	if (f != w)
		return true;
	if (f)
		rx_say(r, later(from, when),
		       "step %d has both 'from' and 'when': a step is dated "
		       "('from') or earned ('when'), not both",
		       k);
	else
		rx_say(r, line,
		       "step %d needs a 'from' (a dated step) or a 'when' (an "
		       "earned step)",
		       k);
	return false;
}

void rx_check_earned(struct rx_report *r, const struct rx_group *g,
                     const struct rx_exercise *e)
{
	static const char *const keys[] = {"advance", "back_off", "step"};
	bool earned = rx_earned(e);
	int line;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (!given(g, keys[i], &line))
			continue;
		if (e->as_needed)
			rx_say(r, line,
			       "'%s' cannot be given to an as-needed exercise "
			       "(never due, it earns no step)",
			       keys[i]);
		else if (!earned)
			rx_say(r, line,
			       "'%s' needs earned steps (steps with 'when')",
			       keys[i]);
	}
	if (earned && e->as_needed && given(g, "steps", &line))
		rx_say(r, line,
		       "an as-needed exercise cannot have earned steps "
		       "(never due, it earns no step)");
	if (earned && e->step_set > (int)e->n_steps && given(g, "step", &line))
		rx_say(r, line, "'step' must be 0 to %zu (its steps), not %d",
		       e->n_steps, e->step_set);
}

void rx_check_not_before(struct rx_report *r, int line, int k,
                         const struct rx_exercise *base, cal_day nb)
{
	if (nb == CAL_NONE || base->until == CAL_NONE || nb <= base->until)
		return;
	char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
	rx_say(r, line,
	       "step %d's 'not_before' (%s) is after the exercise's 'until' "
	       "(%s): it could never be earned",
	       k, cal_format(nb, a), cal_format(base->until, b));
}

static void say_turn(struct rx_report *r, int line, int k, enum rx_kind from,
                     enum rx_kind to)
{
	rx_say(r, line,
	       "step %d cannot turn a %s exercise into a %s one; give the new "
	       "one its own id",
	       k, rx_kind_name(from), rx_kind_name(to));
}

bool rx_check_step_key(struct rx_report *r, int line, int k, enum rx_kind kind,
                       const struct rx_field *f)
{
	bool schedule = f->rules & RX_RULE_SCHEDULE;
	if (kind == RX_KIND_AS_NEEDED && (f->rules & RX_RULE_NEVER_DUE)) {
		rx_say(r, line,
		       "step %d cannot give '%s' to an as-needed exercise", k,
		       f->name);
		return false;
	}
	if (schedule &&
	    (kind == RX_KIND_PER_WEEK) != !!(f->rules & RX_RULE_PER_WEEK)) {
		say_turn(r, line, k, kind,
		         kind == RX_KIND_PER_WEEK ? RX_KIND_FIXED
		                                  : RX_KIND_PER_WEEK);
		return false;
	}
	return true;
}

/* Field o of v as leaving it out means, and what it anchors with it. */
static void drop(struct rx_exercise *v, const struct rx_field *o)
{
	rx_field_default(v, o);
	if (o->rules & RX_RULE_ANCHORED)
		v->anchor = CAL_NONE;
}

void rx_step_lay(const struct rx_group *g, const struct rx_field *f,
                 struct rx_exercise *v)
{
	for (size_t i = 0; i < sizeof excluded / sizeof excluded[0]; i++) {
		const struct rx_field *a = rx_field_named(excluded[i][0]);
		const struct rx_field *b = rx_field_named(excluded[i][1]);
		if (a == f && b->in_step)
			drop(v, b);
		else if (b == f && a->in_step)
			drop(v, a);
	}
	if (f->rules & RX_RULE_ANCHORED)
		v->anchor = v->step_from;
	int line;
	for (size_t i = 0; (f->rules & RX_RULE_SESSIONS) && i < RX_FIELDS; i++)
		if (rx_fields[i].type == RX_LABELS &&
		    !given(g, rx_fields[i].name, &line))
			rx_field_default(v, &rx_fields[i]);
}

void rx_check_step_from(struct rx_report *r, int k, int line, int from_line,
                        int until_line, const struct rx_exercise *base,
                        const struct rx_exercise *prev,
                        const struct rx_exercise *v)
{
	if (v->step_from == CAL_NONE)
		return;
	char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
	cal_format(v->step_from, a);
	if (k > 1 && prev->step_from != CAL_NONE &&
	    v->step_from <= prev->step_from)
		rx_say(
		    r, line,
		    "step %d's 'from' (%s) must be later than step %d's (%s)",
		    k, a, k - 1, cal_format(prev->step_from, b));
	else if (base->from != CAL_NONE && v->step_from <= base->from)
		rx_say(
		    r, from_line ? later(line, from_line) : line,
		    "step %d's 'from' (%s) must be later than the exercise's "
		    "'from' (%s)",
		    k, a, cal_format(base->from, b));
	else if (base->until != CAL_NONE && v->step_from > base->until)
		rx_say(
		    r, until_line ? later(line, until_line) : line,
		    "step %d's 'from' (%s) is after the exercise's 'until' (%s)",
		    k, a, cal_format(base->until, b));
}

bool rx_check_step_label(struct rx_report *r, int line, int k,
                         const char *label, cal_day from)
{
	if (!label)
		return true;
	if (!rx_check_text(r, line, "step_label", label, false))
		return false;
	char kind;
	int n;
	cal_day d;
	if ((parse_relative(label, &kind, &n) && n > 0) ||
	    (cal_parse_date(label, &d) && d == from))
		return true;
	char a[CAL_DATE_LEN];
	rx_say(
	    r, line,
	    "step %d's 'step_label' must be its 'from' as written (%s, \"day "
	    "N\" or \"week N\"), not \"%s\"",
	    k, from == CAL_NONE ? "a date" : cal_format(from, a),
	    TEXT_QUOTED(label));
	return false;
}

/* ---- a whole version, as a back-up gives each ------------------------- */

void rx_check_step_version(struct rx_report *r, const struct rx_group *g,
                           int line, int k, const struct rx_exercise *base,
                           const struct rx_exercise *v)
{
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		if (f->in_step || f->derived || rx_field_equal(base, v, f))
			continue;
		int at;
		rx_say(
		    r, given(g, f->name, &at) ? at : line,
		    "step %d's '%s' is not its exercise's: a step cannot give "
		    "it",
		    k, f->name);
	}
	if (base->as_needed != v->as_needed)
		return; /* said above */
	/* The schedule keys, then the rest an as-needed one cannot have. */
	bool told = false;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < RX_FIELDS; i++) {
			const struct rx_field *f = &rx_fields[i];
			unsigned want =
			    pass ? RX_RULE_NEVER_DUE : RX_RULE_SCHEDULE;
			int at;
			if ((f->rules & want) &&
			    !(pass && (f->rules & RX_RULE_SCHEDULE)) &&
			    given(g, f->name, &at) &&
			    !rx_check_step_key(r, at, k, rx_kind(base), f))
				told = true;
		}
	}
	if (!told && rx_kind(v) != rx_kind(base))
		say_turn(r, line, k, rx_kind(base), rx_kind(v));
}

void rx_check_anchor(struct rx_report *r, const struct rx_group *g,
                     const struct rx_exercise *e,
                     const struct rx_exercise *prev)
{
	int every, at;
	given(g, "every", &every);
	bool has_at = given(g, "anchor", &at);
	char a[CAL_DATE_LEN], b[CAL_DATE_LEN], c[CAL_DATE_LEN];
	const char *was =
	    e->anchor == CAL_NONE ? "none" : cal_format(e->anchor, a);
	if (!e->every) {
		if (e->anchor != CAL_NONE)
			rx_say(r, at, "'anchor' is given without 'every'");
		return;
	}
	if (!prev) {
		if (e->from == CAL_NONE && e->anchor == CAL_NONE)
			say_every(r, every);
		else if (e->from != CAL_NONE && e->anchor != e->from)
			rx_say(
			    r, has_at ? at : every,
			    "'anchor' must be %s, the exercise's 'from', not "
			    "%s",
			    cal_format(e->from, b), was);
		return;
	}
	bool carried = prev->every == e->every && prev->anchor != CAL_NONE;
	if (e->anchor == e->step_from || (carried && e->anchor == prev->anchor))
		return;
	cal_format(e->step_from, b);
	if (carried)
		rx_say(
		    r, has_at ? at : every,
		    "'anchor' must be %s (the step's 'from') or %s (the anchor "
		    "before it), not %s",
		    b, cal_format(prev->anchor, c), was);
	else
		rx_say(r, has_at ? at : every,
		       "'anchor' must be %s, the step's 'from', not %s", b,
		       was);
}

/* ---- measures and the PSFS ---------------------------------------------- */

bool rx_check_measure_count(struct rx_report *r, int line, size_t n)
{
	if (n <= RX_MAX_MEASURES)
		return true;
	rx_say(r, line, "'measures' holds %zu measures; at most %d", n,
	       RX_MAX_MEASURES);
	return false;
}

bool rx_check_measure_keys(struct rx_report *r, const struct rx_group *g,
                           int line, size_t index)
{
	static const char *const needed[][2] = {
	    {"an", "id"}, {"a", "name"}, {"a", "unit"},
	    {"a", "min"}, {"a", "max"},  {"an", "every"},
	};
	bool ok = true;
	for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) {
		int at;
		if (!given(g, needed[i][1], &at)) {
			rx_say(r, line, "measure %zu needs %s '%s'", index + 1,
			       needed[i][0], needed[i][1]);
			ok = false;
		}
	}
	return ok;
}

bool rx_check_measure_new(struct rx_report *r, const struct rx_measure *m,
                          size_t i, const int *lines)
{
	for (size_t k = 0; k < i && m[i].id[0]; k++) {
		if (strcmp(m[k].id, m[i].id) == 0) {
			rx_say(r, lines[i],
			       "duplicate measure id \"%s\" (first on line %d)",
			       m[i].id, lines[k]);
			return false;
		}
	}
	return true;
}

bool rx_check_unit(struct rx_report *r, int line, const char *v)
{
	if (text_width(v) <= RX_UNIT_COLUMNS)
		return true;
	rx_say(r, line, "'unit' is %d columns wide; at most %d", text_width(v),
	       RX_UNIT_COLUMNS);
	return false;
}

bool rx_check_tenths(struct rx_report *r, int line, const char *key,
                     const char *token, size_t len, int32_t *out)
{
	/* The token as written, cut as any quoted value (SPEC 2.2). */
	char written[TEXT_QUOTE_SIZE];
	strfmt(written, sizeof written, "%.*s",
	       len < sizeof written ? (int)len : (int)sizeof written - 1,
	       token);
	switch (rx_tenths_scan(token, len, out)) {
	case RX_TENTHS_FORM:
		rx_say(r, line, "'%s' must be " RX_TENTHS_FORM_TEXT ", not %s",
		       key, TEXT_QUOTED(written));
		return false;
	case RX_TENTHS_RANGE:
		rx_say(r, line, "'%s' must be from -%d to %d, not %s", key,
		       RX_TENTHS_MAX / 10, RX_TENTHS_MAX / 10,
		       TEXT_QUOTED(written));
		return false;
	case RX_TENTHS_OK:
		break;
	}
	return true;
}

bool rx_check_min_max(struct rx_report *r, int min_line, int max_line,
                      const struct rx_measure *m)
{
	if (m->min < m->max)
		return true;
	char a[32], b[32];
	rx_say(r, later(min_line, max_line),
	       "'min' (%s) must be below 'max' (%s)",
	       rx_tenths_text(m->min, a, sizeof a),
	       rx_tenths_text(m->max, b, sizeof b));
	return false;
}

bool rx_check_measure_every(struct rx_report *r, int line, const char *v,
                            bool visits, enum rx_every *out)
{
	if (!rx_every_parse(v, out)) {
		rx_say(
		    r, line,
		    "'every' must be \"day\", \"week\" or \"visit\", not \"%s\"",
		    TEXT_QUOTED(v));
		return false;
	}
	if (*out == RX_EVERY_VISIT && !visits) {
		rx_say(
		    r, line,
		    "'every' = \"visit\" is due on the days of clinic visits: "
		    "set 'visits' in 'program'");
		return false;
	}
	return true;
}

bool rx_check_goal(struct rx_report *r, int line, const struct rx_measure *m,
                   bool bounds, int32_t goal)
{
	if (!bounds || (goal >= m->min && goal <= m->max))
		return true;
	char a[32], b[32], d[32];
	rx_say(r, line, "'goal' must be from %s to %s ('min' to 'max'), not %s",
	       rx_tenths_text(m->min, a, sizeof a),
	       rx_tenths_text(m->max, b, sizeof b),
	       rx_tenths_text(goal, d, sizeof d));
	return false;
}

bool rx_check_better(struct rx_report *r, int line, const char *v, bool *lower)
{
	*lower = strcmp(v, "lower") == 0;
	if (*lower || strcmp(v, "higher") == 0)
		return true;
	rx_say(r, line, "'better' must be \"higher\" or \"lower\", not \"%s\"",
	       TEXT_QUOTED(v));
	return false;
}

size_t rx_check_psfs(struct rx_report *r, int line, const struct rx_item *items,
                     size_t n, char **out)
{
	if (n < 1 || n > RX_MAX_PSFS) {
		rx_say(r, line, "'psfs' must name 1 to %d activities, not %zu",
		       RX_MAX_PSFS, n);
		return 0;
	}
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		const char *v = items[i].text;
		int at = items[i].line;
		if (!v) {
			rx_say(r, at,
			       "'psfs' must hold activities as strings, not %s",
			       items[i].type);
			continue;
		}
		if (!rx_check_text(r, at, "psfs", v, false))
			continue;
		if (!*v) {
			rx_say(r, at, "an activity in 'psfs' is empty");
			continue;
		}
		if (text_width(v) > RX_NAME_COLUMNS) {
			rx_say(
			    r, at,
			    "an activity in 'psfs' is %d columns wide; at most "
			    "%d",
			    text_width(v), RX_NAME_COLUMNS);
			continue;
		}
		bool twice = false;
		for (size_t k = 0; k < kept && !twice; k++)
			twice = strcmp(out[k], v) == 0;
		if (twice) {
			rx_say(r, at, "'psfs' names \"%s\" twice",
			       TEXT_QUOTED(v));
			continue;
		}
		out[kept++] = xstrdup(v);
	}
	return kept;
}
