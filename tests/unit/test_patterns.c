/* Unit tests for patterns.c: terms found by their rules patterns, the limits
 * a pattern is compiled and matched under, and the same results from the JIT
 * and the interpreter. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "helpers.h"
#include "internal.h"


#define TERMS(body) "<?xml version=\"1.0\"?>\n<terms xmlns=\"https://chronolint.org/ns/rules/1\">\n" body "</terms>\n"
#define TERM(id, patterns) \
	"  <term id=\"" id "\" qid=\"Q1\" type=\"weapon\">\n    <name>" id " device</name>\n" patterns \
	"    <first date=\"1950\" precision=\"year\" basis=\"invented\"/>\n  </term>\n"

static const char good_facts[] = TERMS(
	TERM("ray", "    <pattern>death[-\\s]?rays?</pattern>\n    <pattern>(?-i)DR-\\d+</pattern>\n")
	TERM("slow", "    <pattern>(a+)+$</pattern>\n"));

static char problems[4096];
static char facts_path[64];

static void collect(void *payload, const char *file, int line, const char *message)
{
	size_t n = strlen(problems);
	(void)payload;
	snprintf(problems + n, sizeof(problems) - n, "%s:%d: %s\n",
		 strcmp(file, facts_path) == 0 ? "facts" : file, line, message);
}

static void write_facts(const char *facts)
{
	FILE *f;
	int fd;
	strcpy(facts_path, "/tmp/cl-test-patterns-XXXXXX");
	fd = mkstemp(facts_path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(facts, f);
	fclose(f);
}

/* The project's rules with the facts file as the author's own; NULL when they
 * do not load (the problems are in `problems`). */
static cl_db *open_facts(void)
{
	const char *files[1] = { facts_path };
	cl_db *db = NULL;
	cl_error err;
	problems[0] = '\0';
	if (cl_db_open_with_facts(&db, CL_TEST_RULES, files, 1, collect, NULL, &err) != CL_OK)
		db = NULL;
	return db;
}

static cl_db *open_with(const char *facts)
{
	cl_db *db;
	write_facts(facts);
	db = open_facts();
	unlink(facts_path);
	return db;
}

/* The term claims as "text=id" joined by "|", then the input problems after "!". */
static char *terms(const cl_db *db, const char *text)
{
	cl_result *r = NULL;
	cl_error err;
	char *out = calloc(1, 4096);
	size_t i;
	assert_non_null(out);
	assert_int_equal(cl_check(&r, db, "test", text, strlen(text), NULL, &err), CL_OK);
	for (i = 0; i < cl_result_claim_count(r); i++) {
		const cl_claim *c = cl_result_claim(r, i);
		if (c->kind == CL_CLAIM_TERM)
			snprintf(out + strlen(out), 4096 - strlen(out), "%s%.*s=%s", *out ? "|" : "", (int)c->length,
				 c->text, c->value);
	}
	for (i = 0; i < cl_result_input_problem_count(r); i++) {
		const char *p = cl_result_input_problem(r, i), *path = strstr(p, facts_path);
		if (path) /* the temporary file's name as "facts" */
			snprintf(out + strlen(out), 4096 - strlen(out), "!%.*sfacts%s", (int)(path - p), p,
				 path + strlen(facts_path));
		else
			snprintf(out + strlen(out), 4096 - strlen(out), "!%s", p);
	}
	cl_result_free(r);
	return out;
}

static void expect(const cl_db *db, const char *text, const char *want)
{
	char *got = terms(db, text);
	assert_string_equal(got, want);
	free(got);
}

static void finds_the_forms_a_name_misses(void **state)
{
	cl_db *db = open_with(good_facts);
	(void)state;
	assert_non_null(db);
	assert_string_equal(problems, "");
	/* the name first, then the forms: plural, joined, hyphenated, capitalised */
	expect(db, "They built a ray device, deathrays, a Death-Ray and DR-7.",
	       "ray device=ray|deathrays=ray|Death-Ray=ray|DR-7=ray");
	/* (?-i) keeps its case; a match inside a word is none */
	expect(db, "A dr-7 and a megadeathray.", "");
	/* a term wrapped across lines is found; one across sentences is not */
	expect(db, "In the long war the engineers of the army at last built a death\nray that worked.", "death\nray=ray");
	expect(db, "Death. Rays came.", "");
	/* invalid UTF-8 next to a match does not stop the search */
	expect(db, "\xff" "deathray \xc3" "death ray",
	       "deathray=ray|death ray=ray!2 bytes of invalid UTF-8 (the first at line 1, column 1) read as spaces");
	cl_db_free(db);
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void catastrophic_pattern_stops_at_its_limit(void **state)
{
	cl_db *db = open_with(good_facts);
	double start, took;
	char *got;
	(void)state;
	assert_non_null(db);
	start = seconds();
	got = terms(db, "A death ray.\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\nDeathrays.\n");
	took = seconds() - start;
	/* the rest of the text is still searched, with every pattern */
	assert_string_equal(got, "death ray=ray|Deathrays=ray!"
				 "facts:11: the pattern of term slow gave up at its match limit on line 2; "
				 "that line was not searched for it");
	free(got);
	print_message("(a+)+$ on 30 a's and a b: %.1f ms\n", took * 1000);
	assert_true(took < 0.100 * TEST_SLOWDOWN);
	got = terms(db, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\nno\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n"
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n");
	assert_string_equal(got, "!facts:11: the pattern of term slow gave up at its match limit on line 1 and 2 more "
				 "lines; they were not searched for it");
	free(got);
	cl_db_free(db);
}

/* The texts of the other tests, and one per limit error, from both engines. */
/* Deep backtracking: the interpreter stops at its depth limit, the JIT at its
 * stack; either way that line is left and said, the others searched. */
static void deep_pattern_stops_in_either_engine(void **state)
{
	static const char facts[] = TERMS(TERM("deep", "    <pattern>((a)|(b))*\\d</pattern>\n"));
	const char *engine;
	char text[4200];
	(void)state;
	memset(text, 0, sizeof(text));
	strcpy(text, "A deep device.\n");
	memset(text + strlen(text), 'a', 3000);
	strcat(text, "b\nab7 works.\n");
	write_facts(facts);
	for (engine = "on"; engine; engine = strcmp(engine, "on") == 0 ? "off" : NULL) {
		cl_db *db;
		char *got;
		uint32_t has_jit = 0;
		setenv("CHRONOLINT_PCRE2_JIT", engine, 1);
		pcre2_config(PCRE2_CONFIG_JIT, &has_jit);
		db = open_facts();
		assert_non_null(db);
		got = terms(db, text);
		assert_string_equal(got, strcmp(engine, "on") == 0 && has_jit ?
			"deep device=deep|ab7=deep!facts:5: the pattern of term deep gave up at its JIT stack limit on line 2; "
			"that line was not searched for it" :
			"deep device=deep|ab7=deep!facts:5: the pattern of term deep gave up at its depth limit on line 2; "
			"that line was not searched for it");
		free(got);
		cl_db_free(db);
	}
	unsetenv("CHRONOLINT_PCRE2_JIT");
	unlink(facts_path);
}

/* A pattern that matches nothing at all moves on by whole characters. */
static void empty_matches_move_on(void **state)
{
	cl_db *db = open_with(TERMS(TERM("none", "    <pattern>q*</pattern>\n")));
	(void)state;
	assert_non_null(db);
	expect(db, "\xe2\x80\x94 \xc3\xa9t\xc3\xa9 \xe2\x80\x94 q \xe2\x80\x94", "q=none");
	cl_db_free(db);
}

static void jit_and_interpreter_agree(void **state)
{
	static const char *const texts[] = {
		"They built a ray device, deathrays, a Death-Ray and DR-7.",
		"A dr-7 and a megadeathray. In the long war the engineers of the army at last built a death\nray. "
		"Death. Rays came.",
		"\xff" "deathray \xc3" "death ray",
		"A death ray.\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\nDeathrays.\n",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	cl_db *jit, *interpreter;
	uint32_t has_jit = 0;
	size_t i;
	(void)state;
	pcre2_config(PCRE2_CONFIG_JIT, &has_jit);
	print_message("PCRE2 JIT %s\n", has_jit ? "available" : "not available: both are the interpreter");
	write_facts(good_facts);
	unsetenv("CHRONOLINT_PCRE2_JIT");
	jit = open_facts();
	setenv("CHRONOLINT_PCRE2_JIT", "off", 1);
	interpreter = open_facts();
	unsetenv("CHRONOLINT_PCRE2_JIT");
	unlink(facts_path);
	assert_non_null(jit);
	assert_non_null(interpreter);
	for (i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		char *a = terms(jit, texts[i]), *b = terms(interpreter, texts[i]);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	cl_db_free(jit);
	cl_db_free(interpreter);
}

static void bad_patterns_are_reported_at_their_line(void **state)
{
	char facts[1024], *longer;
	cl_db *db;
	(void)state;
	assert_null(open_with(TERMS(TERM("bad", "    <pattern>death(ray</pattern>\n"))));
	assert_non_null(strstr(problems, "facts:5: bad: the pattern is not valid at byte 9: missing closing parenthesis"));
	/* 16 levels of parentheses are allowed, 17 are not */
	snprintf(facts, sizeof(facts), TERMS(TERM("deep", "    <pattern>%s</pattern>\n")),
		 "((((((((((((((((x))))))))))))))))");
	db = open_with(facts);
	assert_non_null(db);
	cl_db_free(db);
	snprintf(facts, sizeof(facts), TERMS(TERM("deep", "    <pattern>%s</pattern>\n")),
		 "(((((((((((((((((x)))))))))))))))))");
	assert_null(open_with(facts));
	assert_non_null(strstr(problems, "facts:5: deep: the pattern is not valid at byte"));
	assert_non_null(strstr(problems, "parentheses are too deeply nested"));
	/* longer than 512 bytes */
	longer = malloc(700);
	assert_non_null(longer);
	memset(longer, 'a', 513);
	longer[513] = '\0';
	snprintf(facts, sizeof(facts), TERMS(TERM("long", "    <pattern>%s</pattern>\n")), longer);
	assert_null(open_with(facts));
	assert_non_null(strstr(problems, "facts:5: long: the pattern is 513 bytes long; at most 512 are allowed"));
	free(longer);
}

static void too_many_patterns_are_refused(void **state)
{
	size_t size = 300 * 64 + 512, i, n;
	char *facts = malloc(size);
	(void)state;
	assert_non_null(facts);
	n = (size_t)snprintf(facts, size, "<?xml version=\"1.0\"?>\n<terms xmlns=\"https://chronolint.org/ns/rules/1\">\n"
					  "  <term id=\"many\" qid=\"Q1\" type=\"word\">\n    <name>many</name>\n");
	for (i = 0; i < 257; i++)
		n += (size_t)snprintf(facts + n, size - n, "    <pattern>many%zu</pattern>\n", i);
	snprintf(facts + n, size - n, "    <first date=\"1950\" precision=\"year\" basis=\"coined\"/>\n  </term>\n</terms>\n");
	assert_null(open_with(facts));
	/* the project's rules hold some: the one over the limit is named */
	assert_non_null(strstr(problems, ": many: pattern 257 of the rules and facts together; at most 256 are allowed"));
	assert_non_null(strstr(problems, "facts:"));
	free(facts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_the_forms_a_name_misses),
		cmocka_unit_test(catastrophic_pattern_stops_at_its_limit),
		cmocka_unit_test(deep_pattern_stops_in_either_engine),
		cmocka_unit_test(empty_matches_move_on),
		cmocka_unit_test(jit_and_interpreter_agree),
		cmocka_unit_test(bad_patterns_are_reported_at_their_line),
		cmocka_unit_test(too_many_patterns_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
