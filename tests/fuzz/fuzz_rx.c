/* libFuzzer target: the prescription loader (pre-scan, libconfig, checks). */
#include <stddef.h>
#include <stdint.h>

#include "hep/prescription.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rx *rx;
	struct rx_errors errs = {0};
	if (rx_load_buffer("fuzz.cfg", (const char *)data, size, &rx, &errs) ==
	    0)
		rx_free(rx);
	rx_errors_free(&errs);
	return 0;
}
