/* madvise(MADV_DONTNEED): glibc ignores posix_madvise's DONTNEED. */
#define _DEFAULT_SOURCE

/* The back-up: reading a file in (SPEC sections 4 and 6.2): each row and
 * entry checked and staged, then merged (backup_merge.c). */
#include "hep/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup_impl.h"
#include "hep/csv.h"
#include "hep/json.h"
#include "hep/outcomes.h"
#include "hep/rx_json.h"
#include "hep/text.h"
#include "hep/util.h"

/* ---- import: reading rows ------------------------------------------------ */

/* Gives back the mapped pages before offset (read, never read again). */
static void release_before(struct import *im, size_t offset)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t upto = page > 0 ? offset / (size_t)page * (size_t)page : 0;
	if (im->map_len == 0 || upto < im->released + (1u << 20))
		return;
	madvise((char *)im->buf + im->released, upto - im->released,
	        MADV_DONTNEED);
	im->released = upto;
}

/* Stages one checked entry (whole: a diary entry, else a state row). */
static void stage(struct import *im, const struct diary_entry *e, bool whole,
                  int line)
{
	if (!whole && im->entries)
		return; /* the diary says it all, the state is checked only */
	if (!im->stage || im->failed)
		return;
	if (im->lo == CAL_NONE || e->day < im->lo)
		im->lo = e->day;
	if (im->hi == CAL_NONE || e->day > im->hi)
		im->hi = e->day;
	int rc = im->direct && whole
	             ? import_append(im, e, line)
	             : store_stage_add(im->ctx->store, e, whole, line);
	if (rc != 0) {
		if (im->errs->n == 0)
			import_problem(im, 0, "%s",
			               store_error(im->ctx->store));
		im->failed = true;
	}
}

/* Whether an entry made at utc for day was late (SPEC section 4). */
static bool late_entry(const struct import *im, int64_t utc, cal_day day)
{
	if (!im->ctx->rx)
		return false; /* checking only */
	struct cal_now at;
	cal_now_at(utc, &at);
	return cal_logical_today(&at, im->ctx->rx->program.day_starts) > day;
}

/* Checks a day, an id and a time (the fields every row has) into e. */
static void check_common(struct import *im, int line, const char *day,
                         const char *exercise, const char *at,
                         const char *at_key, struct diary_entry *e)
{
	if (!cal_parse_date(day, &e->day))
		import_problem(im, line,
		               "day \"%s\" is not a date as YYYY-MM-DD",
		               QUOTE(day));
	else if (e->day > im->ctx->today)
		import_problem(im, line, "day %s is in the future", day);
	if (!exercise) /* a PSFS check-in: no exercise */
		e->exercise[0] = '\0';
	else if (!rx_valid_id(exercise))
		import_problem(im, line,
		               "exercise \"%s\" is not an id (a-z, 0-9, '-')",
		               QUOTE(exercise));
	else
		strfmt(e->exercise, sizeof e->exercise, "%s", exercise);
	if (!cal_parse_utc(at, &e->made_utc))
		import_problem(im, line,
		               "%s \"%s\" is not YYYY-MM-DDTHH:MM:SSZ", at_key,
		               QUOTE(at));
}

/* Checks one row of the state (CSV, or the sessions of a JSON back-up)
 * and, importing, stages it as a session or skip entry. */
static void add_row(struct import *im, int line, const char *day,
                    const char *exercise, const char *at, const char *pain,
                    const char *note, const char *skip)
{
	struct diary_entry r;
	memset(&r, 0, sizeof r);
	r.pain = r.pain_before = r.old_pain = r.old_pain_before = -1;
	r.effort = r.old_effort = -1;
	size_t before = im->errs->n;
	check_common(im, line, day, exercise, at, "logged_at", &r);
	if (pain && *pain) {
		char *end;
		long p = strtol(pain, &end, 10);
		if (*end || p < 0 || p > 10 || end == pain)
			import_problem(
			    im, line,
			    "pain \"%s\" is not a whole number from 0 to 10",
			    QUOTE(pain));
		else
			r.pain = (int)p;
	}
	r.reason = SKIP_NONE;
	char reasons[80];
	if (skip && *skip && !skip_reason_parse(skip, &r.reason))
		import_problem(
		    im, line, "skip \"%s\" is not a reason (%s)", QUOTE(skip),
		    skip_reasons_text(", ", ", ", reasons, sizeof reasons));
	if (im->errs->n > before)
		return;
	r.kind = r.reason != SKIP_NONE ? ENTRY_SKIP : ENTRY_SESSION;
	/* A session's number as it was made: a back-up of the state lists a
	 * day's sessions together, in the order they were logged. */
	if (r.kind == ENTRY_SESSION) {
		if (r.day != im->row_day ||
		    strcmp(r.exercise, im->row_exercise) != 0) {
			im->row_day = r.day;
			strfmt(im->row_exercise, sizeof im->row_exercise, "%s",
			       r.exercise);
			im->row_sessions = 0;
		}
		r.session = ++im->row_sessions;
	}
	r.late = r.kind == ENTRY_SESSION && late_entry(im, r.made_utc, r.day);
	r.note = note && *note ? note : NULL;
	stage(im, &r, false, line);
}

/* Reads one CSV field at *p; returns it (owned) or NULL at a bad quote. */
static char *csv_read_field(const char **p, const char *end, int *line)
{
	const char *s = *p;
	size_t cap = 32, n = 0;
	char *out = xmalloc(cap);
	if (s < end && *s == '"') {
		s++;
		for (;;) {
			if (s >= end) {
				free(out);
				return NULL;
			}
			if (*s == '"') {
				if (s + 1 < end && s[1] == '"') {
					s++;
				} else {
					s++;
					break;
				}
			}
			if (*s == '\n')
				(*line)++;
			if (n + 1 >= cap)
				out = xrealloc(out, cap *= 2);
			out[n++] = *s++;
		}
		if (s < end && *s != ',' && *s != '\n' && *s != '\r') {
			free(out);
			return NULL;
		}
	} else {
		while (s < end && *s != ',' && *s != '\n' && *s != '\r') {
			if (*s == '"') {
				free(out);
				return NULL;
			}
			if (n + 1 >= cap)
				out = xrealloc(out, cap *= 2);
			out[n++] = *s++;
		}
	}
	out[n] = '\0';
	*p = s;
	return out;
}

static void read_csv(struct import *im, const char *buf, size_t len)
{
	static const char header[] = "day,exercise,logged_at,pain,note,skip";
	const char *p = buf, *end = buf + len;
	int line = 1;
	size_t hl = strlen(header);
	if (len < hl || memcmp(buf, header, hl) != 0 ||
	    (len > hl && buf[hl] != '\n' && buf[hl] != '\r')) {
		import_problem(im, 1, "the first line must be \"%s\"", header);
		return;
	}
	p += hl;
	while (p < end) {
		if (*p == '\r')
			p++;
		if (p < end && *p == '\n') {
			p++;
			line++;
		}
		if (p >= end)
			break;
		int start = line;
		char *f[6] = {0};
		int nf = 0;
		bool bad = false;
		for (;;) {
			char *field = csv_read_field(&p, end, &line);
			if (!field) {
				bad = true;
				break;
			}
			csv_unguard(field); /* as csv_cell wrote it */
			if (nf < 6)
				f[nf] = field;
			else
				free(field);
			nf++;
			if (p < end && *p == ',') {
				p++;
				continue;
			}
			break;
		}
		if (bad)
			import_problem(im, start, "a badly quoted field");
		else if (nf != 6)
			import_problem(im, start, "%d fields; a row has 6", nf);
		else
			add_row(im, start, f[0], f[1], f[2], f[3], f[4], f[5]);
		for (int k = 0; k < 6; k++)
			free(f[k]);
		if (bad) {
			/* Resynchronise at the next line. */
			while (p < end && *p != '\n')
				p++;
		}
		release_before(im, (size_t)(p - buf));
	}
}

/* ---- import: JSON ------------------------------------------------------- */

const char *import_json_text(const struct json_value *v)
{
	return v && v->type == JSON_STRING ? v->str : NULL;
}

static void read_json_session(struct import *im, const struct json_value *o)
{
	static const char *const keys[] = {"day",  "exercise", "logged_at",
	                                   "pain", "note",     "skip"};
	if (o->type != JSON_OBJECT) {
		import_problem(im, o->line, "a session must be an object");
		return;
	}
	for (size_t i = 0; i < o->n; i++) {
		bool known = false;
		for (size_t k = 0; k < 6; k++)
			known = known || strcmp(o->keys[i], keys[k]) == 0;
		if (!known)
			import_problem(im, o->items[i].line,
			               "unknown key \"%s\"", QUOTE(o->keys[i]));
	}
	const struct json_value *pain = json_get(o, "pain");
	char pain_text[32] = "";
	if (pain && pain->type == JSON_NUMBER && pain->integer)
		strfmt(pain_text, sizeof pain_text, "%lld", pain->i);
	else if (pain && pain->type != JSON_NULL)
		strfmt(pain_text, sizeof pain_text, "not a number");
	const struct json_value *note = json_get(o, "note");
	if (note && note->type != JSON_NULL && note->type != JSON_STRING) {
		import_problem(im, note->line, "note must be text or null");
		return;
	}
	const char *day = import_json_text(json_get(o, "day"));
	const char *ex = import_json_text(json_get(o, "exercise"));
	const char *at = import_json_text(json_get(o, "logged_at"));
	const struct json_value *skip = json_get(o, "skip");
	if (skip && skip->type != JSON_NULL && skip->type != JSON_STRING) {
		import_problem(im, skip->line, "skip must be a reason or null");
		return;
	}
	add_row(im, o->line, day ? day : "", ex ? ex : "", at ? at : "",
	        pain_text, import_json_text(note), import_json_text(skip));
}

/* A pain field of an entry: null (-1) or 0..10; false on a bad value. */
static bool entry_pain(struct import *im, const struct json_value *v,
                       const char *key, int *out)
{
	*out = -1;
	if (!v || v->type == JSON_NULL)
		return true;
	if (v->type != JSON_NUMBER || !v->integer || v->i < 0 || v->i > 10) {
		import_problem(im, v->line,
		               "%s must be a whole number from 0 to 10 or "
		               "null",
		               key);
		return false;
	}
	*out = (int)v->i;
	return true;
}

/* A text field of an entry: null or a string; false on anything else. */
static bool entry_text(struct import *im, const struct json_value *v,
                       const char *key, const char **out)
{
	*out = NULL;
	if (!v || v->type == JSON_NULL)
		return true;
	if (v->type != JSON_STRING) {
		import_problem(im, v->line, "%s must be text or null", key);
		return false;
	}
	*out = v->str;
	return true;
}

/* The value of an entry: a number with at most one decimal place for a
 * measure, {"ratings", "activities"} for a PSFS check-in (into *items,
 * allocated), null for any other. */
/* A number with at most one decimal place as whole tenths; false for
 * anything else (null, text, 92.25, beyond RX_TENTHS_MAX, 1e999, 1e-9). */
static bool json_tenths(const struct json_value *v, int32_t *out)
{
	if (!v || v->type != JSON_NUMBER)
		return false;
	double t = v->num * 10;
	/* Out of range, infinite or NaN: refused before any cast, which
	 * would be undefined beyond a long long. */
	if (!(t > -RX_TENTHS_MAX - 1.0 && t < RX_TENTHS_MAX + 1.0))
		return false;
	double r =
	    t < 0 ? (double)(long long)(t - 0.5) : (double)(long long)(t + 0.5);
	/* A number other than 0 that is 0 in tenths is too fine, too. */
	if (t - r > 1e-6 || r - t > 1e-6 || (r == 0 && t != 0) ||
	    r > RX_TENTHS_MAX || r < -RX_TENTHS_MAX)
		return false;
	*out = (int32_t)r;
	return true;
}

/* A text of 1 to width columns without control characters, or NULL. */
static const char *json_label(const struct json_value *v, int width)
{
	return v && v->type == JSON_STRING && v->str[0] &&
	               !text_has_control(v->str) && text_width(v->str) <= width
	           ? v->str
	           : NULL;
}

static void read_value(struct import *im, const struct json_value *o,
                       struct diary_entry *e, char **items)
{
	const struct json_value *v = json_get(o, "value");
	bool null = !v || v->type == JSON_NULL;
	if (e->kind == ENTRY_MEASURE) {
		if (!json_tenths(v, &e->value))
			import_problem(
			    im, v ? v->line : o->line,
			    "a measure's value must be a number with at most "
			    "one decimal place");
		return;
	}
	if (e->kind != ENTRY_PSFS) {
		if (!null)
			import_problem(
			    im, v->line,
			    "value must be null (only a measure or a PSFS "
			    "check-in has one)");
		return;
	}
	const struct json_value *ra = null ? NULL : json_get(v, "ratings");
	const struct json_value *ac = null ? NULL : json_get(v, "activities");
	if (null || v->type != JSON_OBJECT || v->n != 2 || !ra || !ac ||
	    ra->type != JSON_ARRAY || ac->type != JSON_ARRAY ||
	    ra->n != ac->n || ra->n < 1 || ra->n > RX_MAX_PSFS) {
		import_problem(
		    im, v ? v->line : o->line,
		    "a PSFS check-in's value is {\"ratings\": [...], "
		    "\"activities\": [...]}, 1 to %d of each",
		    RX_MAX_PSFS);
		return;
	}
	int rating[RX_MAX_PSFS];
	char *activity[RX_MAX_PSFS];
	for (size_t i = 0; i < ra->n; i++) {
		const struct json_value *r = &ra->items[i], *a = &ac->items[i];
		if (r->type != JSON_NUMBER || !r->integer || r->i < 0 ||
		    r->i > 10) {
			import_problem(im, r->line, "a PSFS rating is 0 to 10");
			return;
		}
		if (!json_label(a, RX_NAME_COLUMNS)) {
			import_problem(
			    im, a->line,
			    "a PSFS activity is text of 1 to %d columns "
			    "without control characters",
			    RX_NAME_COLUMNS);
			return;
		}
		rating[i] = (int)r->i;
		activity[i] = a->str;
	}
	*items = psfs_items_format(rating, activity, ra->n);
	e->items = *items;
}

/* An id of a back-up: 16 lowercase hex digits, or (nullable) null. */
static bool json_id(struct import *im, const struct json_value *o,
                    const char *key, bool nullable, entry_id out)
{
	const struct json_value *v = json_get(o, key);
	const char *s = import_json_text(v);
	out[0] = '\0';
	if (nullable && (!v || v->type == JSON_NULL))
		return true;
	bool ok = s && strlen(s) == ENTRY_ID_LEN;
	for (size_t i = 0; ok && i < ENTRY_ID_LEN; i++)
		ok = (s[i] >= '0' && s[i] <= '9') ||
		     (s[i] >= 'a' && s[i] <= 'f');
	if (!ok) {
		import_problem(
		    im, v ? v->line : o->line,
		    "\"%s\" must be an entry's id, 16 digits 0-9 and a-f%s",
		    key, nullable ? ", or null" : "");
		return false;
	}
	memcpy(out, s, ENTRY_ID_LEN + 1);
	return true;
}

/*
 * An entry's identity (SPEC section 6.2): a back-up whose entries carry
 * "id" carries it on every one, with its stamp and what it acts on; a
 * legacy back-up on none (store_stage_identify gives them theirs).
 */
static void read_identity(struct import *im, const struct json_value *o,
                          struct diary_entry *e)
{
	bool has = json_get(o, "id") != NULL;
	if (im->identities < 0) {
		im->identities = has;
		/* A legacy back-up is staged, even into a new file: its
		 * targets are found over each day of the whole file. */
		im->direct = im->fresh && has;
	}
	if (has != (im->identities == 1)) {
		import_problem(
		    im, o->line,
		    has ? "an entry with an \"id\" in a back-up whose "
		          "first entry had none"
		        : "an entry without its \"id\" and \"stamp\"");
		return;
	}
	if (!has)
		return;
	const struct json_value *stamp = json_get(o, "stamp");
	const struct json_value *status = json_get(o, "status");
	enum entry_status st;
	bool ok = json_id(im, o, "id", false, e->id) &&
	          json_id(im, o, "target", true, e->target) &&
	          json_id(im, o, "by", true, e->by);
	if (ok && (!stamp || stamp->type != JSON_NUMBER || !stamp->integer ||
	           stamp->i < CAL_FIRST_MS || stamp->i > CAL_LAST_MS)) {
		import_problem(
		    im, stamp ? stamp->line : o->line,
		    "\"stamp\" must be whole milliseconds since 1970 within "
		    "the years 1 to 9999");
		ok = false;
	}
	if (ok && status && status->type != JSON_NULL &&
	    (!import_json_text(status) ||
	     !entry_status_parse(status->str, &st))) {
		import_problem(
		    im, status->line,
		    "\"status\" must be standing, taken back, superseded, "
		    "withdrawn or inert");
		ok = false;
	}
	if (!ok)
		return;
	e->stamp = stamp->i;
	bool acts = e->kind == ENTRY_UNDO || e->kind == ENTRY_REDO ||
	            e->kind == ENTRY_CORRECTION || e->kind == ENTRY_WITHDRAW;
	if (!acts && (e->target[0] || e->by[0]))
		import_problem(im, o->line,
		               "a %s acts on no other entry: its "
		               "\"target\" and \"by\" are null",
		               entry_kind_name(e->kind));
	else if (e->kind != ENTRY_WITHDRAW && e->by[0])
		import_problem(im, o->line, "only a withdrawal has \"by\"");
	else if (e->kind == ENTRY_WITHDRAW && !e->target[0] != !e->by[0])
		import_problem(
		    im, o->line,
		    "a withdrawal names both the skip (\"target\") and the "
		    "session that made it (\"by\"), or neither");
}

/* A text of an entry, refused with its line if it may not be stored
 * (text_check: a control character, or longer than max bytes). */
static void check_new_text(struct import *im, const struct json_value *v,
                           const char *what, size_t max)
{
	char why[160];
	if (v && v->type == JSON_STRING &&
	    !text_check(v->str, what, max, why, sizeof why))
		import_problem(im, v->line, "%s", why);
}

/*
 * The texts of an entry of the new schema (one with an "id"): its note,
 * the note a correction replaces and a check-in's activities may hold no
 * control character, and a note no more than TEXT_NOTE_MAX bytes. A
 * legacy back-up's are kept as they are (SPEC 6.2, settled point 10).
 */
static void check_new_texts(struct import *im, const struct json_value *o)
{
	const struct json_value *v = json_get(o, "replaces");
	check_new_text(im, json_get(o, "note"), "a note", TEXT_NOTE_MAX);
	check_new_text(im, json_get(v, "note"), "a note", TEXT_NOTE_MAX);
	v = json_get(json_get(o, "value"), "activities");
	for (size_t i = 0; v && v->type == JSON_ARRAY && i < v->n; i++)
		check_new_text(im, &v->items[i], "a PSFS activity", 0);
}

/* What a correction of a back-up replaces ("replaces": {"pain": 4}), into
 * e's old values and fixes; any other entry replaces nothing. */
static void read_replaces(struct import *im, const struct json_value *o,
                          struct diary_entry *e)
{
	const struct json_value *v = json_get(o, "replaces");
	e->old_pain = e->old_pain_before = e->old_effort = -1;
	if (e->kind != ENTRY_CORRECTION) {
		if (v && v->type != JSON_NULL)
			import_problem(im, v->line,
			               "only a correction replaces anything");
		return;
	}
	if (!v || v->type != JSON_OBJECT || v->n == 0)
		import_problem(im, o->line,
		               "a correction needs \"replaces\": the values it "
		               "replaces");
	for (size_t i = 0; v && v->type == JSON_OBJECT && i < v->n; i++) {
		const char *k = v->keys[i];
		if (!strcmp(k, "pain") &&
		    entry_pain(im, &v->items[i], k, &e->old_pain))
			e->fixes |= FIX_PAIN;
		else if (!strcmp(k, "pain_before") &&
		         entry_pain(im, &v->items[i], k, &e->old_pain_before))
			e->fixes |= FIX_PAIN_BEFORE;
		else if (!strcmp(k, "effort") &&
		         entry_pain(im, &v->items[i], k, &e->old_effort))
			e->fixes |= FIX_EFFORT;
		else if (!strcmp(k, "note") &&
		         entry_text(im, &v->items[i], k, &e->old_note))
			e->fixes |= FIX_NOTE;
		else if (strcmp(k, "pain") && strcmp(k, "pain_before") &&
		         strcmp(k, "effort") && strcmp(k, "note"))
			import_problem(
			    im, v->items[i].line,
			    "replaces holds pain, pain_before, effort "
			    "or note, not \"%s\"",
			    QUOTE(k));
	}
	if (e->session < 1)
		import_problem(im, o->line, "a correction names its session");
}

/* A session's time slot (SPEC 2.2): "HH:MM", or absent or null. */
static void entry_slot(struct import *im, const struct json_value *v,
                       struct diary_entry *e)
{
	int m;
	const char *t = import_json_text(v);
	if (!v || v->type == JSON_NULL)
		return;
	if (!t || !cal_parse_clock(t, &m) || e->kind != ENTRY_SESSION)
		import_problem(
		    im, v->line,
		    "slot must be a time HH:MM on a session, or null");
	else
		strfmt(e->slot, sizeof e->slot, "%s", t);
}

/* An entry's effort (SPEC 2.2): a session's or a correction's only (known:
 * its kind was read). */
static void entry_effort(struct import *im, const struct json_value *o,
                         bool known, struct diary_entry *e)
{
	const struct json_value *v = json_get(o, "effort");
	entry_pain(im, v, "effort", &e->effort);
	if (e->effort >= 0 && known && e->kind != ENTRY_SESSION &&
	    e->kind != ENTRY_CORRECTION)
		import_problem(im, v->line,
		               "only a session or a correction has an effort");
}

/* An advance entry's step, back and effective day (SPEC 2.2): required
 * on an advance, absent (or null) on any other entry. */
static void entry_advance(struct import *im, const struct json_value *o,
                          struct diary_entry *e)
{
	const struct json_value *st = json_get(o, "step");
	const struct json_value *bk = json_get(o, "back");
	const struct json_value *ef = json_get(o, "effective");
	e->effective = CAL_NONE;
	if (e->kind != ENTRY_ADVANCE) {
		if ((st && st->type != JSON_NULL) ||
		    (bk && bk->type != JSON_NULL) ||
		    (ef && ef->type != JSON_NULL))
			import_problem(im, o->line,
			               "only an advance has a step, back and "
			               "effective day");
		return;
	}
	const char *t = import_json_text(ef);
	if (!st || st->type != JSON_NUMBER || !st->integer || st->i < 0 ||
	    st->i > RX_MAX_STEPS)
		import_problem(
		    im, st ? st->line : o->line,
		    "an advance's step must be a number from 0 to %d",
		    RX_MAX_STEPS);
	else
		e->step = (int)st->i;
	if (!bk || bk->type != JSON_BOOL)
		import_problem(im, bk ? bk->line : o->line,
		               "an advance's back must be true or false");
	else
		e->back = bk->b;
	if (!t || !cal_parse_date(t, &e->effective) || e->effective < e->day ||
	    e->effective > e->day + 1)
		import_problem(im, ef ? ef->line : o->line,
		               "an advance's effective must be its day or the "
		               "next (YYYY-MM-DD)");
}

/* One entry of the diary of a JSON back-up (the shape of `hep log
 * --json`), checked and staged as it is. */
static void read_json_entry(struct import *im, const struct json_value *o)
{
	static const char *const keys[] = {
	    "seq",     "made_at", "kind",     "exercise",    "day",
	    "session", "late",    "pain",     "pain_before", "note",
	    "reason",  "value",   "replaces", "id",          "stamp",
	    "target",  "by",      "status",   "effort",      "slot",
	    "step",    "back",    "effective"};
	if (!im->entries && im->stage && !im->failed) {
		/* The state rows read so far go: the diary says it all. */
		im->added = 0;
		if (store_stage_drop_rows(im->ctx->store) != 0) {
			import_problem(im, 0, "%s",
			               store_error(im->ctx->store));
			im->failed = true;
		}
	}
	im->entries = true;
	if (o->type != JSON_OBJECT) {
		import_problem(im, o->line, "an entry must be an object");
		return;
	}
	size_t before = im->errs->n;
	for (size_t i = 0; i < o->n; i++) {
		bool known = false;
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			known = known || strcmp(o->keys[i], keys[k]) == 0;
		if (!known)
			import_problem(im, o->items[i].line,
			               "unknown key \"%s\"", QUOTE(o->keys[i]));
	}
	struct diary_entry e;
	memset(&e, 0, sizeof e);
	const char *kind = import_json_text(json_get(o, "kind"));
	if (!kind || !entry_kind_parse(kind, &e.kind))
		import_problem(
		    im, o->line,
		    "kind \"%s\" is not one this hep knows (session, "
		    "skip, undo, redo, correction, withdraw, measure, "
		    "psfs, advance)",
		    QUOTE(kind ? kind : ""));
	const char *day = import_json_text(json_get(o, "day"));
	const char *ex = import_json_text(json_get(o, "exercise"));
	const char *at = import_json_text(json_get(o, "made_at"));
	bool psfs = kind && e.kind == ENTRY_PSFS;
	if (psfs && ex)
		import_problem(im, o->line,
		               "a PSFS check-in names no exercise");
	check_common(im, o->line, day ? day : "",
	             psfs ? NULL
	             : ex ? ex
	                  : "",
	             at ? at : "", "made_at", &e);
	const struct json_value *v = json_get(o, "session");
	if (v && v->type != JSON_NULL &&
	    (v->type != JSON_NUMBER || !v->integer || v->i < 1 ||
	     v->i > 1000000))
		import_problem(im, v->line,
		               "session must be a number from 1 or null");
	else if (v && v->type == JSON_NUMBER)
		e.session = (int)v->i;
	v = json_get(o, "late");
	if (v && v->type != JSON_BOOL)
		import_problem(im, v->line, "late must be true or false");
	e.late = v && v->type == JSON_BOOL && v->b;
	entry_pain(im, json_get(o, "pain"), "pain", &e.pain);
	entry_pain(im, json_get(o, "pain_before"), "pain_before",
	           &e.pain_before);
	entry_effort(im, o, kind != NULL, &e);
	entry_text(im, json_get(o, "note"), "note", &e.note);
	entry_slot(im, json_get(o, "slot"), &e);
	entry_advance(im, o, &e);
	const char *reason;
	char reasons[80];
	if (entry_text(im, json_get(o, "reason"), "reason", &reason) &&
	    reason && !skip_reason_parse(reason, &e.reason))
		import_problem(
		    im, o->line, "reason \"%s\" is not a reason (%s)",
		    QUOTE(reason),
		    skip_reasons_text(", ", ", ", reasons, sizeof reasons));
	if (json_get(o, "id")) /* the new schema */
		check_new_texts(im, o);
	char *items = NULL;
	read_value(im, o, &e, &items);
	if (im->errs->n == before)
		read_replaces(im, o, &e);
	if (im->errs->n == before &&
	    (e.kind == ENTRY_SKIP || e.kind == ENTRY_WITHDRAW) &&
	    e.reason == SKIP_NONE)
		import_problem(im, o->line, "a %s needs its reason",
		               entry_kind_name(e.kind));
	if (im->errs->n == before)
		read_identity(im, o, &e);
	if (im->errs->n == before)
		stage(im, &e, true, o->line);
	free(items);
}

/* The shared rules' faults (rx_json, rx_check) as the import's. */
static void say_problem(void *arg, int line, const char *msg)
{
	import_problem(arg, line, "%s", msg);
}

/*
 * One prescription of a JSON back-up: a snapshot, checked, and kept unless
 * it can change nothing: with --entries-only, or when this file holds a
 * snapshot of its date (the stored one is kept, SPEC section 6.2). Another
 * copy's back-up holds the same versions: letting them go as read keeps
 * one set in memory, not two (bench: ten years, under 12 MiB).
 */
static void read_json_prescription(struct import *im,
                                   const struct json_value *p)
{
	struct rx_report r = {say_problem, im, 0};
	struct rx_snapshot s;
	if (!rx_json_snapshot(p, &r, &s))
		return;
	bool stored = false;
	if (!im->entries_only && im->ctx->store &&
	    store_snapshot_dated(im->ctx->store, s.from, &stored) != 0)
		stored = false; /* kept: write_snapshots decides again */
	if (im->entries_only || stored) {
		rx_snapshot_clear(&s);
		return;
	}
	im->snaps = xrealloc(im->snaps, (im->n_snaps + 1) * sizeof *im->snaps);
	im->snap_lines = xrealloc(im->snap_lines,
	                          (im->n_snaps + 1) * sizeof *im->snap_lines);
	im->snap_lines[im->n_snaps] = p->line;
	im->snaps[im->n_snaps++] = s;
}

/* One version of the measures and the PSFS of a JSON back-up, kept. */
static void read_json_plan(struct import *im, const struct json_value *p)
{
	struct rx_report r = {say_problem, im, 0};
	struct rx_outcome_plan plan;
	if (!rx_json_plan(p, &r, &plan))
		return;
	if (plan.from > im->ctx->today) {
		char d[CAL_DATE_LEN];
		import_problem(im, p->line,
		               "a version of the measures from %s, in the "
		               "future",
		               cal_format(plan.from, d));
		rx_outcome_plan_clear(&plan);
		return;
	}
	im->plans = xrealloc(im->plans, (im->n_plans + 1) * sizeof *im->plans);
	im->plans[im->n_plans++] = plan;
}

/* One element of a list of the back-up, as the parser reaches it. */
static void each_element(void *arg, const char *key,
                         const struct json_value *item, size_t parsed)
{
	struct import *im = arg;
	if (strcmp(key, "entries") == 0)
		read_json_entry(im, item);
	else if (strcmp(key, "sessions") == 0)
		read_json_session(im, item);
	else if (strcmp(key, "prescriptions") == 0)
		read_json_prescription(im, item);
	else if (strcmp(key, "outcome_plans") == 0)
		read_json_plan(im, item);
	release_before(im, parsed);
}

static void read_json(struct import *im, const char *buf, size_t len)
{
	struct json_value *root;
	char err[200];
	int line;
	if (json_parse_each(buf, len, each_element, im, &root, &line, err,
	                    sizeof err) != 0) {
		import_problem(im, line, "%s", err);
		return;
	}
	const struct json_value *sessions = json_get(root, "sessions");
	const struct json_value *entries = json_get(root, "entries");
	const struct json_value *rxs = json_get(root, "prescriptions");
	if (entries && entries->type != JSON_ARRAY)
		import_problem(im, entries->line, "\"entries\" must be a list");
	else if (entries && !im->entries && im->stage && !im->failed) {
		/* An empty diary: the state rows go too. */
		im->entries = true;
		im->added = 0;
		if (store_stage_drop_rows(im->ctx->store) != 0) {
			import_problem(im, 0, "%s",
			               store_error(im->ctx->store));
			im->failed = true;
		}
	}
	if ((!sessions || sessions->type != JSON_ARRAY) && !entries)
		import_problem(im, root->line, "a \"sessions\" list is needed");
	if (rxs && rxs->type != JSON_ARRAY)
		import_problem(im, rxs->line,
		               "\"prescriptions\" must be a list");
	const struct json_value *plans = json_get(root, "outcome_plans");
	if (plans && plans->type != JSON_ARRAY)
		import_problem(im, plans->line,
		               "\"outcome_plans\" must be a list");
	json_free(root);
}

/* Reads the rows of buf (CSV or JSON, told by its first character). */
static void read_rows(struct import *im, const char *buf, size_t len)
{
	/* Valid UTF-8 without NUL, checked a mebibyte at a time (each piece
	 * ending on a character's first byte), the line counted as it goes. */
	int line = 1;
	for (size_t at = 0; at < len;) {
		size_t n = len - at < (1u << 20) ? len - at : (1u << 20);
		while (at + n < len && n > 0 &&
		       ((unsigned char)buf[at + n] & 0xC0) == 0x80)
			n--;
		if (n == 0)
			n = len - at;
		size_t bad;
		const char *nul = memchr(buf + at, '\0', n);
		if (nul || !text_utf8_valid(buf + at, n, &bad)) {
			size_t upto = nul ? (size_t)(nul - buf - at) : bad;
			for (size_t k = 0; k < upto && k < n; k++)
				line += buf[at + k] == '\n';
			import_problem(im, line, "not valid UTF-8 text");
			return;
		}
		for (size_t k = 0; k < n; k++)
			line += buf[at + k] == '\n';
		at += n;
		release_before(im, at);
	}
	im->released = 0; /* read again from the start */
	size_t first = 0;
	while (first < len && strchr(" \t\r\n", buf[first]))
		first++;
	if (first < len && buf[first] == '{')
		read_json(im, buf, len);
	else {
		im->csv = true;
		read_csv(im, buf, len);
	}
}

static void import_release(struct import *im)
{
	rx_snapshots_free(im->snaps, im->n_snaps);
	free(im->snap_lines);
	rx_outcome_plans_free(im->plans, im->n_plans);
	if (im->map_len > 0)
		munmap((void *)im->buf, im->map_len);
	free(im->read);
}

int backup_check_buffer(const char *name, const char *buf, size_t len,
                        cal_day today, struct rx_errors *errs)
{
	struct hep_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.today = today;
	struct import im;
	memset(&im, 0, sizeof im);
	im.path = name;
	im.ctx = &ctx;
	im.errs = errs;
	read_rows(&im, buf, len);
	import_release(&im);
	return errs->n ? -1 : 0;
}

/* The name messages give standard input ("hep import -"). */
#define STDIN_NAME "(standard input)"

/* Reads fd whole into im->buf (at most BACKUP_MAX_BYTES); false with a
 * problem if not. */
static bool read_whole(struct import *im, int fd, size_t *len)
{
	/* One byte past the limit tells a file too large. */
	size_t n = 0, cap = 1 << 16, limit = (size_t)BACKUP_MAX_BYTES + 1;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			if (cap == limit)
				break;
			cap = cap < limit / 2 ? cap * 2 : limit;
			buf = xrealloc(buf, cap);
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			import_problem(im, 0, "cannot read: %s",
			               strerror(errno));
			free(buf);
			return false;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > BACKUP_MAX_BYTES) {
		import_problem(im, 0, "the file is larger than 256 MiB");
		free(buf);
		return false;
	}
	im->buf = im->read = buf;
	*len = n;
	return true;
}

/*
 * Maps the file at im->path into im->buf, or reads standard input whole
 * for "-"; false with a problem if not. Only a regular file is read: it is
 * opened without blocking, so that a FIFO or a device is refused at once,
 * never waited on (SPEC section 6.2).
 */
static bool map_file(struct import *im, const char *path, size_t *len)
{
	if (strcmp(path, "-") == 0) {
		im->path = STDIN_NAME;
		return read_whole(im, STDIN_FILENO, len);
	}
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	if (fd < 0) {
		import_problem(im, 0, "cannot open: %s", strerror(errno));
		return false;
	}
	bool ok = false;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		import_problem(im, 0, "not a regular file");
	} else if (sb.st_size > BACKUP_MAX_BYTES) {
		import_problem(im, 0, "the file is larger than 256 MiB");
	} else if (sb.st_size == 0) {
		im->buf = "";
		*len = 0;
		ok = true;
	} else {
		void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE,
		               fd, 0);
		if (p == MAP_FAILED) {
			import_problem(im, 0, "cannot read: %s",
			               strerror(errno));
		} else {
			im->buf = p;
			im->map_len = *len = (size_t)sb.st_size;
			ok = true;
		}
	}
	close(fd);
	return ok;
}

int backup_import(struct hep_ctx *ctx, const char *path, bool entries_only,
                  struct rx_errors *errs, char *msg, size_t msglen, bool *csv)
{
	struct import im;
	memset(&im, 0, sizeof im);
	im.path = path;
	im.ctx = ctx;
	im.errs = errs;
	im.stage = true;
	im.identities = -1;
	im.entries_only = entries_only;
	*csv = false;
	size_t len = 0;
	int rc = -1;
	struct store *st = ctx->store;
	if (ctx->clock_behind[0]) {
		import_problem(&im, 0, "nothing was imported: %s",
		               ctx->clock_behind);
		goto out;
	}
	if (!map_file(&im, path, &len))
		goto out;
	/* One transaction: every row is checked and staged (or, into a file
	 * with nothing recorded, appended at once), then merged; any problem
	 * and nothing at all was written. */
	im.lo = im.hi = im.row_day = CAL_NONE;
	if (store_check(st) != 0 || store_begin(st) != 0 ||
	    store_last_seq(st, &im.seq) != 0 || store_bulk_begin(st) != 0 ||
	    store_stage_begin(st, &im.fresh) != 0) {
		import_problem(&im, 0, "%s", store_error(st));
		store_rollback(st);
		goto out;
	}
	read_rows(&im, im.buf, len);
	if (errs->n > 0) {
		store_rollback(st);
		goto out;
	}
	*csv = im.csv;
	size_t added, kept, snaps;
	if (import_write_rows(&im, &added, &kept, &snaps) != 0 ||
	    (!entries_only && import_write_plans(&im) != 0) ||
	    store_bulk_end(st, im.lo == CAL_NONE ? ctx->today : im.lo,
	                   im.hi == CAL_NONE ? ctx->today : im.hi) != 0 ||
	    store_stage_end(st) != 0) {
		if (errs->n == 0)
			import_problem(&im, 0, "%s", store_error(st));
		store_rollback(st);
		goto out;
	}
	if (store_commit(st) != 0) {
		import_problem(&im, 0,
		               "%s (the import may or may not be saved)",
		               store_error(st));
		goto out;
	}
	strfmt(msg, msglen, "imported %zu row%s from %s (%zu already there)%s",
	       added, added == 1 ? "" : "s", TEXT_QUOTE(im.path, 256), kept,
	       snaps ? "; prescriptions restored" : "");
	rc = 0;
out:
	import_release(&im);
	return rc;
}
