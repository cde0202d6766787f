/*
 * Runs a fuzz target over files and folders of inputs without libFuzzer, so
 * every build (gcc, sanitizers, valgrind) replays the corpus. Exits 0 after
 * printing how many inputs ran; a crash or a sanitizer report fails it.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t runs;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return -1;
	}
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			uint8_t *bigger = realloc(buf, cap *= 2);
			if (!bigger) {
				free(buf);
				buf = NULL;
			}
			buf = bigger;
		}
	}
	fclose(f);
	if (!buf)
		return -1;
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	runs++;
	return 0;
}

static int run_path(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		fprintf(stderr, "replay: no %s\n", path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode))
		return run_file(path);
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = 0;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char sub[4096];
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (stat(sub, &sb) == 0 && S_ISREG(sb.st_mode))
			rc |= run_file(sub);
	}
	if (d)
		closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++)
		rc |= run_path(argv[i]);
	printf("%zu passed, 0 failed\n", runs);
	return rc == 0 && runs > 0 ? 0 : 1;
}
