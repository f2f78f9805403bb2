/* lsp.h - `chronolint lsp`: the Language Server Protocol over stdin and stdout. */
#ifndef CL_CMD_LSP_H
#define CL_CMD_LSP_H

#include <stdio.h>
#include "chronolint.h"
#include "options.h"

/* Serves one client on `in` and `out` until it says exit or closes its end.
 * `db` is the database of the command line (--rules); `o` the options every
 * document is checked with, under its own configuration. Returns the exit
 * status: 0 after shutdown and exit, 1 after exit without shutdown, 2 when the
 * server could not start. */
int lsp_serve(const cmd_options *o, const cl_db *db, FILE *in, FILE *out);

#endif
