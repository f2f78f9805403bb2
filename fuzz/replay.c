/* replay.c - runs a fuzz target without libFuzzer: every file in the
 * directories (or the files) given is passed to LLVMFuzzerTestOneInput once,
 * in name order, so that ctest replays the seed corpus and every crash ever
 * found with whatever compiler and sanitizers the build uses. A directory
 * that does not exist holds no input yet (a target with no crashes). */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"

/* libFuzzer calls it first when a target defines it. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL, *exact;
	size_t len = 0, cap = 0, got;
	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (cap - len < 4096) {
			unsigned char *p = realloc(data, cap = cap * 2 + 65536);
			if (!p) {
				free(data);
				fclose(f);
				fprintf(stderr, "replay: %s: out of memory\n", path);
				return -1;
			}
			data = p;
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	/* an exact copy, as libFuzzer passes: a read one byte past the input is caught */
	exact = malloc(len ? len : 1);
	if (!exact) {
		free(data);
		return -1;
	}
	memcpy(exact, data, len);
	free(data);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays the files of a directory in name order; dot files are skipped. */
static int replay_dir(const char *path, size_t *count)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, k;
	int rc = 0;
	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **p = realloc(names, (cap = cap * 2 + 16) * sizeof(*names));
			if (!p) {
				rc = -1;
				break;
			}
			names = p;
		}
		if (!(names[n] = malloc(strlen(path) + strlen(de->d_name) + 2))) {
			rc = -1;
			break;
		}
		sprintf(names[n++], "%s/%s", path, de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_name);
	for (k = 0; k < n; k++) {
		struct stat st;
		if (rc == 0 && stat(names[k], &st) == 0 && S_ISREG(st.st_mode)) {
			rc = replay_file(names[k]);
			(*count)++;
		}
		free(names[k]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int i;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			if (errno == ENOENT)
				continue;
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		if ((S_ISDIR(st.st_mode) ? replay_dir(argv[i], &count) : replay_file(argv[i])) != 0)
			return 1;
		if (!S_ISDIR(st.st_mode))
			count++;
	}
	printf("replay: %zu input%s, no crash\n", count, count == 1 ? "" : "s");
	return 0;
}
