/* jobs.h - checking files on several threads with their results used in
 * input order. */
#ifndef CL_CMD_JOBS_H
#define CL_CMD_JOBS_H

#include <stddef.h>

#define JOBS_NONE ((size_t)-1)

typedef struct {
	size_t count;          /* jobs 0 .. count-1 */
	int threads;           /* 1: everything on the calling thread */
	const size_t *after;   /* after[i]: a job that must be done before i starts,
	                        * or JOBS_NONE; earlier than i. NULL: none */
	/* Does job i; called on any thread, at most `threads` at once. */
	void (*work)(void *payload, size_t i);
	/* Uses job i once it is done; called on the calling thread, in order. */
	void (*use)(void *payload, size_t i);
	void *payload;
} jobs_plan;

/* Runs the plan. No job runs more than 4 × threads ahead of the one being
 * used, which bounds what waits in memory. Returns 0, or -1 when no thread
 * could be started (then everything ran on the calling thread). */
int jobs_run(const jobs_plan *plan);

/* The number of processors online, at least 1. */
int jobs_default_threads(void);

#endif
