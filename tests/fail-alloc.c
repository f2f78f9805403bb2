/* fail-alloc.c - allocation failure on demand, for chronolint-oom (tests/oom.sh).
 *
 * Linked with -Wl,--wrap=malloc,... so that the allocations made by our own
 * objects (lib/ and cmd/) come here first; libxml2, json-c, pcre2 and libcurl
 * allocate inside their shared libraries and are not counted, because what is
 * tested is how our code handles a NULL, not how theirs does.
 *
 *   CHRONOLINT_FAIL_ALLOC=N         the Nth allocation (from 1) returns NULL,
 *                                   the others succeed
 *   CHRONOLINT_FAIL_ALLOC_REPORT=1  at exit, writes to stderr how many
 *                                   allocations were made and whether one failed
 *   CHRONOLINT_FAIL_ALLOC_TRACE=1   writes the stack of the failed call to stderr
 *                                   (sanitizer builds, which have the symbolizer)
 *
 * The count is shared by all threads (-j, the link checker), so with several
 * threads which allocation is the Nth can differ from run to run; the test
 * runs with one. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

/* the sanitizers' runtime, when linked in */
extern void __sanitizer_print_stack_trace(void) __attribute__((weak));

static atomic_ulong calls;
static unsigned long fail_at; /* 0: never */
static atomic_bool failed;
static int trace;

static void report(void)
{
	fprintf(stderr, "fail-alloc: %lu allocations, %s\n", (unsigned long)atomic_load(&calls),
		atomic_load(&failed) ? "one failed" : "none failed");
}

/* Read once, before main: the environment is not touched by allocating. */
__attribute__((constructor)) static void fail_alloc_init(void)
{
	const char *n = getenv("CHRONOLINT_FAIL_ALLOC"), *r = getenv("CHRONOLINT_FAIL_ALLOC_REPORT"),
		   *t = getenv("CHRONOLINT_FAIL_ALLOC_TRACE");
	if (n)
		fail_at = strtoul(n, NULL, 10);
	trace = t && strcmp(t, "1") == 0;
	if (r && strcmp(r, "1") == 0)
		atexit(report);
}

/* Whether this call is the one to fail; every wrapped call counts once. */
static int should_fail(void)
{
	unsigned long i = atomic_fetch_add(&calls, 1) + 1;
	if (fail_at == 0 || i != fail_at)
		return 0;
	atomic_store(&failed, 1);
	if (trace && __sanitizer_print_stack_trace) {
		fprintf(stderr, "fail-alloc: allocation %lu fails here:\n", i);
		__sanitizer_print_stack_trace();
	}
	errno = ENOMEM;
	return 1;
}

void *__wrap_malloc(size_t size)
{
	return should_fail() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return should_fail() ? NULL : __real_calloc(n, size);
}

/* A failed realloc leaves the block as it was, as the real one does. */
void *__wrap_realloc(void *p, size_t size)
{
	return should_fail() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
	return should_fail() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return should_fail() ? NULL : __real_strndup(s, n);
}
