/* baseline.c - the findings a manuscript already had when it adopted
 * chronolint. An entry is the rule, the file and the text of the claim, not
 * the line: a finding stays recorded when text above it moves it. Each entry
 * covers one finding, so a second identical mistake is still reported.
 *
 * The file is text: a header line, then one entry per line, its three fields
 * separated by tabs, with \t, \n and \\ escaped. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "baseline.h"

#define HEADER "# chronolint baseline 1: rule, file, claim text"
#define MAX_ENTRIES 1000000
#define MAX_LINE 65536

typedef struct {
	char *key; /* rule \t file \t text, escaped */
	int left;  /* findings it may still cover */
} entry;

struct baseline {
	entry *items;
	size_t len, cap;
};

static int append_raw(char **buf, size_t *len, size_t *cap, char c);

static int append_escaped(char **buf, size_t *len, size_t *cap, const char *s)
{
	for (; s && *s; s++) {
		char esc = *s == '\t' ? 't' : *s == '\n' ? 'n' : *s == '\\' ? '\\' : *s == '\r' ? 'r' : 0;
		if (esc ? append_raw(buf, len, cap, '\\') || append_raw(buf, len, cap, esc)
			: append_raw(buf, len, cap, *s))
			return -1;
	}
	return 0;
}

static int append_raw(char **buf, size_t *len, size_t *cap, char c)
{
	if (*len + 2 > *cap) {
		size_t ncap = *cap ? *cap * 2 : 128;
		char *p = realloc(*buf, ncap);
		if (!p)
			return -1;
		*buf = p;
		*cap = ncap;
	}
	(*buf)[(*len)++] = c;
	(*buf)[*len] = '\0';
	return 0;
}

/* The key of a finding: its rule, its file and what the text says, escaped
 * and joined by tabs. The caller frees it. */
static char *finding_key(const char *file, const cl_finding *f)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	if (append_escaped(&buf, &len, &cap, f->rule) || append_raw(&buf, &len, &cap, '\t') ||
	    append_escaped(&buf, &len, &cap, file) || append_raw(&buf, &len, &cap, '\t') ||
	    append_escaped(&buf, &len, &cap, f->found ? f->found : f->message)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int push(baseline *b, char *key)
{
	size_t k;
	for (k = 0; k < b->len; k++)
		if (strcmp(b->items[k].key, key) == 0) {
			b->items[k].left++;
			free(key);
			return 0;
		}
	if (b->len == MAX_ENTRIES) {
		free(key);
		return -1;
	}
	if (b->len == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		entry *p = realloc(b->items, cap * sizeof(*p));
		if (!p) {
			free(key);
			return -1;
		}
		b->items = p;
		b->cap = cap;
	}
	b->items[b->len].key = key;
	b->items[b->len++].left = 1;
	return 0;
}

int baseline_new(baseline **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -1;
}

int baseline_read(baseline **out, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line, *key;
	int lineno = 0, rc = 0;
	if (!f) {
		fprintf(stderr, "chronolint: %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (baseline_new(out) || !(line = malloc(MAX_LINE))) {
		fclose(f);
		fprintf(stderr, "chronolint: out of memory\n");
		return 2;
	}
	while (fgets(line, MAX_LINE, f)) {
		size_t n = strlen(line);
		lineno++;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		else if (!feof(f)) {
			fprintf(stderr, "%s:%d: line longer than %d bytes\n", path, lineno, MAX_LINE);
			rc = 2;
			break;
		}
		if (lineno == 1) {
			if (strcmp(line, HEADER) != 0) {
				fprintf(stderr, "%s:1: not a chronolint baseline (it must start with \"%s\")\n", path,
					HEADER);
				rc = 2;
				break;
			}
			continue;
		}
		if (!n)
			continue;
		if (!strchr(line, '\t') || !strchr(strchr(line, '\t') + 1, '\t')) {
			fprintf(stderr, "%s:%d: an entry has three tab-separated fields\n", path, lineno);
			rc = 2;
			break;
		}
		key = strdup(line);
		if (!key || push(*out, key)) {
			fprintf(stderr, "%s:%d: out of memory or too many entries\n", path, lineno);
			rc = 2;
			break;
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "chronolint: %s: %s\n", path, strerror(errno));
		rc = 2;
	}
	free(line);
	fclose(f);
	if (rc) {
		baseline_free(*out);
		*out = NULL;
	}
	return rc;
}

int baseline_covers(baseline *b, const char *file, const cl_finding *f)
{
	char *key = finding_key(file, f);
	size_t k;
	int covered = 0;
	for (k = 0; key && k < b->len && !covered; k++)
		if (b->items[k].left > 0 && strcmp(b->items[k].key, key) == 0) {
			b->items[k].left--;
			covered = 1;
		}
	free(key);
	return covered;
}

int baseline_add(baseline *b, const char *file, const cl_finding *f)
{
	char *key = finding_key(file, f);
	return key ? push(b, key) : -1;
}

int baseline_write(const baseline *b, const char *path)
{
	size_t plen = strlen(path), k;
	char *tmp = malloc(plen + 16);
	FILE *f;
	int fd, failed = 0;
	if (!tmp)
		return 2;
	snprintf(tmp, plen + 16, "%s.XXXXXX", path);
	/* written beside the target and renamed over it: a reader sees the old
	 * baseline or the new one, never half of one */
	if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "w"))) {
		fprintf(stderr, "chronolint: %s: %s\n", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return 2;
	}
	failed = fprintf(f, "%s\n", HEADER) < 0;
	for (k = 0; k < b->len && !failed; k++) {
		int n;
		for (n = 0; n < b->items[k].left && !failed; n++)
			failed = fprintf(f, "%s\n", b->items[k].key) < 0;
	}
	failed = fflush(f) != 0 || fsync(fileno(f)) != 0 || failed;
	failed = fclose(f) != 0 || failed;
	if (failed || rename(tmp, path) != 0) {
		fprintf(stderr, "chronolint: %s: %s\n", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return 2;
	}
	free(tmp);
	return 0;
}

void baseline_free(baseline *b)
{
	size_t k;
	if (!b)
		return;
	for (k = 0; k < b->len; k++)
		free(b->items[k].key);
	free(b->items);
	free(b);
}
