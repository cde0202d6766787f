#include "hep/prescription.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hep/rx_check.h"
#include "hep/text.h"
#include "hep/util.h"

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

static bool is_text_type(enum rx_type t)
{
	return t == RX_TEXT || t == RX_LABELS || t == RX_TEMPO;
}

static bool is_range_type(enum rx_type t)
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
	if (!is_text_type(f->type))
		return NULL;
	return *(char *const *)(const void *)((const char *)e + f->offset);
}

struct rx_range rx_field_range(const struct rx_exercise *e,
                               const struct rx_field *f)
{
	if (!is_range_type(f->type))
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
	if (!is_text_type(f->type))
		return;
	char **p = (char **)(void *)((char *)e + f->offset);
	free(*p);
	*p = v ? xstrdup(v) : NULL;
}

void rx_field_set_range(struct rx_exercise *e, const struct rx_field *f,
                        struct rx_range v)
{
	if (is_range_type(f->type))
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
static void set_defaults(struct rx_exercise *e)
{
	for (size_t i = 0; i < RX_FIELDS; i++)
		rx_field_default(e, &rx_fields[i]);
	e->step_from = CAL_NONE;
}

/* ---- errors ---------------------------------------------------------- */

static void add_error(struct rx_errors *errs, const char *file, int line,
                      const char *fmt, ...) HEP_PRINTF(4, 5);

static void add_error(struct rx_errors *errs, const char *file, int line,
                      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* What the file says, quoted, is shown escaped, never raw (SPEC
	 * section 6.2). */
	char *shown = text_escape_dup(msg);
	char *text = line > 0 ? xasprintf("%s:%d: %s", file, line, shown)
	                      : xasprintf("%s: %s", file, shown);
	free(shown);
	free(msg);
	errs->msgs = xrealloc(errs->msgs, (errs->n + 1) * sizeof *errs->msgs);
	errs->line = xrealloc(errs->line, (errs->n + 1) * sizeof *errs->line);
	errs->line[errs->n] = line;
	errs->msgs[errs->n++] = text;
}

/* Orders the messages from first..n by line, keeping the order of ties. */
static void sort_errors(struct rx_errors *errs, size_t first)
{
	for (size_t i = first + 1; i < errs->n; i++) {
		for (size_t k = i;
		     k > first && errs->line[k - 1] > errs->line[k]; k--) {
			int l = errs->line[k];
			char *m = errs->msgs[k];
			errs->line[k] = errs->line[k - 1];
			errs->msgs[k] = errs->msgs[k - 1];
			errs->line[k - 1] = l;
			errs->msgs[k - 1] = m;
		}
	}
}

void rx_errors_free(struct rx_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++)
		free(errs->msgs[i]);
	free(errs->msgs);
	free(errs->line);
	errs->msgs = NULL;
	errs->line = NULL;
	errs->n = 0;
}

/* ---- the pre-scan: what libconfig 1.5 would silently get wrong -------- */

struct scan {
	const char *file;
	const char *buf;
	size_t len, i;
	int line;
	struct rx_errors *errs;
};

static int scan_peek(const struct scan *s, size_t ahead)
{
	return s->i + ahead < s->len ? (unsigned char)s->buf[s->i + ahead] : -1;
}

static void scan_advance(struct scan *s)
{
	if (s->buf[s->i] == '\n')
		s->line++;
	s->i++;
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*';
}

static bool is_name_char(int c)
{
	return is_name_start(c) || is_digit(c) || c == '-' || c == '_';
}

/*
 * An integer token: libconfig 1.5 (as Debian builds it) keeps only the low
 * 32 bits of a decimal or hex literal, so 4294967308 reads as 12. Reject any
 * integer literal whose value does not fit: decimals in int32, hex in 32
 * bits (0xFFFFFFFF reads as -1, which the range checks then catch).
 */
static void scan_number(struct scan *s)
{
	size_t start = s->i;
	bool neg = false, hex = false, too_big = false;
	uint64_t v = 0;
	if (scan_peek(s, 0) == '-' || scan_peek(s, 0) == '+') {
		neg = scan_peek(s, 0) == '-';
		s->i++;
	}
	if (scan_peek(s, 0) == '0' &&
	    (scan_peek(s, 1) == 'x' || scan_peek(s, 1) == 'X')) {
		hex = true;
		s->i += 2;
		while (is_hex(scan_peek(s, 0))) {
			int c = scan_peek(s, 0);
			int d = is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
			if (v > (UINT64_MAX >> 4))
				too_big = true;
			else
				v = v * 16 + (uint64_t)d;
			s->i++;
		}
	} else {
		while (is_digit(scan_peek(s, 0))) {
			if (v > (UINT64_MAX - 9) / 10)
				too_big = true;
			else
				v = v * 10 + (uint64_t)(scan_peek(s, 0) - '0');
			s->i++;
		}
		int c = scan_peek(s, 0);
		if (c == '.' || c == 'e' || c == 'E') {
			/* A float: its type is checked after parsing. */
			while (is_digit(scan_peek(s, 0)) ||
			       scan_peek(s, 0) == '.' ||
			       scan_peek(s, 0) == 'e' ||
			       scan_peek(s, 0) == 'E' ||
			       ((scan_peek(s, 0) == '-' ||
			         scan_peek(s, 0) == '+') &&
			        (s->buf[s->i - 1] | 0x20) == 'e'))
				s->i++;
			return;
		}
	}
	if (hex)
		too_big = too_big || neg || v > 0x7FFFFFFFu;
	else
		too_big = too_big || (neg ? v > 2147483648u : v > 2147483647u);
	if (too_big) {
		int n = (int)(s->i - start);
		add_error(s->errs, s->file, s->line,
		          "number %.*s does not fit in 32 bits",
		          n > 40 ? 40 : n, s->buf + start);
	}
	while (scan_peek(s, 0) == 'L')
		s->i++;
}

static void scan_string(struct scan *s)
{
	int open_line = s->line;
	s->i++; /* the opening quote */
	while (s->i < s->len) {
		char c = s->buf[s->i];
		if (c == '"') {
			s->i++;
			return;
		}
		if (c == '\\' && s->i + 1 < s->len) {
			if (s->buf[s->i + 1] == 'x' && s->i + 3 < s->len &&
			    s->buf[s->i + 2] == '0' && s->buf[s->i + 3] == '0')
				add_error(
				    s->errs, s->file, s->line,
				    "a string holds a NUL escape (\\x00)");
			s->i++;
		}
		scan_advance(s);
	}
	add_error(s->errs, s->file, open_line, "unterminated string");
}

static void scan_block_comment(struct scan *s)
{
	int open_line = s->line;
	s->i += 2;
	while (s->i < s->len) {
		if (s->buf[s->i] == '*' && scan_peek(s, 1) == '/') {
			s->i += 2;
			return;
		}
		scan_advance(s);
	}
	add_error(s->errs, s->file, open_line, "unterminated /* comment");
}

static bool at_line_start(const struct scan *s)
{
	for (size_t k = s->i; k > 0; k--) {
		char c = s->buf[k - 1];
		if (c == '\n')
			return true;
		if (c != ' ' && c != '\t')
			return false;
	}
	return true;
}

/* Returns the number of errors it added. */
static size_t prescan(const char *file, const char *buf, size_t len,
                      struct rx_errors *errs)
{
	size_t before = errs->n;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		add_error(errs, file, 1,
		          "the file starts with a byte order mark (BOM); save "
		          "it as UTF-8 without one");
		return errs->n - before;
	}
	const char *nul = memchr(buf, '\0', len);
	size_t bad;
	if (nul) {
		int line = 1;
		for (const char *p = buf; p < nul; p++)
			line += *p == '\n';
		add_error(errs, file, line, "the file holds a NUL byte");
		return errs->n - before;
	}
	if (!text_utf8_valid(buf, len, &bad)) {
		int line = 1;
		for (size_t k = 0; k < bad; k++)
			line += buf[k] == '\n';
		add_error(errs, file, line, "invalid UTF-8");
		return errs->n - before;
	}

	struct scan s = {file, buf, len, 0, 1, errs};
	/* Lines where the open ( [ { are, to name one never closed. */
	int open_at[RX_MAX_DEPTH];
	char open_ch[RX_MAX_DEPTH];
	int depth = 0;
	bool too_deep = false;
	while (s.i < s.len) {
		int c = scan_peek(&s, 0);
		if (c == '(' || c == '[' || c == '{') {
			if (depth == RX_MAX_DEPTH) {
				if (!too_deep)
					add_error(errs, file, s.line,
					          "lists and groups are nested "
					          "too deeply");
				too_deep = true;
			} else {
				open_ch[depth] = (char)c;
				open_at[depth++] = s.line;
			}
			s.i++;
			continue;
		}
		if ((c == ')' || c == ']' || c == '}') && !too_deep) {
			char want = c == ')' ? '(' : c == ']' ? '[' : '{';
			int k = depth - 1;
			while (k >= 0 && open_ch[k] != want)
				k--;
			/* A closer with no opener is libconfig's syntax error.
			 */
			if (k >= 0) {
				for (int j = k + 1; j < depth; j++)
					add_error(errs, file, open_at[j],
					          "'%c' is never closed",
					          open_ch[j]);
				depth = k;
			}
			s.i++;
			continue;
		}
		if (c == '#' || (c == '/' && scan_peek(&s, 1) == '/')) {
			while (s.i < s.len && s.buf[s.i] != '\n')
				s.i++;
		} else if (c == '/' && scan_peek(&s, 1) == '*') {
			scan_block_comment(&s);
		} else if (c == '"') {
			scan_string(&s);
		} else if (c == '@') {
			if (s.len - s.i >= 8 &&
			    memcmp(s.buf + s.i, "@include", 8) == 0)
				add_error(errs, file, s.line,
				          "@include is not allowed in a "
				          "prescription");
			else if (at_line_start(&s))
				add_error(errs, file, s.line, "unexpected '@'");
			s.i++;
		} else if (is_name_start(c)) {
			while (is_name_char(scan_peek(&s, 0)))
				s.i++;
		} else if (is_digit(c) || ((c == '-' || c == '+') &&
		                           is_digit(scan_peek(&s, 1)))) {
			scan_number(&s);
		} else {
			scan_advance(&s);
		}
	}
	/* An unterminated comment or string swallows closers: say only that. */
	for (int k = 0; !too_deep && errs->n == before && k < depth; k++)
		add_error(errs, file, open_at[k], "'%c' is never closed",
		          open_ch[k]);
	sort_errors(errs, before);
	return errs->n - before;
}

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
	add_error(c->errs, c->file, line, "%s", msg);
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

static bool expect_type(struct check *c, const config_setting_t *s, int type,
                        const char *what)
{
	int t = config_setting_type(s);
	if (t == type || (type == CONFIG_TYPE_ARRAY && t == CONFIG_TYPE_LIST))
		return true;
	add_error(c->errs, c->file, line_of(s), "'%s' must be %s, not %s",
	          setting_name(s), what, type_name(t));
	return false;
}

static bool get_int(struct check *c, const config_setting_t *s, int lo, int hi,
                    int *out)
{
	if (!expect_type(c, s, CONFIG_TYPE_INT, "a whole number"))
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
			add_error(c->errs, c->file, line_of(m),
			          "unknown setting '%s'%s", name, where);
	}
}

static void check_program(struct check *c, const config_setting_t *p)
{
	static const char *const known[] = {
	    "title",       "patient",     "therapist", "start",
	    "day_starts",  "week_starts", "visits",    "pain_limit",
	    "pain_advice", "measures",    "psfs",      NULL};
	struct rx_program *prog = &c->rx->program;
	check_unknown(c, p, known, " in 'program'");

	const config_setting_t *s;
	const char *v;
	if (!(s = config_setting_get_member(p, "title")))
		add_error(c->errs, c->file, line_of(p),
		          "'program' needs a 'title'");
	else if ((v = get_string(c, s, false))) {
		if (!*v)
			add_error(c->errs, c->file, line_of(s),
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
	if ((s = config_setting_get_member(p, "day_starts")) &&
	    (v = get_string(c, s, false)) &&
	    !cal_parse_clock(v, &prog->day_starts))
		add_error(c->errs, c->file, line_of(s),
		          "'day_starts' must be a time as HH:MM, not \"%s\"",
		          v);
	if ((s = config_setting_get_member(p, "week_starts")) &&
	    (v = get_string(c, s, false))) {
		if (strcmp(v, "monday") == 0)
			prog->week_starts = CAL_MON;
		else if (strcmp(v, "sunday") == 0)
			prog->week_starts = CAL_SUN;
		else
			add_error(c->errs, c->file, line_of(s),
			          "'week_starts' must be \"monday\" or "
			          "\"sunday\", not \"%s\"",
			          v);
	}
	if ((s = config_setting_get_member(p, "pain_limit")))
		get_int(c, s, 0, 10, &prog->pain_limit);
	if ((s = config_setting_get_member(p, "pain_advice")) &&
	    (v = get_string(c, s, false))) {
		if (!*v)
			add_error(c->errs, c->file, line_of(s),
			          "'pain_advice' is empty");
		prog->pain_advice = xstrdup(v);
	}
	if ((s = config_setting_get_member(p, "visits")) &&
	    expect_type(c, s, CONFIG_TYPE_ARRAY, "an array of dates")) {
		int n = config_setting_length(s);
		prog->visits = xcalloc((size_t)n + 1, sizeof *prog->visits);
		for (int i = 0; i < n; i++) {
			config_setting_t *e =
			    config_setting_get_elem(s, (unsigned)i);
			cal_day day;
			if (config_setting_type(e) != CONFIG_TYPE_STRING)
				add_error(c->errs, c->file, line_of(e),
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

static void copy_version(struct rx_exercise *dst,
                         const struct rx_exercise *src);

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

static void check_days(struct check *c, const config_setting_t *s,
                       struct rx_exercise *e)
{
	if (!expect_type(c, s, CONFIG_TYPE_ARRAY, "an array of weekday names"))
		return;
	size_t n;
	struct rx_item *items = items_of(s, &n);
	rx_check_days(&c->rep, line_of(s), items, n, &e->days);
	free(items);
}

/*
 * A day of an exercise or a step: "YYYY-MM-DD", or "day N" / "week N"
 * counted from program start (SPEC 2.1; for an until, week N is its last
 * day). *written gets the string as given (borrowed), when wanted.
 */
static bool get_day(struct check *c, const config_setting_t *s, bool until,
                    cal_day *out, const char **written)
{
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return get_date(c, s, out); /* says what is wrong */
	const char *v = get_string(c, s, false);
	if (!v)
		return false;
	if (written)
		*written = v;
	return rx_check_day(&c->rep, line_of(s), setting_name(s), v, until,
	                    c->rx->program.start, out);
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
		rx_say_type(&c->rep, line_of(s), f->name,
		            f->type == RX_TIME ? "seconds or a time such as "
		                                 "\"2 min\""
		                               : "a whole number",
		            type_name(t));
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

/* Session labels (rx_check_labels) joined by '\n', or NULL. */
static char *get_labels(struct check *c, const config_setting_t *s)
{
	if (!expect_type(c, s, CONFIG_TYPE_ARRAY, "an array of session labels"))
		return NULL;
	size_t n;
	struct rx_item *items = items_of(s, &n);
	char *joined = rx_check_labels(&c->rep, line_of(s), items, n);
	free(items);
	return joined;
}

bool rx_link_valid(const char *v)
{
	bool ok = v && strncmp(v, "https://", 8) == 0 && v[8] &&
	          strlen(v) <= RX_LINK_MAX;
	for (const char *p = v; ok && *p; p++)
		ok = (unsigned char)*p > ' ' && (unsigned char)*p < 0x7F &&
		     *p != '"' && *p != '\\';
	return ok;
}

/* Reads setting s as field f into e; false if it was wrong (reported). */
static bool read_field(struct check *c, const config_setting_t *s,
                       const struct rx_field *f, struct rx_exercise *e)
{
	int n;
	enum rx_side side;
	cal_day d;
	struct rx_range r;
	const char *v;
	char norm[16];
	switch (f->type) {
	case RX_INT:
		if (!get_int(c, s, f->min, f->max, &n))
			return false;
		rx_field_set_int(e, f, n);
		return true;
	case RX_FLAG:
		if (!expect_type(c, s, CONFIG_TYPE_BOOL, "true or false"))
			return false;
		rx_field_set_int(e, f, config_setting_get_bool(s) ? 1 : 0);
		return true;
	case RX_COUNT:
	case RX_TIME:
		if (!get_range(c, s, f, &r))
			return false;
		rx_field_set_range(e, f, r);
		return true;
	case RX_SIDE:
		if (!(v = get_string(c, s, false)) ||
		    !rx_check_side(&c->rep, line_of(s), v, &side))
			return false;
		rx_field_set_int(e, f, (int)side);
		return true;
	case RX_DAYS:
		check_days(c, s, e);
		return true;
	case RX_DATE:
		if (!get_day(c, s, strcmp(f->name, "until") == 0, &d, NULL))
			return false;
		rx_field_set_int(e, f, d);
		return true;
	case RX_LABELS: {
		char *labels = get_labels(c, s);
		if (!labels)
			return false;
		rx_field_set_text(e, f, labels);
		free(labels);
		return true;
	}
	case RX_TEMPO:
		if (!(v = get_string(c, s, false)) ||
		    !rx_check_tempo(&c->rep, line_of(s), v, norm))
			return false;
		rx_field_set_text(e, f, norm);
		return true;
	case RX_TEXT:
		if (!(v = get_string(c, s, f->multiline)))
			return false;
		rx_field_set_text(e, f, v);
		rx_check_text_field(&c->rep, line_of(s), f, v);
		return true;
	}
	return false;
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
 * A step (SPEC 2.1): version v starts as a copy of the version before it;
 * the step's keys are laid over it, dropping what they cannot stand
 * beside. What is wrong is reported; v is still made, for the next step.
 */
static void check_step(struct check *c, const config_setting_t *g,
                       const struct rx_exercise *base,
                       const struct rx_exercise *prev, struct rx_exercise *v,
                       int k, size_t index)
{
	char where[64];
	strfmt(where, sizeof where, " in step %d of exercise %zu", k,
	       index + 1);
	if (!config_setting_is_group(g)) {
		add_error(c->errs, c->file, line_of(g),
		          "step %d of exercise %zu must be a group { ... }", k,
		          index + 1);
		copy_version(v, prev); /* the later steps build on it */
		v->step = k;
		return;
	}
	const char *known[RX_FIELDS + 2] = {"from"};
	size_t nk = 1;
	for (size_t i = 0; i < RX_FIELDS; i++)
		if (rx_fields[i].in_step)
			known[nk++] = rx_fields[i].name;
	known[nk] = NULL;
	check_unknown(c, g, known, where);
	struct rx_group grp = group_of(g);
	rx_check_excludes(&c->rep, &grp);

	copy_version(v, prev);
	free(v->step_label);
	v->step_label = NULL;
	v->step = k;
	const config_setting_t *from = config_setting_get_member(g, "from");
	const char *written = NULL;
	if (!from)
		add_error(c->errs, c->file, line_of(g),
		          "step %d needs a 'from'", k);
	else if (get_day(c, from, false, &v->step_from, &written))
		v->step_label = xstrdup(written);

	enum rx_kind kind = rx_kind(base);
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		const config_setting_t *s;
		if (!f->in_step || !(s = config_setting_get_member(g, f->name)))
			continue;
		if (!read_field(c, s, f, v))
			continue;
		const char *name = f->name;
		bool schedule = !strcmp(name, "days") ||
		                !strcmp(name, "every") ||
		                !strcmp(name, "per_week");
		rx_check_step_key(&c->rep, line_of(s), k, kind, name);
		/* What the key cannot stand beside goes. */
		if (strcmp(name, "days") != 0 && schedule)
			v->days = RX_ALL_DAYS;
		if (strcmp(name, "every") != 0 && schedule) {
			v->every = 0;
			v->anchor = CAL_NONE;
		}
		if (strcmp(name, "per_week") != 0 && schedule)
			v->per_week = 0;
		if (!strcmp(name, "every"))
			v->anchor = v->step_from;
		if (!strcmp(name, "duration"))
			v->reps = v->hold = (struct rx_range){0, 0};
		if (!strcmp(name, "reps") || !strcmp(name, "hold"))
			v->duration = (struct rx_range){0, 0};
		if (!strcmp(name, "per_day") &&
		    !config_setting_get_member(g, "at")) {
			free(v->at);
			v->at = NULL;
		}
	}
	rx_check_at(&c->rep, &grp, v);
	/* Where the step stands among the others and the phase. */
	const config_setting_t *eg = config_setting_parent(
	    config_setting_parent(g)); /* the exercise's group */
	const config_setting_t *ef =
	    eg ? config_setting_get_member(eg, "from") : NULL;
	const config_setting_t *eu =
	    eg ? config_setting_get_member(eg, "until") : NULL;
	if (from)
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
	const char *known[RX_FIELDS + 3] = {"id", "steps"};
	size_t nk = 2;
	for (size_t i = 0; i < RX_FIELDS; i++)
		if (!rx_fields[i].derived)
			known[nk++] = rx_fields[i].name;
	known[nk] = NULL;
	char where[64];
	snprintf(where, sizeof where, " in exercise %zu", index + 1);
	set_defaults(e);
	if (!config_setting_is_group(g)) {
		add_error(c->errs, c->file, line_of(g),
		          "exercise %zu must be a group { ... }", index + 1);
		return;
	}
	check_unknown(c, g, known, where);

	const config_setting_t *s;
	if (!(s = config_setting_get_member(g, "id")))
		add_error(c->errs, c->file, line_of(g),
		          "exercise %zu needs an 'id'", index + 1);
	else
		read_id(c, s, e->id, sizeof e->id);
	if (!config_setting_get_member(g, "name"))
		add_error(c->errs, c->file, line_of(g),
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
	if (e->as_needed && !config_setting_get_member(g, "per_day"))
		e->per_day = RX_MAX_AT;
	rx_check_every(&c->rep, &grp, e, c->rx->program.start);
	rx_check_phase(&c->rep, &grp, e);
	if ((s = config_setting_get_member(g, "steps")))
		check_steps(c, s, e, index);
}

/* ---- outcomes: measures and the PSFS (SPEC section 8) ------------------ */

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

char *rx_measure_text(const struct rx_measure *m, int32_t tenths, char *buf,
                      size_t size)
{
	char n[24];
	strfmt(buf, size, "%s%s%s", rx_tenths_text(tenths, n, sizeof n),
	       m && m->unit[0] ? " " : "", m ? m->unit : "");
	return buf;
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

char *rx_measure_key_text(const struct rx_measure *m, enum rx_measure_key k,
                          char *buf, size_t size)
{
	switch (k) {
	case RX_MEASURE_NAME:
		strfmt(buf, size, "%s", m->name ? m->name : "");
		break;
	case RX_MEASURE_UNIT:
		strfmt(buf, size, "%s", m->unit ? m->unit : "");
		break;
	case RX_MEASURE_MIN:
		rx_tenths_text(m->min, buf, size);
		break;
	case RX_MEASURE_MAX:
		rx_tenths_text(m->max, buf, size);
		break;
	case RX_MEASURE_EVERY:
		strfmt(buf, size, "%s", rx_every_name(m->every));
		break;
	case RX_MEASURE_GOAL:
		rx_tenths_text(m->goal, buf, size);
		break;
	default:
		strfmt(buf, size, "%s", m->lower_better ? "lower" : "higher");
		break;
	}
	return buf;
}

/* Skips blanks and comments from t[i]; counts the lines passed into *line. */
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

/* A value of a measure (min, max, goal): a number with at most one
 * decimal place as written, into tenths. */
static bool get_tenths(struct check *c, const config_setting_t *s, int32_t *out)
{
	const char *name = config_setting_name(s);
	int t = config_setting_type(s);
	if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_FLOAT) {
		rx_say_type(&c->rep, line_of(s), name, "a number",
		            type_name(t));
		return false;
	}
	const char *tok;
	size_t n;
	if (!written_number(c, s, &tok, &n)) {
		add_error(c->errs, c->file, line_of(s),
		          "'%s' is a number hep cannot find as written; write "
		          "it as \"%s = 92.5;\"",
		          name, name);
		return false;
	}
	int32_t v;
	if (!rx_check_tenths(&c->rep, line_of(s), name, tok, n, &v))
		return false;
	/* The token must be the value libconfig read. */
	double d = t == CONFIG_TYPE_INT ? (double)config_setting_get_int(s)
	                                : config_setting_get_float(s);
	double want = d * 10 + (d < 0 ? -0.5 : 0.5);
	if (want < -2e9 || want > 2e9 || (int64_t)want != v) {
		add_error(c->errs, c->file, line_of(s),
		          "'%s' is a number hep cannot find as written; write "
		          "it as \"%s = 92.5;\"",
		          name, name);
		return false;
	}
	*out = v;
	return true;
}

static void check_measure(struct check *c, const config_setting_t *g,
                          struct rx_measure *m, size_t index, bool visits)
{
	static const char *const known[] = {"id",   "name",   "unit",
	                                    "min",  "max",    "every",
	                                    "goal", "better", NULL};
	m->goal = RX_NO_VALUE;
	if (!config_setting_is_group(g)) {
		add_error(c->errs, c->file, line_of(g),
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
			add_error(c->errs, c->file, id_line(list, i),
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
	c->rx->program.pain_limit = -1;

	const config_setting_t *s = config_setting_get_member(root, "version");
	if (!s)
		add_error(c->errs, c->file, 1, "missing 'version = 1;'");
	else if (expect_type(c, s, CONFIG_TYPE_INT, "a whole number") &&
	         config_setting_get_int(s) != 1)
		add_error(c->errs, c->file, line_of(s),
		          "'version' must be 1, not %d",
		          config_setting_get_int(s));
	s = config_setting_get_member(root, "program");
	if (!s)
		add_error(c->errs, c->file, 1, "missing 'program' group");
	else if (expect_type(c, s, CONFIG_TYPE_GROUP, "a group { ... }"))
		check_program(c, s);

	const config_setting_t *program =
	    s && config_setting_is_group(s) ? s : NULL;
	if (program)
		check_outcomes(c, program);

	s = config_setting_get_member(root, "exercises");
	if (!s) {
		add_error(c->errs, c->file, 1, "missing 'exercises' list");
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

/*
 * libconfig 1.5 says "duplicate setting name" with the line but not the
 * name: the setting on that line whose name an earlier setting of the same
 * group holds. Copies it into out (size bytes) and returns true, or false
 * if the line holds none.
 */
static bool duplicate_name(const char *text, int line, char *out, size_t size)
{
	struct seen {
		size_t at, len;
		int group;
	} *names = NULL;
	size_t n = 0;
	int stack[64], depth = 0, groups = 0, ln = 1;
	stack[0] = 0;
	bool found = false;
	for (const char *p = text; *p && !found; p++) {
		if (*p == '\n') {
			ln++;
		} else if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
			while (p[1] && p[1] != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
				ln += *p == '\n';
			if (!*p)
				break;
			p++;
		} else if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				ln += *p == '\n';
			}
			if (!*p)
				break;
		} else if (strchr("{([", *p)) {
			if (depth < 63)
				stack[++depth] = ++groups;
		} else if (strchr("})]", *p)) {
			if (depth > 0)
				depth--;
		} else if (isalpha((unsigned char)*p) || *p == '*') {
			const char *q = p;
			while (isalnum((unsigned char)*q) || strchr("-_*", *q))
				q++;
			const char *r = q;
			while (*r == ' ' || *r == '\t')
				r++;
			size_t len = (size_t)(q - p);
			if (*r == '=' || *r == ':') {
				for (size_t i = 0;
				     i < n && ln == line && !found; i++)
					found =
					    names[i].group == stack[depth] &&
					    names[i].len == len &&
					    !memcmp(text + names[i].at, p, len);
				if (found)
					strfmt(out, size, "%.*s", (int)len, p);
				if ((n & (n - 1)) == 0)
					names =
					    xrealloc(names, (n ? 2 * n : 1) *
					                        sizeof *names);
				names[n++] = (struct seen){(size_t)(p - text),
				                           len, stack[depth]};
			}
			p = q - 1;
		}
	}
	free(names);
	return found;
}

int rx_load_buffer(const char *name, const char *buf, size_t len,
                   struct rx **out, struct rx_errors *errs)
{
	*out = NULL;
	size_t before = errs->n;
	if (len > RX_MAX_BYTES) {
		add_error(errs, name, 0,
		          "the file is larger than 1 MiB (%zu bytes)", len);
		return -1;
	}
	if (prescan(name, buf, len, errs) > 0)
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
		    duplicate_name(text, config_error_line(&cfg), dup,
		                   sizeof dup))
			add_error(errs, name, config_error_line(&cfg),
			          "duplicate setting '%s'", dup);
		else
			add_error(errs, name, config_error_line(&cfg), "%s",
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
	sort_errors(errs, before);
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
		add_error(errs, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		add_error(errs, path, 0, "not a regular file");
		close(fd);
		return -1;
	}
	if (st.st_size > RX_MAX_BYTES) {
		add_error(errs, path, 0,
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
			add_error(errs, path, 0, "cannot read: %s",
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

void rx_exercise_clear(struct rx_exercise *e)
{
	for (size_t i = 0; i < RX_FIELDS; i++)
		if (is_text_type(rx_fields[i].type))
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
static void copy_version(struct rx_exercise *dst, const struct rx_exercise *src)
{
	*dst = *src;
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		if (!is_text_type(f->type))
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

static bool str_equal(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

bool rx_field_equal(const struct rx_exercise *a, const struct rx_exercise *b,
                    const struct rx_field *f)
{
	if (is_text_type(f->type))
		return str_equal(rx_field_text(a, f), rx_field_text(b, f));
	if (is_range_type(f->type)) {
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
	if (k == RX_MEASURE_NAME)
		return str_equal(a->name, b->name);
	if (k == RX_MEASURE_UNIT)
		return str_equal(a->unit, b->unit);
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
		if (is_text_type(f->type) || strcmp(c->before, c->after) != 0)
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
