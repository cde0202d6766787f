/*
 * The report's formats, one table: each one's name (--format) and its
 * writer, a document's (report_format.c walks the report through it) or a
 * data format's own (report_data.c). Above both, so that neither calls the
 * other.
 */
#include <stdio.h>
#include <string.h>

#include "report_impl.h"

#include "hep/util.h"

/* ---- the formats -------------------------------------------------------- */

/* Every format: its name (--format) and its writer, a document's or a
 * data format's own. In the order of enum report_format. */
static const struct {
	const char *name;
	const struct report_writer *doc;
	void (*data)(FILE *f, const struct report *r);
} formats[] = {
    [REPORT_TEXT] = {"text", &rpt_text_writer, NULL},
    [REPORT_MD] = {"md", &rpt_md_writer, NULL},
    [REPORT_CSV] = {"csv", NULL, rpt_write_csv},
    [REPORT_JSON] = {"json", NULL, rpt_write_json},
    [REPORT_HTML] = {"html", &rpt_html_writer, NULL},
};

enum { N_FORMATS = sizeof formats / sizeof formats[0] };

bool report_format_parse(const char *s, enum report_format *out)
{
	for (size_t i = 0; i < N_FORMATS; i++) {
		if (strcmp(s, formats[i].name) == 0) {
			*out = (enum report_format)i;
			return true;
		}
	}
	return false;
}

const char *report_format_names(char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < N_FORMATS; i++)
		strfmt(buf + strlen(buf), size - strlen(buf), "%s%s",
		       i == 0              ? ""
		       : i + 1 < N_FORMATS ? ", "
		                           : " or ",
		       formats[i].name);
	return buf;
}

void report_write(FILE *f, const struct report *r, enum report_format fmt)
{
	if (formats[fmt].doc)
		rpt_write_doc(f, r, formats[fmt].doc);
	else
		formats[fmt].data(f, r);
}

void report_write_outcomes(FILE *f, const struct report *r, bool json)
{
	if (json) {
		rpt_json_outcomes(f, r);
		fputc('\n', f);
		return;
	}
	struct rpt_doc d = {f, &rpt_text_flush_writer, r, 0};
	rpt_walk_outcomes(&d, false);
	d.w = &rpt_text_writer;
	rpt_walk_events(&d);
}
