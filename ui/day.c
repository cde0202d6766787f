/*
 * The day shown, which every screen shares: its checklist and today's
 * check-in, read from the context. No screen's functions are called here.
 */
#include <stdlib.h>

#include "hep/util.h"
#include "internal.h"

void ui_checkin_read(struct ui *ui)
{
	char err[256];
	checkin_free(&ui->checkin);
	if (ctx_checkin(ui->ctx, true, &ui->checkin, err, sizeof err) != 0) {
		ui_message(ui, true, "%s", err);
		ui->checkin_due = false;
		return;
	}
	ui->checkin_due = ui->checkin.n_due > 0;
}

void ui_day_free(struct ui *ui)
{
	for (size_t i = 0; ui->ready && i < ui->n_items; i++)
		free(ui->ready[i]);
	free(ui->ready);
	ui->ready = NULL;
	free(ui->slots);
	ui->slots = NULL;
	free(ui->items);
	ui->items = NULL;
	ui->n_items = 0;
}

bool ui_day_load(struct ui *ui)
{
	/* The old items may point into snapshots a refresh has freed: they
	 * are not read here. */
	ui_day_free(ui);
	if (!ui_cover(ui, ui->day))
		return false;
	ui->status =
	    progress_day(&ui->ctx->hist, ui->day, &ui->items, &ui->n_items);
	/* Readiness once per load, not per frame: a query an earned item. */
	ui->ready = xcalloc(ui->n_items + 1, sizeof *ui->ready);
	ui->slots = xcalloc(ui->n_items + 1, sizeof *ui->slots);
	for (size_t i = 0; i < ui->n_items; i++) {
		char line[256];
		if (ctx_ready_line(ui->ctx, &ui->items[i], ui->day, ui->ascii,
		                   line, sizeof line))
			ui->ready[i] = xstrdup(line);
		if (rx_timed(ui->items[i].ex))
			record_slots_taken(ui->ctx, ui->items[i].ex, ui->day,
			                   &ui->slots[i]);
	}
	ui_checkin_read(ui);
	/* After the program's end, Today shows its summary (SPEC 2.2). */
	struct program_summary sum;
	char err[256];
	ui->summary[0] = '\0';
	int ended = ctx_summary(ui->ctx, ui->day, &sum, err, sizeof err);
	if (ended < 0)
		ui_message(ui, true, "%s", err);
	else if (ended > 0)
		ctx_summary_text(ui->ctx, &sum, ui->summary,
		                 sizeof ui->summary);
	return true;
}
