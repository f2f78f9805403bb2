/* inputs.h - what a run checks: the files named, the text files under the
 * directories named, and reading them. */
#ifndef CL_CMD_INPUTS_H
#define CL_CMD_INPUTS_H

#include <stdio.h>

typedef struct {
	char **items;
	size_t len, cap;
} path_list;

/* Appends a copy of `path`; 0, or -1 out of memory. */
int path_list_push(path_list *list, const char *path);
void path_list_free(path_list *list);

/* Which files under a directory are checked: names matching an include glob
 * (default: the text and HTML suffixes) and no exclude glob. */
typedef struct {
	const char **include;
	size_t include_count;
	const char **exclude;
	size_t exclude_count;
} walk_filter;

/* Appends the files under `dir` that `filter` admits, recursively, in name
 * order (hidden entries are skipped). Returns 0, or 2 after saying on `err`
 * what could not be read (what could is still appended). */
int walk_dir(const char *dir, const walk_filter *filter, path_list *out, FILE *err);

/* Reads a whole file, or stdin for "-", of at most 1 GiB. A FILE must be a
 * regular file (a device or FIFO is refused; stdin may be anything). On
 * success (0) *data is new (the caller frees it); otherwise 2 after saying
 * why on `err`. */
int read_input(const char *path, char **data, size_t *len, FILE *err);

/* The input `path` opened for reading as read_input() opens it: stdin for
 * "-", else a regular file of at most 1 GiB; NULL after saying why on `err`. */
FILE *open_input(const char *path, FILE *err);

/* Reads into buf[*len..cap) until it is full or the input ends, adds what it
 * read to *total and sets *end when the input ended. Returns 0, or 2 after
 * saying why on `err` (a read error, or more than 1 GiB in all). */
int read_more(FILE *f, const char *path, char *buf, size_t *len, size_t cap, size_t *total, int *end, FILE *err);

/* Does the input look like a binary file: the magic bytes of a common
 * binary format, or more than one byte in ten of its first 8 KiB neither text
 * nor a line end? A UTF-16 or UTF-32 byte-order mark is not binary. */
int looks_binary(const char *data, size_t len);

#endif
