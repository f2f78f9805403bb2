/* fix.c - applying fixes and showing them. The edits are known, so the diff
 * is built from them rather than by comparing the two texts. */
/* realpath() is in the X/Open part of POSIX */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fix.h"

#define CONTEXT 3

static int cmp_edit(const void *a, const void *b)
{
	const text_edit *x = a, *y = b;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->length < y->length ? -1 : x->length > y->length;
}

/* data[from, to) with the sorted edits that fall in it applied, as a new
 * NUL-terminated string; NULL out of memory. */
static char *spliced(const char *data, size_t from, size_t to, const text_edit *edits, size_t count, size_t *len)
{
	size_t k, n = 0, size = to - from + 1, at = from;
	char *buf;
	for (k = 0; k < count; k++)
		size += strlen(edits[k].text);
	if (!(buf = malloc(size)))
		return NULL;
	for (k = 0; k < count; k++) {
		size_t t = strlen(edits[k].text);
		memcpy(buf + n, data + at, edits[k].offset - at);
		n += edits[k].offset - at;
		memcpy(buf + n, edits[k].text, t);
		n += t;
		at = edits[k].offset + edits[k].length;
	}
	memcpy(buf + n, data + at, to - at);
	n += to - at;
	buf[n] = '\0';
	*len = n;
	return buf;
}

int edits_apply(char **out, size_t *out_len, const char *data, size_t len, text_edit *edits, size_t count,
	size_t *first, size_t *second)
{
	size_t k;
	*out = NULL;
	qsort(edits, count, sizeof(*edits), cmp_edit);
	for (k = 0; k < count; k++) {
		/* two fixes of one span, or spans that share a byte, cannot both be right */
		if (k > 0 && edits[k].offset < edits[k - 1].offset + edits[k - 1].length + (edits[k - 1].length == 0)) {
			*first = k - 1;
			*second = k;
			return 1;
		}
		if (edits[k].offset + edits[k].length > len)
			return -1;
	}
	return (*out = spliced(data, 0, len, edits, count, out_len)) ? 0 : -1;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Writes the temporary file beside `target` and renames it over it. */
static int replace_file(const char *target, const char *shown, const char *data, size_t len,
	const struct stat *before, FILE *err)
{
	const char *slash = strrchr(target, '/');
	size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
	char *tmp = malloc(strlen(target) + 32);
	struct stat now;
	int fd;
	if (!tmp) {
		fprintf(err, "chronolint: %s: out of memory\n", shown);
		return 2;
	}
	/* a hidden sibling, so that the rename stays on one file system */
	sprintf(tmp, "%.*s.%s.chronolint-XXXXXX", (int)dir_len, target, slash ? slash + 1 : target);
	if ((fd = mkstemp(tmp)) < 0) {
		fprintf(err, "chronolint: %s: cannot write a temporary file: %s\n", shown, strerror(errno));
		free(tmp);
		return 2;
	}
	if (write_all(fd, data, len) != 0 || fchmod(fd, before->st_mode & 07777) != 0 || fsync(fd) != 0) {
		fprintf(err, "chronolint: %s: cannot write the fixed text: %s\n", shown, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return 2;
	}
	close(fd);
	if (stat(target, &now) != 0 || now.st_size != before->st_size || now.st_ino != before->st_ino ||
	    now.st_mtim.tv_sec != before->st_mtim.tv_sec || now.st_mtim.tv_nsec != before->st_mtim.tv_nsec) {
		fprintf(err, "chronolint: %s: changed while it was checked; not fixed\n", shown);
		unlink(tmp);
		free(tmp);
		return 2;
	}
	if (rename(tmp, target) != 0) {
		fprintf(err, "chronolint: %s: cannot replace it: %s\n", shown, strerror(errno));
		unlink(tmp);
		free(tmp);
		return 2;
	}
	free(tmp);
	return 0;
}

int write_atomically(const char *path, const char *data, size_t len, const struct stat *before, FILE *err)
{
	/* a symbolic link keeps pointing at the file, which is what is fixed */
	char *target = realpath(path, NULL);
	int rc;
	if (!target) {
		fprintf(err, "chronolint: %s: %s\n", path, strerror(errno));
		return 2;
	}
	rc = replace_file(target, path, data, len, before, err);
	free(target);
	return rc;
}

/* ---- unified diff --------------------------------------------------------- */

typedef struct {
	size_t *starts; /* the offset of each line; starts[count] is the end */
	size_t count;
} line_index;

static int index_lines(line_index *ix, const char *s, size_t len)
{
	size_t i, n = 1;
	for (i = 0; i < len; i++)
		if (s[i] == '\n' && i + 1 < len)
			n++;
	if (!(ix->starts = malloc((n + 1) * sizeof(size_t))))
		return -1;
	ix->count = 0;
	ix->starts[ix->count++] = 0;
	for (i = 0; i < len; i++)
		if (s[i] == '\n' && i + 1 < len)
			ix->starts[ix->count++] = i + 1;
	ix->starts[ix->count] = len;
	if (len == 0)
		ix->count = 0;
	return 0;
}

static size_t line_of(const line_index *ix, size_t offset)
{
	size_t lo = 0, hi = ix->count;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (ix->starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* A run of lines changed together: old lines first..last, and the edits in it. */
typedef struct {
	size_t first, last;
	size_t edit_from, edit_to;
} change;

/* Writes the lines of `s` with a prefix; the last one may lack its newline. */
static void put_lines(FILE *out, char prefix, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) + 1 : len;
		fputc(prefix, out);
		fwrite(s + i, 1, end - i, out);
		if (!nl)
			fputs("\n\\ No newline at end of file\n", out);
		i = end;
	}
}

static size_t count_lines(const char *s, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++)
		if (s[i] == '\n')
			n++;
	return n + (len && s[len - 1] != '\n');
}

/* The new text of a change: its old lines with its edits applied. */
static char *changed_text(const char *old, const line_index *ix, const change *c, const text_edit *edits,
	size_t *len)
{
	return spliced(old, ix->starts[c->first], ix->starts[c->last + 1], edits + c->edit_from,
		       c->edit_to - c->edit_from, len);
}

/* A hunk's range as diff writes it: the count left out when it is one. */
static void put_range(FILE *out, long start, size_t count)
{
	if (count == 1)
		fprintf(out, "%ld", start);
	else
		fprintf(out, "%ld,%zu", start, count);
}

static void write_hunk(FILE *out, const char *old, const line_index *ix, const change *cs, size_t from, size_t to,
	const text_edit *edits, long delta, char **texts, const size_t *lens)
{
	size_t start = cs[from].first >= CONTEXT ? cs[from].first - CONTEXT : 0;
	size_t end = cs[to - 1].last + CONTEXT < ix->count ? cs[to - 1].last + CONTEXT : ix->count - 1;
	size_t old_count = end - start + 1, new_count = old_count, k, line = start;
	long new_start;
	(void)edits;
	for (k = from; k < to; k++)
		new_count = new_count - (cs[k].last - cs[k].first + 1) + count_lines(texts[k], lens[k]);
	new_start = (long)start + 1 + delta;
	fputs("@@ -", out);
	put_range(out, (long)start + 1, old_count);
	fputs(" +", out);
	put_range(out, new_count ? new_start : new_start - 1, new_count);
	fputs(" @@\n", out);
	for (k = from; k < to; k++) {
		put_lines(out, ' ', old + ix->starts[line], ix->starts[cs[k].first] - ix->starts[line]);
		put_lines(out, '-', old + ix->starts[cs[k].first], ix->starts[cs[k].last + 1] - ix->starts[cs[k].first]);
		put_lines(out, '+', texts[k], lens[k]);
		line = cs[k].last + 1;
	}
	put_lines(out, ' ', old + ix->starts[line], ix->starts[end + 1] - ix->starts[line]);
}

int write_unified_diff(FILE *out, const char *path, const char *old, size_t old_len, const text_edit *edits,
	size_t count)
{
	line_index ix;
	change *cs;
	char **texts;
	size_t *lens, n = 0, k, from;
	long delta = 0;
	int rc = 0;
	if (!count)
		return 0;
	if (index_lines(&ix, old, old_len))
		return -1;
	cs = calloc(count, sizeof(*cs));
	texts = calloc(count, sizeof(*texts));
	lens = calloc(count, sizeof(*lens));
	if (!cs || !texts || !lens || ix.count == 0) {
		rc = -1;
		goto done;
	}
	for (k = 0; k < count; k++) {
		size_t first = line_of(&ix, edits[k].offset);
		size_t last = line_of(&ix, edits[k].offset + edits[k].length - (edits[k].length > 0));
		if (n && first <= cs[n - 1].last + 1) { /* adjacent lines change together, as diff shows them */
			if (last > cs[n - 1].last)
				cs[n - 1].last = last;
			cs[n - 1].edit_to = k + 1;
		} else {
			cs[n].first = first;
			cs[n].last = last;
			cs[n].edit_from = k;
			cs[n].edit_to = k + 1;
			n++;
		}
	}
	for (k = 0; k < n; k++)
		if (!(texts[k] = changed_text(old, &ix, &cs[k], edits, &lens[k]))) {
			rc = -1;
			goto done;
		}
	fprintf(out, "--- %s\n+++ %s\n", path, path);
	/* changes whose contexts touch share a hunk */
	for (from = 0; from < n;) {
		size_t to = from + 1, j;
		long hunk_delta = 0;
		while (to < n && cs[to].first - cs[to - 1].last - 1 <= 2 * CONTEXT)
			to++;
		write_hunk(out, old, &ix, cs, from, to, edits, delta, texts, lens);
		for (j = from; j < to; j++)
			hunk_delta += (long)count_lines(texts[j], lens[j]) - (long)(cs[j].last - cs[j].first + 1);
		delta += hunk_delta;
		from = to;
	}
done:
	for (k = 0; texts && k < n; k++)
		free(texts[k]);
	free(texts);
	free(lens);
	free(cs);
	free(ix.starts);
	return rc;
}
