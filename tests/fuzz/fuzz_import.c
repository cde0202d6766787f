/* libFuzzer target: the back-up parser of hep import (CSV and JSON). */
#include <stddef.h>
#include <stdint.h>

#include "hep/backup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rx_errors errs = {0};
	cal_day today;
	cal_from_ymd(2026, 11, 26, &today);
	backup_check_buffer("fuzz.csv", (const char *)data, size, today, &errs);
	rx_errors_free(&errs);
	return 0;
}
