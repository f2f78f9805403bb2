/* helpers.h - shared by the unit tests: the database, and claims as text. */
#ifndef CL_TEST_HELPERS_H
#define CL_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "chronolint.h"

/* How much longer a time limit is where the test runs slower: under valgrind
 * (CL_VALGRIND) or the sanitizers; the limits are for the normal build. */
#if defined(CL_TEST_VALGRIND)
#define TEST_SLOWDOWN 100
#elif defined(__SANITIZE_ADDRESS__)
#define TEST_SLOWDOWN 10
#else
#define TEST_SLOWDOWN 1
#endif

/* The project's rules, opened once per test program. */
const cl_db *test_db(void);

/* Checks `text` and returns the claims of `kind` as "text=value" joined by "|"
 * (ranges as "text=begin/end"). The caller frees the string. */
char *test_claims(const char *text, cl_claim_kind kind, const cl_check_options *opts);

/* Checks `text` and returns its findings as "rule:found" joined by "|". */
char *test_findings(const char *text, const cl_check_options *opts);

/* The verdicts of checked claims as "text=confirmed|..." */
char *test_verdicts(const char *text, const cl_check_options *opts);

#endif
