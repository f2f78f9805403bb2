/* Unit tests for the command's own modules: fix.c (edits, the unified diff),
 * inputs.c (binary files, walking with globs) and jobs.c (the order of use). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "fix.h"
#include "inputs.h"
#include "jobs.h"

static void edits_apply_in_offset_order(void **state)
{
	const char *text = "Bukharin (1888-1937) went to Volgograd.";
	text_edit e[2] = { { 29, 9, "Stalingrad", 1, 30 }, { 15, 4, "1938", 1, 16 } };
	char *out;
	size_t len, a, b;
	(void)state;
	assert_int_equal(edits_apply(&out, &len, text, strlen(text), e, 2, &a, &b), 0);
	assert_string_equal(out, "Bukharin (1888-1938) went to Stalingrad.");
	assert_int_equal(len, strlen(out));
	assert_int_equal(e[0].offset, 15); /* sorted */
	free(out);
}

static void overlapping_edits_apply_nothing(void **state)
{
	const char *text = "abcdefghij";
	text_edit e[3] = { { 0, 2, "X", 1, 1 }, { 5, 3, "Y", 1, 6 }, { 7, 2, "Z", 1, 8 } };
	text_edit same[2] = { { 4, 0, "P", 1, 5 }, { 4, 0, "Q", 1, 5 } };
	text_edit touching[2] = { { 0, 2, "X", 1, 1 }, { 2, 2, "Y", 1, 3 } };
	char *out = NULL;
	size_t len, a = 9, b = 9;
	(void)state;
	assert_int_equal(edits_apply(&out, &len, text, 10, e, 3, &a, &b), 1);
	assert_null(out);
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
	/* two insertions at one place cannot both be right either */
	assert_int_equal(edits_apply(&out, &len, text, 10, same, 2, &a, &b), 1);
	/* spans that only touch are both applied */
	assert_int_equal(edits_apply(&out, &len, text, 10, touching, 2, &a, &b), 0);
	assert_string_equal(out, "XYefghij");
	free(out);
}

/* The diff of `text` under `edits`, as a string. */
static char *diff_of(const char *text, text_edit *edits, size_t count)
{
	char *buf = NULL, *fixed;
	size_t size = 0, len, a, b;
	FILE *f = open_memstream(&buf, &size);
	assert_non_null(f);
	assert_int_equal(edits_apply(&fixed, &len, text, strlen(text), edits, count, &a, &b), 0);
	free(fixed);
	assert_int_equal(write_unified_diff(f, "t.txt", text, strlen(text), edits, count), 0);
	fclose(f);
	return buf;
}

static void diff_has_context_and_joins_near_changes(void **state)
{
	const char *text = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n";
	/* lines 2 and 8 share a hunk (5 lines between them); line 18 has its own */
	text_edit e[3] = { { 2, 1, "two", 2, 1 }, { 14, 1, "eight", 8, 1 }, { 42, 2, "eighteen", 18, 1 } };
	char *d;
	(void)state;
	d = diff_of(text, e, 3);
	assert_string_equal(d, "--- t.txt\n+++ t.txt\n"
			       "@@ -1,11 +1,11 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n-8\n+eight\n 9\n 10\n 11\n"
			       "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n");
	free(d);
}

static void diff_counts_lines_a_fix_adds(void **state)
{
	const char *text = "a\nb\nc";
	text_edit e[2] = { { 2, 1, "b1\nb2", 2, 1 }, { 4, 1, "C", 3, 1 } };
	char *d;
	(void)state;
	d = diff_of(text, e, 2);
	/* the last line has no line end, and says so */
	assert_string_equal(d, "--- t.txt\n+++ t.txt\n@@ -1,3 +1,4 @@\n a\n-b\n-c\n\\ No newline at end of file\n"
			       "+b1\n+b2\n+C\n\\ No newline at end of file\n");
	free(d);
}

static void binary_inputs_are_told_from_damaged_texts(void **state)
{
	char text[400], noisy[400];
	const char *dashes = "Stalin \xe2\x80\x94 the man of steel \xe2\x80\x94 spoke.";
	size_t k;
	(void)state;
	memset(text, 'a', sizeof(text));
	text[10] = '\0'; /* one NUL in a text is a damaged text, read as a space */
	text[50] = (char)0xff;
	assert_false(looks_binary(text, sizeof(text)));
	for (k = 0; k < sizeof(noisy); k++)
		noisy[k] = (char)(k * 37 % 256);
	assert_true(looks_binary(noisy, sizeof(noisy)));
	assert_true(looks_binary("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15));
	assert_true(looks_binary("\x89PNG\r\n\x1a\n", 8));
	assert_false(looks_binary("\xff\xfe" "a\0b\0c\0", 8)); /* UTF-16: not binary, its own error */
	assert_false(looks_binary(dashes, strlen(dashes)));
	assert_false(looks_binary("", 0));
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void walking_follows_globs_in_name_order(void **state)
{
	char dir[] = "/tmp/chronolint-walk-XXXXXX", path[256];
	const char *include[] = { "*.md", "notes/*.txt" }, *exclude[] = { "drafts", "*-old.md" };
	walk_filter filter = { include, 2, exclude, 2 };
	path_list out = { 0 };
	FILE *devnull = fopen("/dev/null", "w");
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/notes", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/drafts", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/b.md", dir);
	write_file(path, "b");
	snprintf(path, sizeof(path), "%s/a.md", dir);
	write_file(path, "a");
	snprintf(path, sizeof(path), "%s/a-old.md", dir);
	write_file(path, "a");
	snprintf(path, sizeof(path), "%s/c.txt", dir);
	write_file(path, "c");
	snprintf(path, sizeof(path), "%s/notes/n.txt", dir);
	write_file(path, "n");
	snprintf(path, sizeof(path), "%s/drafts/d.md", dir);
	write_file(path, "d");
	snprintf(path, sizeof(path), "%s/.hidden.md", dir);
	write_file(path, "h");
	assert_int_equal(walk_dir(dir, &filter, &out, devnull), 0);
	assert_int_equal(out.len, 3);
	assert_string_equal(strrchr(out.items[0], '/'), "/a.md");
	assert_string_equal(strrchr(out.items[1], '/'), "/b.md");
	assert_string_equal(strstr(out.items[2], "/notes/"), "/notes/n.txt");
	path_list_free(&out);
	/* without globs: the text suffixes, c.txt and the drafts included */
	assert_int_equal(walk_dir(dir, NULL, &out, devnull), 0);
	assert_int_equal(out.len, 6);
	path_list_free(&out);
	fclose(devnull);
	assert_int_equal(system("rm -rf /tmp/chronolint-walk-*"), 0);
}

typedef struct {
	size_t used[64];
	size_t used_count;
	unsigned char worked[64];
} order_state;

/* A file of n bytes of prose, and what read_input says of it (status, then stderr). */
static int read_sized(size_t n, bool on_stdin, char *said, size_t said_size)
{
	char path[] = "/tmp/cl-test-input-XXXXXX", *data = NULL;
	int fd = mkstemp(path), rc;
	size_t len = 0, k;
	FILE *f, *err = tmpfile();
	assert_true(fd >= 0);
	assert_non_null(err);
	f = fdopen(fd, "w");
	assert_non_null(f);
	for (k = 0; k < n; k++)
		fputc(k % 61 == 60 ? '\n' : "In 1940 the town was quiet. "[k % 28], f);
	fclose(f);
	if (on_stdin)
		assert_non_null(freopen(path, "r", stdin));
	rc = read_input(on_stdin ? "-" : path, &data, &len, err);
	if (rc == 0)
		assert_int_equal(len, n);
	free(data);
	rewind(err);
	said[fread(said, 1, said_size - 1, err)] = '\0';
	fclose(err);
	unlink(path);
	return rc;
}

static void inputs_up_to_the_limit_are_read(void **state)
{
	size_t limit = (size_t)1 << 17; /* MAX_INPUT_BYTES of this test's build */
	char said[512];
	bool on_stdin;
	(void)state;
	for (on_stdin = false; ; on_stdin = true) {
		assert_int_equal(read_sized(limit, on_stdin, said, sizeof(said)), 0);
		assert_string_equal(said, "");
		assert_int_equal(read_sized(limit + 1, on_stdin, said, sizeof(said)), 2);
		assert_non_null(strstr(said, ": larger than the limit of 131072 bytes"));
		if (on_stdin)
			break;
	}
}

static void slow_work(void *payload, size_t i)
{
	order_state *s = payload;
	/* the early jobs take longest, so later ones finish first */
	struct timespec pause = { 0, (long)(64 - i) * 200000L };
	nanosleep(&pause, NULL);
	s->worked[i] = 1;
}

static void record_use(void *payload, size_t i)
{
	order_state *s = payload;
	assert_true(s->worked[i]);
	s->used[s->used_count++] = i;
}

static void jobs_are_used_in_order(void **state)
{
	order_state s;
	size_t after[64], k;
	jobs_plan plan = { 64, 4, after, slow_work, record_use, &s };
	(void)state;
	memset(&s, 0, sizeof(s));
	for (k = 0; k < 64; k++)
		after[k] = k % 3 == 0 && k >= 3 ? k - 3 : JOBS_NONE; /* a chain, like a manuscript's chapters */
	assert_int_equal(jobs_run(&plan), 0);
	assert_int_equal(s.used_count, 64);
	for (k = 0; k < 64; k++)
		assert_int_equal(s.used[k], k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edits_apply_in_offset_order),
		cmocka_unit_test(overlapping_edits_apply_nothing),
		cmocka_unit_test(diff_has_context_and_joins_near_changes),
		cmocka_unit_test(diff_counts_lines_a_fix_adds),
		cmocka_unit_test(binary_inputs_are_told_from_damaged_texts),
		cmocka_unit_test(walking_follows_globs_in_name_order),
		cmocka_unit_test(jobs_are_used_in_order),
		cmocka_unit_test(inputs_up_to_the_limit_are_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
