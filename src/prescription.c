#include "hep/prescription.h"

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

#include "hep/text.h"
#include "hep/util.h"

/* ---- the fields of an exercise ---------------------------------------- */

#define FIELD(name, column, type, min, max, def, needed, multiline, member)    \
	{                                                                      \
		name, column, type, min, max, def, needed, multiline,          \
		    offsetof(struct rx_exercise, member)                       \
	}

const struct rx_field rx_fields[RX_FIELDS] = {
    FIELD("name", "name", RX_TEXT, 0, 0, 0, true, false, name),
    FIELD("sets", "sets", RX_INT, 1, 999, 1, true, false, sets),
    FIELD("reps", "reps", RX_INT, 1, 999, 0, false, false, reps),
    FIELD("hold", "hold", RX_INT, 1, 999, 0, false, false, hold),
    FIELD("rest", "rest", RX_INT, 1, 999, 0, false, false, rest),
    FIELD("side", "side", RX_SIDE, 0, 0, 0, false, false, side),
    FIELD("per_day", "per_day", RX_INT, 1, 6, 1, true, false, per_day),
    FIELD("days", "days", RX_DAYS, 0, 0, RX_ALL_DAYS, true, false, days),
    FIELD("per_week", "per_week", RX_INT, 1, 7, 0, false, false, per_week),
    FIELD("from", "from_day", RX_DATE, 0, 0, 0, false, false, from),
    FIELD("until", "until_day", RX_DATE, 0, 0, 0, false, false, until),
    FIELD("notes", "notes", RX_TEXT, 0, 0, 0, false, true, notes),
};

#undef FIELD

int rx_field_int(const struct rx_exercise *e, const struct rx_field *f)
{
	const char *p = (const char *)e + f->offset;
	switch (f->type) {
	case RX_INT:
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
	if (f->type != RX_TEXT)
		return NULL;
	return *(char *const *)(const void *)((const char *)e + f->offset);
}

void rx_field_set_int(struct rx_exercise *e, const struct rx_field *f, int v)
{
	char *p = (char *)e + f->offset;
	switch (f->type) {
	case RX_INT:
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
	if (f->type != RX_TEXT)
		return;
	char **p = (char **)(void *)((char *)e + f->offset);
	free(*p);
	*p = v ? xstrdup(v) : NULL;
}

/* An exercise with every field at its default: what the file leaves out. */
static void set_defaults(struct rx_exercise *e)
{
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		if (f->type == RX_DATE)
			rx_field_set_int(e, f, CAL_NONE);
		else if (f->type != RX_TEXT)
			rx_field_set_int(e, f, f->def);
	}
}

/* ---- errors ---------------------------------------------------------- */

static void add_error(struct rx_errors *errs, const char *file, int line,
                      const char *fmt, ...) HEP_PRINTF(4, 5);

static void add_error(struct rx_errors *errs, const char *file, int line,
                      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	char *text = line > 0 ? xasprintf("%s:%d: %s", file, line, msg)
	                      : xasprintf("%s: %s", file, msg);
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

struct check {
	const char *file;
	struct rx_errors *errs;
	struct rx *rx;
};

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
	if (v < lo || v > hi) {
		add_error(c->errs, c->file, line_of(s),
		          "'%s' must be from %d to %d, not %d", setting_name(s),
		          lo, hi, v);
		return false;
	}
	*out = v;
	return true;
}

/* A string with no control characters (notes may hold \n and \t). */
/*
 * A string as text a patient will read: strict UTF-8 (escapes such as \xE9
 * can make invalid bytes), and no control characters, C1 included, which a
 * terminal would obey (notes may hold \n and \t).
 */
static const char *check_text(struct check *c, const config_setting_t *s,
                              const char *v, bool multiline)
{
	const char *name = setting_name(s);
	if (!text_utf8_valid(v, strlen(v), NULL)) {
		add_error(c->errs, c->file, line_of(s),
		          "'%s' is not valid UTF-8", name);
		return NULL;
	}
	for (const char *p = v; *p;) {
		uint32_t cp;
		p += text_utf8_next(p, &cp);
		if (text_cp_width(cp) < 0 &&
		    !(multiline && (cp == '\n' || cp == '\t'))) {
			add_error(c->errs, c->file, line_of(s),
			          "'%s' holds a control character", name);
			return NULL;
		}
	}
	return v;
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
	if (!v)
		return false;
	if (!cal_parse_date(v, out)) {
		add_error(
		    c->errs, c->file, line_of(s),
		    config_setting_name(s)
		        ? "'%s' must be a date as YYYY-MM-DD, not \"%s\""
		        : "'%s' must hold dates as YYYY-MM-DD, not \"%s\"",
		    setting_name(s), v);
		return false;
	}
	return true;
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
	    "title",      "patient",     "therapist", "start",
	    "day_starts", "week_starts", "visits",    NULL};
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

static void check_days(struct check *c, const config_setting_t *s,
                       struct rx_exercise *e)
{
	if (!expect_type(c, s, CONFIG_TYPE_ARRAY, "an array of weekday names"))
		return;
	int n = config_setting_length(s);
	if (n == 0) {
		add_error(c->errs, c->file, line_of(s), "'days' is empty");
		return;
	}
	e->days = 0;
	for (int i = 0; i < n; i++) {
		config_setting_t *d = config_setting_get_elem(s, (unsigned)i);
		const char *v = config_setting_type(d) == CONFIG_TYPE_STRING
		                    ? config_setting_get_string(d)
		                    : NULL;
		enum cal_weekday w;
		if (v && !check_text(c, d, v, false))
			continue;
		if (!v) {
			add_error(c->errs, c->file, line_of(d),
			          "'days' must hold weekday names (\"mon\" ... "
			          "\"sun\")");
		} else if (!cal_parse_weekday(v, &w)) {
			add_error(c->errs, c->file, line_of(d),
			          "unknown weekday \"%s\" in 'days' (use mon, "
			          "tue, wed, thu, fri, sat, sun)",
			          v);
		} else if (e->days & (1u << w)) {
			add_error(c->errs, c->file, line_of(d),
			          "'days' lists \"%s\" twice", v);
		} else {
			e->days |= (uint8_t)(1u << w);
		}
	}
}

static void check_exercise(struct check *c, const config_setting_t *g,
                           struct rx_exercise *e, size_t index)
{
	const char *known[RX_FIELDS + 2] = {"id"};
	for (size_t i = 0; i < RX_FIELDS; i++)
		known[i + 1] = rx_fields[i].name;
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
	const char *v;
	if (!(s = config_setting_get_member(g, "id"))) {
		add_error(c->errs, c->file, line_of(g),
		          "exercise %zu needs an 'id'", index + 1);
	} else if ((v = get_string(c, s, false))) {
		if (!rx_valid_id(v))
			add_error(c->errs, c->file, line_of(s),
			          "'id' must be 1 to 32 of a-z, 0-9 and '-', "
			          "not \"%s\"",
			          v);
		else
			snprintf(e->id, sizeof e->id, "%s", v);
	}
	if (!config_setting_get_member(g, "name"))
		add_error(c->errs, c->file, line_of(g),
		          "exercise %zu needs a 'name'", index + 1);
	/* Each field by its type and range (rx_fields). */
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		if (!(s = config_setting_get_member(g, f->name)))
			continue;
		int n;
		enum rx_side side;
		cal_day d;
		switch (f->type) {
		case RX_INT:
			if (get_int(c, s, f->min, f->max, &n))
				rx_field_set_int(e, f, n);
			break;
		case RX_SIDE:
			if (!(v = get_string(c, s, false)))
				break;
			if (rx_side_parse(v, &side))
				rx_field_set_int(e, f, (int)side);
			else
				add_error(
				    c->errs, c->file, line_of(s),
				    "'side' must be \"left\", \"right\" or "
				    "\"both\", not \"%s\"",
				    v);
			break;
		case RX_DAYS:
			rx_field_set_int(e, f, 0);
			check_days(c, s, e);
			break;
		case RX_DATE:
			if (get_date(c, s, &d))
				rx_field_set_int(e, f, d);
			break;
		case RX_TEXT:
			if (!(v = get_string(c, s, f->multiline)))
				break;
			rx_field_set_text(e, f, v);
			if (strcmp(f->name, "name") != 0)
				break;
			if (!*v)
				add_error(c->errs, c->file, line_of(s),
				          "'name' is empty");
			else if (text_width(v) > RX_NAME_COLUMNS)
				add_error(
				    c->errs, c->file, line_of(s),
				    "'name' is %d columns wide; at most %d",
				    text_width(v), RX_NAME_COLUMNS);
			break;
		}
	}
	/* What a range cannot say. */
	const config_setting_t *days = config_setting_get_member(g, "days");
	if (days && config_setting_get_member(g, "per_week"))
		add_error(c->errs, c->file, line_of(days),
		          "'days' cannot be combined with 'per_week' (flexible "
		          "days)");
	const config_setting_t *until = config_setting_get_member(g, "until");
	if (until && e->from != CAL_NONE && e->until != CAL_NONE &&
	    e->until < e->from)
		add_error(c->errs, c->file, line_of(until),
		          "'until' is before 'from'");
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

	s = config_setting_get_member(root, "exercises");
	if (!s) {
		add_error(c->errs, c->file, 1, "missing 'exercises' list");
		return;
	}
	if (!expect_type(c, s, CONFIG_TYPE_LIST, "a list ( ... ) of exercises"))
		return;
	int n = config_setting_length(s);
	if (n == 0) {
		add_error(c->errs, c->file, line_of(s), "'exercises' is empty");
		return;
	}
	if (n > RX_MAX_EXERCISES) {
		add_error(c->errs, c->file, line_of(s),
		          "'exercises' holds %d exercises; at most %d", n,
		          RX_MAX_EXERCISES);
		return;
	}
	struct rx *rx = c->rx;
	rx->ex = xcalloc((size_t)n, sizeof *rx->ex);
	rx->n_ex = (size_t)n;
	int *lines = xcalloc((size_t)n, sizeof *lines);
	for (int i = 0; i < n; i++) {
		const config_setting_t *g =
		    config_setting_get_elem(s, (unsigned)i);
		check_exercise(c, g, &rx->ex[i], (size_t)i);
		const config_setting_t *id =
		    config_setting_is_group(g)
		        ? config_setting_get_member(g, "id")
		        : NULL;
		lines[i] = id ? line_of(id) : line_of(g);
		for (int k = 0; k < i && rx->ex[i].id[0]; k++) {
			if (strcmp(rx->ex[k].id, rx->ex[i].id) == 0) {
				add_error(
				    c->errs, c->file, lines[i],
				    "duplicate id \"%s\" (first on line %d)",
				    rx->ex[i].id, lines[k]);
				break;
			}
		}
	}
	free(lines);
}

/* ---- loading ----------------------------------------------------------- */

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
		add_error(errs, name, config_error_line(&cfg), "%s",
		          config_error_text(&cfg));
		config_destroy(&cfg);
		free(text);
		return -1;
	}
	struct rx *rx = xcalloc(1, sizeof *rx);
	rx->path = xstrdup(name);
	struct check c = {name, errs, rx};
	check_root(&c, &cfg);
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
	free(e->name);
	free(e->notes);
	e->name = e->notes = NULL;
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

bool rx_exercise_equal(const struct rx_exercise *a, const struct rx_exercise *b)
{
	if (strcmp(a->id, b->id) != 0)
		return false;
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		if (f->type == RX_TEXT
		        ? !str_equal(rx_field_text(a, f), rx_field_text(b, f))
		        : rx_field_int(a, f) != rx_field_int(b, f))
			return false;
	}
	return true;
}

bool rx_side_parse(const char *s, enum rx_side *out)
{
	for (enum rx_side k = RX_SIDE_LEFT; k <= RX_SIDE_BOTH; k++) {
		if (strcmp(s, rx_side_name(k)) == 0) {
			*out = k;
			return true;
		}
	}
	return false;
}

const char *rx_side_name(enum rx_side side)
{
	switch (side) {
	case RX_SIDE_LEFT:
		return "left";
	case RX_SIDE_RIGHT:
		return "right";
	case RX_SIDE_BOTH:
		return "both";
	default:
		return NULL;
	}
}

char *rx_dose(const struct rx_exercise *e, bool ascii, char *buf, size_t size)
{
	const char *times = ascii ? "x" : "\xC3\x97";
	size_t n = 0;
#define ADD(...)                                                               \
	do {                                                                   \
		if (n < size)                                                  \
			n += (size_t)snprintf(buf + n, size - n, __VA_ARGS__); \
	} while (0)
	buf[0] = '\0';
	if (e->reps)
		ADD("%d %s %d", e->sets, times, e->reps);
	else
		ADD("%d set%s", e->sets, e->sets == 1 ? "" : "s");
	if (e->hold)
		ADD(", hold %d s", e->hold);
	if (e->rest)
		ADD(", rest %d s", e->rest);
	if (e->side == RX_SIDE_BOTH)
		ADD(", each side");
	else if (e->side != RX_SIDE_NONE)
		ADD(", %s side", rx_side_name(e->side));
#undef ADD
	return buf;
}

static void put_int(char *buf, size_t size, int v)
{
	if (v > 0)
		strfmt(buf, size, "%d", v);
	else
		buf[0] = '\0';
}

static void put_day(char *buf, cal_day d)
{
	if (d == CAL_NONE)
		buf[0] = '\0';
	else
		cal_format(d, buf);
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
static void field_text(const struct rx_exercise *e, const struct rx_field *f,
                       char *buf, size_t size)
{
	const char *side;
	switch (f->type) {
	case RX_TEXT:
		strfmt(buf, size, "%s",
		       rx_field_text(e, f) ? rx_field_text(e, f) : "");
		break;
	case RX_INT:
		put_int(buf, size, rx_field_int(e, f));
		break;
	case RX_SIDE:
		side = rx_side_name((enum rx_side)rx_field_int(e, f));
		strfmt(buf, size, "%s", side ? side : "");
		break;
	case RX_DAYS:
		put_days(buf, size, (uint8_t)rx_field_int(e, f));
		break;
	case RX_DATE:
		put_day(buf, rx_field_int(e, f));
		break;
	}
}

size_t rx_diff(const struct rx_exercise *a, const struct rx_exercise *b,
               struct rx_change out[RX_FIELDS])
{
	size_t n = 0;
	for (size_t i = 0; i < RX_FIELDS; i++) {
		const struct rx_field *f = &rx_fields[i];
		struct rx_change *c = &out[n];
		c->field = f->name;
		field_text(a, f, c->before, sizeof c->before);
		field_text(b, f, c->after, sizeof c->after);
		/* Texts (a name, notes) compare whole, not by the part shown.
		 */
		bool differ =
		    f->type == RX_TEXT
		        ? !str_equal(rx_field_text(a, f), rx_field_text(b, f))
		        : strcmp(c->before, c->after) != 0;
		if (differ)
			n++;
	}
	return n;
}
