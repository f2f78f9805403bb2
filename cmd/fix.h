/* fix.h - --fix and --diff: the safe fixes of a file's findings applied to
 * its text, written back atomically or shown as a unified diff. */
#ifndef CL_CMD_FIX_H
#define CL_CMD_FIX_H

#include <stdio.h>
#include <sys/stat.h>

typedef struct {
	size_t offset, length; /* the bytes replaced */
	const char *text;      /* what replaces them */
	int line, column;      /* where, for messages */
} text_edit;

/* Sorts `edits` by offset and applies them to `data`. On success (0) *out is
 * new (the caller frees it). Returns 1 without applying anything when two
 * edits overlap (*first, *second: their indexes after sorting), -1 out of
 * memory. */
int edits_apply(char **out, size_t *out_len, const char *data, size_t len, text_edit *edits, size_t count,
	size_t *first, size_t *second);

/* Writes `len` bytes over `path` through a temporary file in its directory,
 * renamed over it, keeping its permissions. `before` is the file as it was
 * read: a file changed since is left alone. Returns 0, or 2 after saying why
 * on `err`. */
int write_atomically(const char *path, const char *data, size_t len, const struct stat *before, FILE *err);

/* Writes what turns `old` into `new` as a unified diff with three lines of
 * context, headed "--- PATH" and "+++ PATH". The edits, sorted and not
 * overlapping, are the only differences between the two. Returns 0 or -1
 * out of memory. */
int write_unified_diff(FILE *out, const char *path, const char *old, size_t old_len, const text_edit *edits,
	size_t count);

#endif
