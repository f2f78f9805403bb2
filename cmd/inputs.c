/* inputs.c - the files of a run: walking directories through include and
 * exclude globs, reading files whole. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "inputs.h"

#ifndef MAX_INPUT_BYTES /* the unit test sets a small one */
#define MAX_INPUT_BYTES ((size_t)1 << 30)
#endif
#define MAX_DEPTH 64

static const char *const default_include[] = { "*.txt", "*.md", "*.markdown", "*.text", "*.rst", "*.html",
					       "*.htm" };

int path_list_push(path_list *l, const char *path)
{
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **p = realloc(l->items, cap * sizeof(char *));
		if (!p)
			return -1;
		l->items = p;
		l->cap = cap;
	}
	if (!(l->items[l->len] = strdup(path)))
		return -1;
	l->len++;
	return 0;
}

void path_list_free(path_list *l)
{
	size_t i;
	for (i = 0; i < l->len; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->len = l->cap = 0;
}

/* A glob with a slash is matched against the path below the walked directory
 * ("*" crossing slashes), one without against the entry's name. */
static int glob_matches(const char *glob, const char *name, const char *relative)
{
	return fnmatch(glob, strchr(glob, '/') ? relative : name, 0) == 0;
}

static int any_matches(const char **globs, size_t count, const char *name, const char *relative)
{
	size_t k;
	for (k = 0; k < count; k++)
		if (glob_matches(globs[k], name, relative))
			return 1;
	return 0;
}

static int included(const walk_filter *f, const char *name, const char *relative)
{
	if (f && f->include_count)
		return any_matches(f->include, f->include_count, name, relative);
	return any_matches((const char **)default_include, sizeof(default_include) / sizeof(*default_include), name,
			   relative);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(const char *dir, size_t root_len, int depth, const walk_filter *f, path_list *out, FILE *err)
{
	DIR *d;
	struct dirent *e;
	path_list here = { 0 };
	size_t i;
	int rc = 0;
	if (depth > MAX_DEPTH) {
		fprintf(err, "chronolint: %s: more than %d directories deep; not walked further\n", dir, MAX_DEPTH);
		return 2;
	}
	if (!(d = opendir(dir))) {
		fprintf(err, "chronolint: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= sizeof(path)) {
			fprintf(err, "chronolint: %s/%s: the path is too long\n", dir, e->d_name);
			rc = 2;
			continue;
		}
		if (path_list_push(&here, path)) {
			fprintf(err, "chronolint: %s: out of memory\n", path);
			rc = 2;
		}
	}
	closedir(d);
	if (here.len > 1)
		qsort(here.items, here.len, sizeof(char *), cmp_path);
	for (i = 0; i < here.len; i++) {
		const char *path = here.items[i], *name = strrchr(path, '/') + 1;
		const char *relative = path + root_len + 1;
		struct stat st;
		if (stat(path, &st) != 0)
			continue; /* a dangling link or an entry gone since */
		if (f && any_matches(f->exclude, f->exclude_count, name, relative))
			continue;
		if (S_ISDIR(st.st_mode)) {
			int r = walk(path, root_len, depth + 1, f, out, err);
			if (r > rc)
				rc = r;
		} else if (S_ISREG(st.st_mode) && included(f, name, relative) && path_list_push(out, path)) {
			fprintf(err, "chronolint: %s: out of memory\n", path);
			rc = 2;
		}
	}
	path_list_free(&here);
	return rc;
}

int walk_dir(const char *dir, const walk_filter *filter, path_list *out, FILE *err)
{
	size_t len = strlen(dir);
	/* "book/" and "book" name the same root */
	while (len > 1 && dir[len - 1] == '/')
		len--;
	{
		char *root = strndup(dir, len);
		int rc;
		if (!root) {
			fprintf(err, "chronolint: %s: out of memory\n", dir);
			return 2;
		}
		rc = walk(root, len, 0, filter, out, err);
		free(root);
		return rc;
	}
}

/* Opens a FILE operand, which must be a regular file: a device such as
 * /dev/zero never ends and a FIFO can wait forever for a writer, so both are
 * refused (standard input takes a stream). O_NONBLOCK keeps the open of a
 * FIFO without a writer from waiting; a regular file ignores it. A file over
 * the limit is refused before anything is read. */
static FILE *open_regular(const char *path, FILE *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	FILE *f;
	if (fd < 0) {
		fprintf(err, "chronolint: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		fprintf(err, "chronolint: %s: %s\n", path, strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		fprintf(err, "chronolint: %s: %s\n", path, strerror(EISDIR));
	} else if (!S_ISREG(st.st_mode)) {
		fprintf(err, "chronolint: %s: not a regular file (a device, FIFO or socket); give its text on standard "
			"input instead\n", path);
	} else if (st.st_size > (off_t)MAX_INPUT_BYTES) {
		fprintf(err, "chronolint: %s: larger than the limit of %zu bytes\n", path, (size_t)MAX_INPUT_BYTES);
	} else if ((f = fdopen(fd, "rb")) != NULL) {
		return f;
	} else {
		fprintf(err, "chronolint: %s: %s\n", path, strerror(errno));
	}
	close(fd);
	return NULL;
}

FILE *open_input(const char *path, FILE *err)
{
	return strcmp(path, "-") == 0 ? stdin : open_regular(path, err);
}

int read_more(FILE *f, const char *path, char *buf, size_t *len, size_t cap, size_t *total, int *end, FILE *err)
{
	while (*len < cap) {
		size_t got = fread(buf + *len, 1, cap - *len, f);
		*len += got;
		*total += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(err, "chronolint: %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (*total > MAX_INPUT_BYTES) {
		fprintf(err, "chronolint: %s: larger than the limit of %zu bytes\n", path, (size_t)MAX_INPUT_BYTES);
		return 2;
	}
	*end = *len < cap;
	return 0;
}

int read_input(const char *path, char **data, size_t *len, FILE *err)
{
	FILE *f = open_input(path, err);
	size_t cap = 65536, n = 0, total = 0;
	char *buf = NULL, *grown;
	int end = 0, rc = 2;
	*data = NULL;
	*len = 0;
	if (!f)
		return 2;
	for (;;) {
		if (!(grown = realloc(buf, cap))) {
			fprintf(err, "chronolint: %s: out of memory\n", path);
			goto done;
		}
		buf = grown;
		if (read_more(f, path, buf, &n, cap, &total, &end, err))
			goto done;
		if (end)
			break;
		/* a byte past the limit tells a larger input from one of exactly the limit */
		cap = cap > MAX_INPUT_BYTES / 2 ? (size_t)MAX_INPUT_BYTES + 1 : cap * 2;
	}
	*data = buf;
	*len = n;
	buf = NULL;
	rc = 0;
done:
	free(buf);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* The leading bytes of formats people keep beside their texts. */
static int has_binary_magic(const unsigned char *u, size_t len)
{
	static const struct {
		const char *bytes;
		size_t len;
	} magic[] = { { "%PDF-", 5 }, { "\x89PNG", 4 }, { "PK\x03\x04", 4 }, { "\x1f\x8b", 2 }, { "\x7f" "ELF", 4 },
		      { "\xff\xd8\xff", 3 }, { "GIF8", 4 }, { "\xd0\xcf\x11\xe0", 4 }, { "BZh", 3 },
		      { "\xfd" "7zXZ", 5 }, { "7z\xbc\xaf", 4 }, { "\x28\xb5\x2f\xfd", 4 } };
	size_t k;
	for (k = 0; k < sizeof(magic) / sizeof(*magic); k++)
		if (len >= magic[k].len && memcmp(u, magic[k].bytes, magic[k].len) == 0)
			return 1;
	return 0;
}

/* The length of the UTF-8 sequence at u (1 to 4), or 0 when it is not one. */
static size_t utf8_length(const unsigned char *u, size_t len)
{
	size_t n = u[0] < 0x80 ? 1 : u[0] >= 0xC2 && u[0] < 0xE0 ? 2 : u[0] >= 0xE0 && u[0] < 0xF0 ? 3
		: u[0] >= 0xF0 && u[0] < 0xF5 ? 4 : 0, k;
	if (n == 0 || n > len)
		return 0;
	for (k = 1; k < n; k++)
		if ((u[k] & 0xC0) != 0x80)
			return 0;
	return n;
}

int looks_binary(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t n = len < 8192 ? len : 8192, i = 0, odd = 0;
	if ((len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) ||
	    (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF))
		return 0; /* UTF-16 or UTF-32 text: its own error, not a binary file */
	if (has_binary_magic(u, len))
		return 1;
	/* a stray NUL or a damaged byte in a text is read as a space and told;
	 * a file where one byte in ten is neither text nor a line end is not a text */
	while (i < n) {
		size_t k = utf8_length(u + i, n - i);
		if (k == 0 && n - i < 4 && n < len)
			break; /* a character cut by the end of the sample */
		if (k == 0 || (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r' && u[i] != '\f' &&
			       u[i] != 0x1b) || u[i] == 0x7f)
			odd++;
		i += k ? k : 1;
	}
	return n > 0 && odd * 10 > n;
}
