/* Unit tests for config.c: finding .chronolint.ini files, sections, facts
 * paths, rule settings, and problems reported as FILE:LINE. */
#define _DEFAULT_SOURCE /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "helpers.h"
#include "internal.h"

static char problems[8192];

static void collect(void *payload, const char *file, int line, const char *message)
{
	size_t n = strlen(problems);
	const char *base = strrchr(file, '/');
	(void)payload;
	snprintf(problems + n, sizeof(problems) - n, "%s:%d: %s\n", base ? base + 1 : file, line, message);
}

/* A temporary directory, as a real path (/tmp may be a link), so that the
 * paths the loader returns can be compared with it. */
static char *make_dir(void)
{
	char tmpl[] = "/tmp/cl-test-config-XXXXXX";
	char *dir;
	assert_non_null(mkdtemp(tmpl));
	dir = realpath(tmpl, NULL);
	assert_non_null(dir);
	return dir;
}

static void remove_dir(char *dir)
{
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

/* Creates dir/sub and its parents. */
static void add_dir(const char *dir, const char *sub)
{
	char path[PATH_MAX], *p;
	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	for (p = path + strlen(dir) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	mkdir(path, 0700);
}

/* Writes len bytes to dir/name, creating its directory. */
static void add_bytes(const char *dir, const char *name, const char *data, size_t len)
{
	char path[PATH_MAX], sub[PATH_MAX];
	const char *slash = strrchr(name, '/');
	FILE *f;
	if (slash) {
		snprintf(sub, sizeof(sub), "%.*s", (int)(slash - name), name);
		add_dir(dir, sub);
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void add_file(const char *dir, const char *name, const char *text)
{
	add_bytes(dir, name, text, strlen(text));
}

static char *in_dir(const char *dir, const char *name)
{
	static char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

/* Loads the configuration for dir/name and expects it to succeed. */
static cl_config *load(const cl_db *db, const char *dir, const char *name, const char *config_file)
{
	cl_config *config = NULL;
	cl_error err;
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	problems[0] = '\0';
	if (cl_config_load(&config, db, path, config_file, collect, NULL, &err) != CL_OK)
		fail_msg("%s: %s\n%s", path, err.message, problems);
	assert_string_equal(problems, "");
	assert_non_null(config);
	return config;
}

/* Loads the configuration for dir/name and expects CL_ERR_PARSE. */
static void load_fails(const cl_db *db, const char *dir, const char *name, cl_error *err)
{
	cl_config *config = (cl_config *)1;
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	problems[0] = '\0';
	assert_int_equal(cl_config_load(&config, db, path, NULL, collect, NULL, err), CL_ERR_PARSE);
	assert_null(config);
}

static void assert_date(const cl_date *date, int year, int month, int day, cl_precision precision)
{
	assert_int_equal(date->precision, precision);
	assert_int_equal(date->year, year);
	assert_int_equal(date->month, month);
	assert_int_equal(date->day, day);
}

static void nearer_file_wins_and_farther_keys_still_apply(void **state)
{
	char *dir = make_dir(), cwd[PATH_MAX];
	cl_config *config;
	(void)state;
	add_file(dir, ".chronolint.ini", "# the book\nroot = true\npod = 1917\nkind = forum\nfail-level = warning\n");
	add_file(dir, "book/.chronolint.ini", "pod = 1941-06\n");
	add_dir(dir, "book/ch");
	config = load(NULL, dir, "book/ch/one.md", NULL);
	assert_date(&config->pod, 1941, 6, 0, CL_PREC_MONTH);
	assert_date(&config->setting, 0, 0, 0, CL_PREC_NONE);
	assert_int_equal(config->kind, CL_KIND_FORUM);
	assert_int_equal(config->fail_level, CL_SEV_WARNING);
	assert_int_equal(config->facts_count, 0);
	assert_int_equal(config->rule_count, 0);
	assert_int_equal(config->file_count, 2);
	assert_string_equal(config->files[0], in_dir(dir, ".chronolint.ini"));
	assert_string_equal(config->files[1], in_dir(dir, "book/.chronolint.ini"));
	cl_config_free(config);

	/* a relative path starts from the current directory */
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(in_dir(dir, "book")), 0);
	config = load(NULL, ".", "ch/one.md", NULL);
	assert_date(&config->pod, 1941, 6, 0, CL_PREC_MONTH);
	assert_int_equal(config->file_count, 2);
	assert_string_equal(config->files[1], in_dir(dir, "book/.chronolint.ini"));
	cl_config_free(config);

	/* a directory that does not exist: each directory above it is read once */
	config = load(NULL, ".", "./none/../none/two.md", NULL);
	assert_int_equal(config->file_count, 2);
	assert_string_equal(config->files[0], in_dir(dir, ".chronolint.ini"));
	assert_string_equal(config->files[1], in_dir(dir, "book/.chronolint.ini"));
	cl_config_free(config);
	assert_int_equal(chdir(cwd), 0);
	remove_dir(dir);
}

static void root_true_stops_the_walk(void **state)
{
	char *dir = make_dir();
	cl_config *config;
	(void)state;
	add_file(dir, ".chronolint.ini", "kind = manuscript\n");
	add_file(dir, "a/.chronolint.ini", "root = true\nsetting = 1953-03-05\n");
	add_dir(dir, "a/b");
	config = load(NULL, dir, "a/b/x.md", NULL);
	assert_int_equal(config->kind, -1);
	assert_int_equal(config->fail_level, -1);
	assert_date(&config->setting, 1953, 3, 5, CL_PREC_DAY);
	assert_date(&config->pod, 0, 0, 0, CL_PREC_NONE);
	assert_int_equal(config->file_count, 1);
	assert_string_equal(config->files[0], in_dir(dir, "a/.chronolint.ini"));
	cl_config_free(config);
	remove_dir(dir);
}

/* The year of the pod and the kind the configuration gives dir/name. */
static void expect_section(const char *dir, const char *name, int pod, int kind)
{
	cl_config *config = load(NULL, dir, name, NULL);
	if (pod)
		assert_date(&config->pod, pod, 0, 0, CL_PREC_YEAR);
	else
		assert_int_equal(config->pod.precision, CL_PREC_NONE);
	assert_int_equal(config->kind, kind);
	cl_config_free(config);
}

static void sections_apply_when_their_glob_matches(void **state)
{
	char *dir = make_dir(), cwd[PATH_MAX];
	cl_config *config;
	cl_error err;
	(void)state;
	add_file(dir, ".chronolint.ini",
		"\xEF\xBB\xBF; sections, in file order\r\n"
		"root = true\r\n"
		"kind = essay\r\n"
		"\r\n"
		"[*.md]\r\n"
		"pod = 1900\n"
		"[chapters/*.md]\n"
		"pod = 1910\n"
		"[ **/draft/*.md ]\n"
		"pod = 1920\n"
		"[*.txt]\n"
		"kind = forum\n"
		"[notes.md]\n"
		"kind = manuscript\n"
		"[/top/?.md]\n"
		"pod = 1930\n"
		"[*]\n"
		"fail-level = error\n");
	add_dir(dir, "chapters/draft");
	add_dir(dir, "x/chapters");
	add_dir(dir, "x/y/draft");
	add_dir(dir, "deep/er");
	add_dir(dir, "top/sub");
	expect_section(dir, "a.md", 1900, CL_KIND_ESSAY);
	expect_section(dir, "chapters/one.md", 1910, CL_KIND_ESSAY);
	expect_section(dir, "x/chapters/one.md", 1900, CL_KIND_ESSAY); /* anchored at the config's directory */
	expect_section(dir, "draft/a.md", 1920, CL_KIND_ESSAY);        /* ** matches no directory too */
	expect_section(dir, "x/y/draft/a.md", 1920, CL_KIND_ESSAY);
	expect_section(dir, "chapters/draft/a.md", 1920, CL_KIND_ESSAY);
	expect_section(dir, "chapters/a.txt", 0, CL_KIND_FORUM);        /* a basename glob, in a subdirectory */
	expect_section(dir, "deep/er/notes.md", 1900, CL_KIND_MANUSCRIPT);
	expect_section(dir, "top/a.md", 1930, CL_KIND_ESSAY);
	expect_section(dir, "top/ab.md", 1900, CL_KIND_ESSAY);
	expect_section(dir, "top/sub/a.md", 1900, CL_KIND_ESSAY);      /* '*' and '?' stay in one component */
	expect_section(dir, "a.markdown", 0, CL_KIND_ESSAY);            /* no section but [*] */

	/* stdin is "-": only [*] matches it */
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	problems[0] = '\0';
	assert_int_equal(cl_config_load(&config, NULL, "-", NULL, collect, NULL, &err), CL_OK);
	assert_string_equal(problems, "");
	assert_int_equal(config->pod.precision, CL_PREC_NONE);
	assert_int_equal(config->kind, CL_KIND_ESSAY);
	assert_int_equal(config->fail_level, CL_SEV_ERROR);
	assert_int_equal(config->file_count, 1);
	cl_config_free(config);
	assert_int_equal(chdir(cwd), 0);
	remove_dir(dir);
}

static void many_double_stars_still_match_quickly(void **state)
{
	char *dir = make_dir();
	(void)state;
	add_file(dir, ".chronolint.ini",
		"root = true\n[**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b.md]\npod = 1900\n"
		"[**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/c.md]\npod = 1910\n");
	add_dir(dir, "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a");
	expect_section(dir, "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b.md",
		       1900, -1);
	expect_section(dir, "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/d.md",
		       0, -1);
	remove_dir(dir);
}

static void facts_are_relative_to_their_file_and_accumulate(void **state)
{
	char *dir = make_dir(), cwd[PATH_MAX], expected[PATH_MAX];
	cl_config *config;
	cl_error err;
	(void)state;
	add_file(dir, ".chronolint.ini", "root = true\nfacts = shared.xml, /srv/facts/all.xml\n");
	add_file(dir, "book/.chronolint.ini",
		"facts = mine.xml,  ../shared.xml ,\n"
		"[*.md]\n"
		"facts = ./mine.xml, more/x.xml\n"
		"[*.txt]\n"
		"facts = never.xml\n");
	config = load(NULL, dir, "book/one.md", NULL);
	assert_int_equal(config->facts_count, 4);
	assert_string_equal(config->facts[0], in_dir(dir, "shared.xml"));
	assert_string_equal(config->facts[1], "/srv/facts/all.xml");
	assert_string_equal(config->facts[2], in_dir(dir, "book/mine.xml"));
	assert_string_equal(config->facts[3], in_dir(dir, "book/more/x.xml"));
	cl_config_free(config);

	/* a configuration named on the command line: paths stay relative to the
	 * current directory */
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	add_file(dir, "conf/chronolint.ini", "facts = f.xml, ../g.xml\n");
	problems[0] = '\0';
	assert_int_equal(cl_config_load(&config, NULL, "book/one.md", "conf/chronolint.ini", collect, NULL, &err),
			 CL_OK);
	assert_int_equal(config->facts_count, 2);
	assert_string_equal(config->facts[0], "conf/f.xml");
	assert_string_equal(config->facts[1], "g.xml");
	assert_int_equal(config->file_count, 1);
	assert_string_equal(config->files[0], "conf/chronolint.ini");
	cl_config_free(config);
	assert_int_equal(chdir(cwd), 0);
	snprintf(expected, sizeof(expected), "%s", in_dir(dir, "conf/f.xml"));
	config = load(NULL, dir, "book/one.md", in_dir(dir, "conf/chronolint.ini"));
	assert_string_equal(config->facts[0], expected);
	cl_config_free(config);
	remove_dir(dir);
}

static void rule_settings_keep_their_order(void **state)
{
	char *dir = make_dir();
	cl_config *config;
	(void)state;
	add_file(dir, ".chronolint.ini",
		"root = true\ndisable = after-death, before-birth\nseverity.name-spelling = error\n");
	add_file(dir, "sub/.chronolint.ini",
		"enable = after-death\n[*.md]\nseverity.after-death = info\n[*.txt]\ndisable = name-spelling\n");
	config = load(NULL, dir, "sub/one.md", NULL);
	assert_int_equal(config->rule_count, 5);
	assert_string_equal(config->rules[0].rule, "after-death");
	assert_int_equal(config->rules[0].state, CL_RULE_OFF);
	assert_string_equal(config->rules[1].rule, "before-birth");
	assert_int_equal(config->rules[1].state, CL_RULE_OFF);
	assert_string_equal(config->rules[2].rule, "name-spelling");
	assert_int_equal(config->rules[2].state, CL_RULE_ERROR);
	assert_string_equal(config->rules[3].rule, "after-death");
	assert_int_equal(config->rules[3].state, CL_RULE_ON);
	assert_string_equal(config->rules[4].rule, "after-death");
	assert_int_equal(config->rules[4].state, CL_RULE_INFO);
	cl_config_free(config);
	remove_dir(dir);
}

static void an_explicit_file_is_the_only_one_read(void **state)
{
	char *dir = make_dir(), missing[PATH_MAX];
	cl_config *config = (cl_config *)1;
	cl_error err;
	(void)state;
	add_file(dir, ".chronolint.ini", "root = true\npod = 1900\nfail-level = info\n");
	add_file(dir, "other.ini", "kind = manuscript\n[*.md]\npod = 1950\n");
	config = load(NULL, dir, "a.md", in_dir(dir, "other.ini"));
	assert_date(&config->pod, 1950, 0, 0, CL_PREC_YEAR);
	assert_int_equal(config->kind, CL_KIND_MANUSCRIPT);
	assert_int_equal(config->fail_level, -1);
	assert_int_equal(config->file_count, 1);
	assert_string_equal(config->files[0], in_dir(dir, "other.ini"));
	cl_config_free(config);

	/* globs are relative to the file's directory, even when the checked file is elsewhere */
	add_file(dir, "conf/c.ini", "[chapters/*.md]\npod = 1910\n[**/chapters/*.md]\nkind = forum\n");
	add_dir(dir, "chapters");
	config = load(NULL, dir, "chapters/a.md", in_dir(dir, "conf/c.ini"));
	assert_int_equal(config->pod.precision, CL_PREC_NONE);
	assert_int_equal(config->kind, CL_KIND_FORUM);
	cl_config_free(config);

	snprintf(missing, sizeof(missing), "%s", in_dir(dir, "missing.ini"));
	config = (cl_config *)1;
	problems[0] = '\0';
	assert_int_equal(cl_config_load(&config, NULL, in_dir(dir, "a.md"), missing, collect, NULL, &err), CL_ERR_IO);
	assert_null(config);
	assert_int_equal(err.code, CL_ERR_IO);
	assert_non_null(strstr(err.message, missing));
	assert_string_equal(problems, "");
	remove_dir(dir);
}

static void every_problem_is_reported_with_its_line(void **state)
{
	char *dir = make_dir();
	cl_error err;
	(void)state;
	add_file(dir, ".chronolint.ini",
		"root = true\n"
		"podd = 1900\n"
		"pod = 1953-13-01\n"
		"kind = novel\n"
		"fail-level = fatal\n"
		"just some words\n"
		"[*.md]\n"
		"root = true\n"
		"severity.after-death = loud\n"
		"[]\n"
		"facts =\n"
		"disable = ,\n"
		"= 1900\n"
		"[*.md\n"
		"root = maybe\n"
		"pod = 1953\n");
	load_fails(NULL, dir, "a.md", &err);
	assert_string_equal(problems,
		".chronolint.ini:2: unknown key \"podd\"\n"
		".chronolint.ini:3: invalid date \"1953-13-01\" (use YYYY, YYYY-MM or YYYY-MM-DD)\n"
		".chronolint.ini:4: unknown kind \"novel\" (essay, manuscript or forum)\n"
		".chronolint.ini:5: unknown fail-level \"fatal\" (error, warning or info)\n"
		".chronolint.ini:6: line is not \"key = value\" or \"[glob]\"\n"
		".chronolint.ini:8: root is only allowed before the first section\n"
		".chronolint.ini:9: unknown severity \"loud\" (info, warning or error)\n"
		".chronolint.ini:10: empty glob \"[]\"\n"
		".chronolint.ini:11: \"facts\" has no value\n"
		".chronolint.ini:12: \"disable\" has no value\n"
		".chronolint.ini:13: line is not \"key = value\" or \"[glob]\"\n"
		".chronolint.ini:14: line is not \"key = value\" or \"[glob]\"\n"
		".chronolint.ini:15: root is only allowed before the first section\n");
	assert_int_equal(err.code, CL_ERR_PARSE);
	assert_non_null(strstr(err.message, in_dir(dir, ".chronolint.ini: the configuration has 13 problems")));

	/* a bad value at the top level is reported once */
	add_file(dir, ".chronolint.ini", "root = maybe\n");
	load_fails(NULL, dir, "a.md", &err);
	assert_string_equal(problems, ".chronolint.ini:1: root must be true or false, not \"maybe\"\n");
	assert_non_null(strstr(err.message, "the configuration has 1 problem"));
	remove_dir(dir);
}

static void malformed_bytes_are_reported(void **state)
{
	static const char tail[] = "\npod = 19\0005\nkind = \xC3\x28\nsetting = 1900\n";
	char *dir = make_dir(), *big;
	size_t size = ((size_t)1 << 20) + 1, n;
	cl_error err;
	(void)state;
	big = malloc(size);
	assert_non_null(big);
	/* line 2: 4097 bytes; line 3: a NUL byte; line 4: invalid UTF-8; line 5 is fine */
	n = (size_t)snprintf(big, size, "root = true\n");
	memset(big + n, '#', 4097);
	n += 4097;
	memcpy(big + n, tail, sizeof(tail) - 1);
	n += sizeof(tail) - 1;
	add_bytes(dir, ".chronolint.ini", big, n);
	load_fails(NULL, dir, "a.md", &err);
	assert_string_equal(problems,
		".chronolint.ini:2: line is longer than 4096 bytes\n"
		".chronolint.ini:3: NUL byte\n"
		".chronolint.ini:4: invalid UTF-8\n");

	/* a line of exactly 4096 bytes is fine */
	memcpy(big + 12 + 4096, "\n", 1);
	add_bytes(dir, ".chronolint.ini", big, 12 + 4097);
	cl_config_free(load(NULL, dir, "a.md", NULL));

	/* a file above 1 MiB: in a nearer file, with a problem in the farther one too */
	memset(big, '#', size);
	big[size - 1] = '\n';
	add_bytes(dir, "sub/.chronolint.ini", big, size);
	add_file(dir, ".chronolint.ini", "root = true\npod = never\nkind = novel\n");
	load_fails(NULL, dir, "sub/a.md", &err);
	assert_string_equal(problems,
		".chronolint.ini:0: the file is larger than 1 MiB\n"
		".chronolint.ini:2: invalid date \"never\" (use YYYY, YYYY-MM or YYYY-MM-DD)\n"
		".chronolint.ini:3: unknown kind \"novel\" (essay, manuscript or forum)\n");
	assert_non_null(strstr(err.message, "sub/.chronolint.ini and 1 other file: the configuration has 3 problems"));
	free(big);
	remove_dir(dir);
}

static void rules_are_checked_against_the_database(void **state)
{
	char *dir = make_dir();
	cl_config *config;
	cl_error err;
	(void)state;
	add_file(dir, ".chronolint.ini",
		"root = true\n"
		"disable = after-death, after-deth, before-brith\n"
		"[*.md]\n"
		"severity.after-deth = error\n"
		"enable = after-death\n");
	load_fails(test_db(), dir, "a.md", &err);
	assert_string_equal(problems,
		".chronolint.ini:2: unknown rule \"after-deth\"\n"
		".chronolint.ini:2: unknown rule \"before-brith\"\n"
		".chronolint.ini:4: unknown rule \"after-deth\"\n");

	add_file(dir, ".chronolint.ini", "root = true\ndisable = after-death\nseverity.name-spelling = warning\n");
	config = load(test_db(), dir, "a.md", NULL);
	assert_int_equal(config->rule_count, 2);
	assert_int_equal(config->rules[1].state, CL_RULE_WARNING);
	cl_config_free(config);
	remove_dir(dir);
}

static void lists_have_a_maximum(void **state)
{
	char *dir = make_dir(), *text, *p;
	size_t size = 4200 * 24;
	cl_error err;
	int i;
	(void)state;
	text = malloc(size);
	assert_non_null(text);
	p = text + sprintf(text, "root = true\n");
	for (i = 0; i < 4097; i++)
		p += sprintf(p, "disable = rule-%d\n", i);
	add_bytes(dir, ".chronolint.ini", text, (size_t)(p - text));
	load_fails(NULL, dir, "a.md", &err);
	assert_string_equal(problems, ".chronolint.ini:4098: more than 4096 rule settings\n");

	p = text + sprintf(text, "root = true\n");
	for (i = 0; i < 257; i++)
		p += sprintf(p, "facts = f%d.xml, f0.xml\n", i);
	add_bytes(dir, ".chronolint.ini", text, (size_t)(p - text));
	load_fails(NULL, dir, "a.md", &err);
	assert_string_equal(problems, ".chronolint.ini:258: more than 256 facts files\n");
	free(text);
	remove_dir(dir);
}

/* Settings and sections in one file stop at CL_CONFIG_ITEMS_MAX (16384): the
 * one past it is a problem at its line and the configuration is not used. */
static void settings_and_sections_have_a_maximum(void **state)
{
	char *dir = make_dir(), *text, *p;
	size_t size = 16400 * 16;
	cl_config *config;
	cl_error err;
	int i;
	(void)state;
	text = malloc(size);
	assert_non_null(text);
	/* exactly 16384 settings are fine ("root" is not one) */
	p = text + sprintf(text, "root = true\n");
	for (i = 1; i <= 16384; i++)
		p += sprintf(p, "pod = %d\n", 1000 + i % 900);
	add_bytes(dir, ".chronolint.ini", text, (size_t)(p - text));
	config = load(NULL, dir, "a.md", NULL);
	assert_int_equal(config->pod.year, 1000 + 16384 % 900);
	cl_config_free(config);
	/* one more is refused */
	p += sprintf(p, "pod = 1950\n");
	add_bytes(dir, ".chronolint.ini", text, (size_t)(p - text));
	load_fails(NULL, dir, "a.md", &err);
	assert_string_equal(problems, ".chronolint.ini:16386: more than 16384 settings in one file\n");
	assert_int_equal(err.code, CL_ERR_PARSE);
	assert_non_null(strstr(err.message, "the configuration has 1 problem"));

	/* sections: the file's top part is one of them */
	p = text + sprintf(text, "root = true\n");
	for (i = 1; i < 16384; i++)
		p += sprintf(p, "[d%d/*.md]\n", i);
	add_bytes(dir, ".chronolint.ini", text, (size_t)(p - text));
	cl_config_free(load(NULL, dir, "a.md", NULL));
	p += sprintf(p, "[a.md]\nkind = forum\n");
	add_bytes(dir, ".chronolint.ini", text, (size_t)(p - text));
	load_fails(NULL, dir, "a.md", &err);
	assert_string_equal(problems, ".chronolint.ini:16385: more than 16384 sections in one file\n");
	free(text);
	remove_dir(dir);
}

/* Files found upward stop at CL_CONFIG_FILES_MAX (64): a 65th is an error. */
static void configuration_files_have_a_maximum(void **state)
{
	char *dir = make_dir(), sub[65 * 4 + 1], name[PATH_MAX];
	cl_config *config;
	cl_error err;
	int i;
	(void)state;
	sub[0] = '\0';
	add_file(dir, ".chronolint.ini", "root = true\nkind = forum\n");
	for (i = 1; i < 64; i++) {
		strcat(sub, i > 1 ? "/d" : "d");
		snprintf(name, sizeof(name), "%s/.chronolint.ini", sub);
		add_file(dir, name, "pod = 1950\n");
	}
	/* 64 files (the top one and 63 below it): all read */
	snprintf(name, sizeof(name), "%s/a.md", sub);
	config = load(NULL, dir, name, NULL);
	assert_int_equal(config->file_count, 64);
	assert_int_equal(config->kind, CL_KIND_FORUM);
	cl_config_free(config);
	/* 65: refused */
	strcat(sub, "/d");
	snprintf(name, sizeof(name), "%s/.chronolint.ini", sub);
	add_file(dir, name, "pod = 1950\n");
	snprintf(name, sizeof(name), "%s/%s/a.md", dir, sub);
	problems[0] = '\0';
	config = (cl_config *)1;
	assert_int_equal(cl_config_load(&config, NULL, name, NULL, collect, NULL, &err), CL_ERR_LIMIT);
	assert_null(config);
	assert_int_equal(err.code, CL_ERR_LIMIT);
	assert_non_null(strstr(err.message, "more than 64 configuration files"));
	remove_dir(dir);
}

static void free_accepts_null(void **state)
{
	(void)state;
	cl_config_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nearer_file_wins_and_farther_keys_still_apply),
		cmocka_unit_test(root_true_stops_the_walk),
		cmocka_unit_test(sections_apply_when_their_glob_matches),
		cmocka_unit_test(many_double_stars_still_match_quickly),
		cmocka_unit_test(facts_are_relative_to_their_file_and_accumulate),
		cmocka_unit_test(rule_settings_keep_their_order),
		cmocka_unit_test(an_explicit_file_is_the_only_one_read),
		cmocka_unit_test(every_problem_is_reported_with_its_line),
		cmocka_unit_test(malformed_bytes_are_reported),
		cmocka_unit_test(rules_are_checked_against_the_database),
		cmocka_unit_test(lists_have_a_maximum),
		cmocka_unit_test(settings_and_sections_have_a_maximum),
		cmocka_unit_test(configuration_files_have_a_maximum),
		cmocka_unit_test(free_accepts_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
