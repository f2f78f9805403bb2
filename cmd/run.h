/* run.h - a check run over files, directories and pages: each file checked
 * under its own configuration, on several threads, reported in input order. */
#ifndef CL_CMD_RUN_H
#define CL_CMD_RUN_H

#include "chronolint.h"
#include "options.h"

/* Checks the inputs of `o` against `db` (the rules alone) and writes the
 * report, claims or ledger. Returns the exit status (0, 1 or 2). */
int run_checks(const cmd_options *o, cl_db *db);

#endif
