/* Earned steps (SPEC 2.2): the step in force and readiness. Pure. */
#include "hep/steps.h"

#include <stdlib.h>
#include <string.h>

#include "hep/text.h"
#include "hep/util.h"

int steps_in_force(const struct rx_exercise *e, const struct step_advance *a,
                   size_t n, int lever, cal_day lever_from, cal_day day,
                   cal_day *since)
{
	*since = CAL_NONE;
	if (!rx_earned(e))
		return 0;
	int step = 0;
	bool lever_on =
	    lever >= 0 && (lever_from == CAL_NONE || lever_from <= day);
	cal_day best = CAL_NONE;
	if (lever_on) {
		step = lever;
		best = *since = lever_from;
	}
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		cal_day d = a[i].effective;
		if (d > day || (lever_on && d <= lever_from) ||
		    (found && d < best))
			continue;
		found = true;
		best = *since = d;
		step = a[i].step;
	}
	if (step < 0)
		step = 0;
	if (step > (int)e->n_steps)
		step = (int)e->n_steps;
	return step;
}

int steps_session_effort(const struct session *s)
{
	return s->effort >= 0 && s->effort <= 10 ? s->effort : -1;
}

static int cmp_session(const void *x, const void *y)
{
	const struct step_session *a = x, *b = y;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return (a->n > b->n) - (a->n < b->n);
}

/* The sessions that count, by day then number, at most cap a day, into
 * a new array (*len of them; the caller frees it). */
static struct step_session *counted(const struct step_session *s, size_t n,
                                    int cap, size_t *len)
{
	struct step_session *c = xcalloc(n + 1, sizeof *c);
	memcpy(c, s, n * sizeof *c);
	qsort(c, n, sizeof *c, cmp_session);
	size_t k = 0;
	int that_day = 0;
	for (size_t i = 0; i < n; i++) {
		that_day = i && c[i].day == c[i - 1].day ? that_day + 1 : 1;
		if (that_day <= cap)
			c[k++] = c[i];
	}
	*len = k;
	return c;
}

static int worse(int a, int b)
{
	return a > b ? a : b;
}

/* Whether x has what the criteria of w ask to be rated. */
static bool rated_for(const struct rx_when *w, const struct step_session *x)
{
	return (w->pain_at_most < 0 || x->pain >= 0) &&
	       (w->effort_at_most < 0 || x->effort >= 0);
}

/* Those of the latest that went over a limit, and the value (the same
 * for all, else -1): "1 had pain 3, above 2". */
struct over {
	int count, value;
};

static void note_over(struct over *o, int v)
{
	o->value = o->count == 0 || o->value == v ? v : -1;
	o->count++;
}

static void say_over(char *why, size_t size, const struct over *o,
                     const char *what, int limit)
{
	if (!o->count)
		return;
	char part[64];
	if (o->value >= 0)
		strfmt(part, sizeof part, "%d had %s %d, above %d", o->count,
		       what, o->value, limit);
	else
		strfmt(part, sizeof part, "%d had %s above %d", o->count, what,
		       limit);
	strpart(why, size, "; ", "%s", part);
}

/* Whether w holds on day over the first end sessions of c; why it does
 * (its criteria) or why not, into why. */
static bool forward(const struct rx_when *w, const struct step_session *c,
                    size_t end, cal_day day, bool ascii, char *why, size_t size)
{
	int got = 0;
	struct over pain = {0, -1}, effort = {0, -1};
	for (size_t i = end; i-- > 0 && got < w->sessions;) {
		const struct step_session *x = &c[i];
		if (!rated_for(w, x))
			continue;
		got++;
		int p = worse(x->pain, x->pain_before);
		if (w->pain_at_most >= 0 && p > w->pain_at_most)
			note_over(&pain, p);
		if (w->effort_at_most >= 0 && x->effort > w->effort_at_most)
			note_over(&effort, x->effort);
	}
	bool early = w->not_before != CAL_NONE && day < w->not_before;
	if (got >= w->sessions && !pain.count && !effort.count && !early) {
		rx_when_text(w, ascii, why, size);
		return true;
	}
	why[0] = '\0';
	if (got < w->sessions)
		strpart(why, size, "; ", "%d of %d sessions so far", got,
		        w->sessions);
	say_over(why, size, &pain, "pain", w->pain_at_most);
	say_over(why, size, &effort, "effort", w->effort_at_most);
	if (early) {
		char d[CAL_DATE_LEN];
		strpart(why, size, "; ", "not before %s",
		        cal_format(w->not_before, d));
	}
	return false;
}

/* Whether e's back_off holds over the first end sessions of c. */
static bool backward(const struct rx_exercise *e, const struct step_session *c,
                     size_t end, char *why, size_t size)
{
	int k = e->back_off_sessions, got = 0;
	if (k <= 0)
		return false;
	for (size_t i = end; i-- > 0 && got < k;) {
		const struct step_session *x = &c[i];
		if (x->pain < 0 && x->pain_before < 0)
			continue;
		if (worse(x->pain, x->pain_before) <= e->back_off_pain)
			return false;
		got++;
	}
	if (got < k)
		return false;
	strfmt(why, size, "%d session%s with pain above %d", k,
	       k == 1 ? "" : "s", e->back_off_pain);
	return true;
}

/* What is ready on day over the first end sessions: 1 the previous step,
 * 2 the next, 0 none; why into why. */
static int ready_on(const struct rx_exercise *e, int current,
                    const struct step_session *c, size_t end, cal_day day,
                    bool ascii, char *why, size_t size)
{
	why[0] = '\0';
	if (current > 0 && backward(e, c, end, why, size))
		return 1;
	if (current < (int)e->n_steps &&
	    forward(&e->steps[current].when, c, end, day, ascii, why, size))
		return 2;
	return 0;
}

/* How many of the n sessions of c are on or before day. */
static size_t up_to(const struct step_session *c, size_t n, cal_day day)
{
	size_t k = n;
	while (k > 0 && c[k - 1].day > day)
		k--;
	return k;
}

static int cmp_day(const void *x, const void *y)
{
	cal_day a = *(const cal_day *)x, b = *(const cal_day *)y;
	return (a > b) - (a < b);
}

/*
 * The first day of the unbroken run of readiness of this kind that today
 * is in. Readiness changes only on a day of a session or on not_before:
 * walk those days back from today while it held on each.
 */
static cal_day ready_since(const struct rx_exercise *e, int current,
                           const struct step_session *c, size_t end, int kind,
                           cal_day today, bool ascii)
{
	cal_day *days = xcalloc(end + 1, sizeof *days);
	size_t n = 0;
	for (size_t i = 0; i < end; i++)
		if (!n || days[n - 1] != c[i].day)
			days[n++] = c[i].day;
	cal_day nb = kind == 2 ? e->steps[current].when.not_before : CAL_NONE;
	if (nb != CAL_NONE && nb <= today)
		days[n++] = nb;
	qsort(days, n, sizeof *days, cmp_day);
	cal_day since = today;
	char why[sizeof((struct step_readiness *)0)->why];
	for (size_t j = n; j-- > 0;) {
		if (ready_on(e, current, c, up_to(c, end, days[j]), days[j],
		             ascii, why, sizeof why) != kind)
			break;
		since = days[j];
	}
	free(days);
	return since;
}

bool steps_window_enough(const struct rx_exercise *e, int current,
                         const struct step_session *s, size_t n, cal_day upto)
{
	if (!rx_earned(e))
		return true;
	if (current < 0)
		current = 0;
	if (current > (int)e->n_steps)
		current = (int)e->n_steps;
	const struct rx_exercise *v = rx_step(e, current);
	size_t len;
	struct step_session *c =
	    counted(s, n, v->per_day + rx_per_day_welcome(v), &len);
	size_t end = up_to(c, len, upto);
	const struct rx_when *w =
	    current < (int)e->n_steps ? &e->steps[current].when : NULL;
	int fwd = 0, back = 0;
	for (size_t i = 0; i < end; i++) {
		fwd += w && rated_for(w, &c[i]);
		back += c[i].pain >= 0 || c[i].pain_before >= 0;
	}
	free(c);
	bool fwd_ok = !w || fwd >= w->sessions;
	bool back_ok = current == 0 || e->back_off_sessions <= 0 ||
	               back >= e->back_off_sessions;
	return fwd_ok && back_ok;
}

void steps_readiness(const struct rx_exercise *e, int current,
                     const struct step_session *s, size_t n, cal_day today,
                     bool ascii, struct step_readiness *out)
{
	out->step = -1;
	out->back = false;
	out->since = CAL_NONE;
	out->why[0] = '\0';
	if (!rx_earned(e))
		return;
	if (current < 0)
		current = 0;
	if (current > (int)e->n_steps)
		current = (int)e->n_steps;
	size_t len;
	/* At most the day's MAX a day (a range's, settled point 5). */
	const struct rx_exercise *v = rx_step(e, current);
	struct step_session *c =
	    counted(s, n, v->per_day + rx_per_day_welcome(v), &len);
	size_t end = up_to(c, len, today);
	int kind = ready_on(e, current, c, end, today, ascii, out->why,
	                    sizeof out->why);
	if (kind) {
		out->step = kind == 1 ? current - 1 : current + 1;
		out->back = kind == 1;
		out->since =
		    ready_since(e, current, c, end, kind, today, ascii);
	}
	free(c);
}
