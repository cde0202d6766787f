/*
 * paths: where the prescription and the data file are (SPEC sections 2, 6).
 * Every function returns a new string the caller frees, or NULL with a
 * message in err.
 */
#ifndef HEP_PATHS_H
#define HEP_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The prescription to read: option (--config), else $HEP_CONFIG (both must
 * name an existing file: no fall-through), else the XDG path when it exists,
 * else the bundled sample. *sample tells whether the sample was chosen.
 */
char *paths_config(const char *option, bool *sample, char *err, size_t errlen);

/* Where `hep init` writes: option, $HEP_CONFIG, else the XDG path. */
char *paths_config_target(const char *option, char *err, size_t errlen);

/* The bundled sample prescription: installed, else beside the program
 * (share/hep in a build folder, ../share/hep under another prefix). */
const char *paths_sample(void);

/* The folder of the published programs (config/examples), beside the
 * sample: share/hep/examples installed, config/examples in the tree. */
const char *paths_examples(void);

/* The data file: option (--db), $HEP_DB, else $XDG_DATA_HOME/hep/hep.db. */
char *paths_db(const char *option, char *err, size_t errlen);

#endif
