/* baseline.h - recorded findings that a run does not report again. */
#ifndef CL_CMD_BASELINE_H
#define CL_CMD_BASELINE_H

#include "chronolint.h"

typedef struct baseline baseline;

/* An empty baseline, to record a run in. Returns 0, or -1 out of memory. */
int baseline_new(baseline **out);
/* Reads a baseline file; returns 0, or 2 after saying what is wrong. */
int baseline_read(baseline **out, const char *path);
/* Is the finding of `file` recorded (and not yet matched by another)? */
int baseline_covers(baseline *b, const char *file, const cl_finding *f);
/* Records a finding; 0, or -1 out of memory. */
int baseline_add(baseline *b, const char *file, const cl_finding *f);
/* Writes the baseline through a temporary file renamed over `path`; 0 or 2. */
int baseline_write(const baseline *b, const char *path);
void baseline_free(baseline *b);

#endif
