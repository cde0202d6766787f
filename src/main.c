/*
 * main: the composition root. Parse the arguments, read the clock, load the
 * prescription, open the data file, run one command or the screen, and
 * tear down in reverse order.
 */
#include <locale.h>
#include <stdio.h>

#include "hep/cli.h"
#include "hep/context.h"
#include "ui.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* JSON numbers use '.' */

	struct cli_opts o;
	int rc = cli_parse(argc, argv, &o);
	if (rc != 0)
		return rc;
	if (o.help) {
		cli_help(&o);
		return cli_finish(&o, 0);
	}
	if (o.version) {
		cli_version();
		return cli_finish(&o, 0);
	}
	struct cal_now now;
	if ((rc = cli_clock(&now)) != 0)
		return rc;
	if (cli_alone(&o))
		return cli_finish(&o, cli_run_alone(&o));
	if (!o.command && ui_check_terminal() != 0)
		return 1;

	struct hep_ctx ctx;
	if ((rc = cli_open(&o, &now, &ctx)) != 0)
		return cli_error_status(&o, rc);
	if (o.command)
		rc = cli_run(&o, &ctx);
	else
		rc = ui_run(&ctx, cli_clock_quiet);
	ctx_close(&ctx);
	return o.command ? cli_finish(&o, rc) : rc;
}
