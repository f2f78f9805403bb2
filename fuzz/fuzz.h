/* fuzz.h - what the fuzz targets share: the entry point libFuzzer (or
 * replay.c) calls, the database they check against, a private directory
 * for the targets that read files, and a document built up to its tokens
 * for the targets that run one extractor. */
#ifndef CL_FUZZ_H
#define CL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The project's rules ($CHRONOLINT_RULES, else the source tree's), opened
 * once per process; aborts when they cannot be opened, since every input
 * would then test nothing. */
const cl_db *fuzz_db(void);

/* The rules directory fuzz_db() opened. */
const char *fuzz_rules_dir(void);

/* A directory of this process's own, made on the first call and removed
 * with what is in it at exit. */
const char *fuzz_dir(void);

/* "DIR/relative" under fuzz_dir(), as a new string kept for the process. */
const char *fuzz_path(const char *relative);

/* Makes a directory (its parent exists); aborts when it cannot. */
void fuzz_mkdir(const char *path);

/* Writes data[0..len) to `path`; aborts when it cannot (the disk is full). */
void fuzz_write(const char *path, const void *data, size_t len);

/* A document as cl_check() has it before its extractors run: the text read
 * (Markdown or HTML as `opts` says), tokenized, and the per-token and
 * per-sentence tables allocated. `opts` and `data` must outlive it.
 * Returns CL_OK or an error code (then nothing is left to free); free it
 * with cl_doc_release. */
int fuzz_doc_open(cl_doc *doc, const cl_check_options *opts, const char *data, size_t len);

/* Aborts, naming the broken invariant, so that the fuzzer keeps the input. */
#define FUZZ_ASSERT(cond) \
	((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))
void fuzz_fail(const char *file, int line, const char *what) __attribute__((noreturn));

#endif
