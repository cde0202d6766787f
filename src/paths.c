#include "hep/paths.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hep/util.h"

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/* $XDG_<kind>_HOME/hep/file, or $HOME/<fallback>/hep/file. */
static char *xdg(const char *var, const char *fallback, const char *file,
                 char *err, size_t errlen)
{
	const char *base = env(var);
	if (base && base[0] == '/')
		return xasprintf("%s/hep/%s", base, file);
	const char *home = env("HOME");
	if (!home) {
		strfmt(err, errlen, "neither $%s nor $HOME is set", var);
		return NULL;
	}
	return xasprintf("%s/%s/hep/%s", home, fallback, file);
}

const char *paths_sample(void)
{
	if (access(HEP_SAMPLE_INSTALLED, R_OK) == 0)
		return HEP_SAMPLE_INSTALLED;
	/* Beside the program: share/hep in a build folder, ../share/hep when
	 * installed under another prefix (a package built from a build made
	 * for /usr/local, say). No path of the building machine is kept. */
	static const char *const near[] = {"share/hep", "../share/hep"};
	static char path[4096];
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	self[n > 0 ? n : 0] = '\0';
	char *slash = strrchr(self, '/');
	if (slash) {
		*slash = '\0';
		for (size_t i = 0; i < sizeof near / sizeof *near; i++) {
			strfmt(path, sizeof path, "%s/%s/prescription.cfg",
			       self, near[i]);
			if (access(path, R_OK) == 0)
				return path;
		}
	}
	return HEP_SAMPLE_INSTALLED;
}

const char *paths_examples(void)
{
	static char dir[4096];
	strfmt(dir, sizeof dir, "%s", paths_sample());
	char *slash = strrchr(dir, '/');
	if (slash)
		strfmt(slash + 1, sizeof dir - (size_t)(slash + 1 - dir),
		       "examples");
	else
		strfmt(dir, sizeof dir, "examples");
	return dir;
}

char *paths_config_target(const char *option, char *err, size_t errlen)
{
	if (option)
		return xstrdup(option);
	if (env("HEP_CONFIG"))
		return xstrdup(env("HEP_CONFIG"));
	return xdg("XDG_CONFIG_HOME", ".config", "prescription.cfg", err,
	           errlen);
}

char *paths_config(const char *option, bool *sample, char *err, size_t errlen)
{
	*sample = false;
	char *path = paths_config_target(option, err, errlen);
	if (!path || option || env("HEP_CONFIG") || access(path, F_OK) == 0)
		return path;
	free(path);
	*sample = true;
	return xstrdup(paths_sample());
}

char *paths_db(const char *option, char *err, size_t errlen)
{
	if (option)
		return xstrdup(option);
	if (env("HEP_DB"))
		return xstrdup(env("HEP_DB"));
	return xdg("XDG_DATA_HOME", ".local/share", "hep.db", err, errlen);
}
