/* options.h - the command-line options, documented once in options.c. */
#ifndef CL_CMD_OPTIONS_H
#define CL_CMD_OPTIONS_H

#include <stdio.h>
#include "chronolint.h"

typedef enum { MODE_CHECK, MODE_CLAIMS, MODE_LEDGER, MODE_DB_CHECK, MODE_DB_STATS, MODE_DB_LOOKUP,
	       MODE_EXPLAIN, MODE_LIST_RULES, MODE_HELP, MODE_VERSION, MODE_LSP } cmd_mode;

typedef enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_mode;

typedef struct {
	cmd_mode mode;
	cl_check_options check;
	cl_format format;
	cl_severity fail_level;
	int fail_level_given;   /* --fail-level: the configuration's does not apply */
	color_mode color;
	int summary;
	int sentences;          /* claims --sentences */
	const char *rules;
	const char *config;     /* --config FILE */
	int no_config;
	const char *baseline, *write_baseline;
	const char **facts;     /* --facts, in order */
	size_t facts_count;
	cl_rule_setting *rule_settings; /* --enable and --disable, in order */
	size_t rule_setting_count;
	int online;             /* --online: links are fetched */
	cl_online_options net;  /* --allow-private, --archive, --link-timeout, --link-cache ... */
	const char *explain;
	const char *lookup;
	int jobs;               /* -j: files checked at once */
	const char **include;   /* --include globs for directories walked, in order */
	size_t include_count;
	const char **exclude;   /* --exclude globs */
	size_t exclude_count;
	const char *stdin_filename; /* --stdin-filename: standard input's name */
	int fix;                /* --fix: the safe fixes written into the files */
	int diff;               /* --diff: the safe fixes shown as a unified diff */
	char **inputs;
	int input_count;
} cmd_options;

/* Parses argv; prints a usage error and returns 2 when it is wrong, else 0.
 * cmd_free() frees the lists it allocates. */
int cmd_parse(cmd_options *o, int argc, char **argv);
void cmd_free(cmd_options *o);
void cmd_help(FILE *out);

/* The options one file is checked with: the command line's over the file's
 * configuration. */
typedef struct {
	cl_check_options check;
	cl_severity fail_level;
	const char **facts;     /* the configuration's facts files, then the command line's */
	size_t facts_count;
	cl_rule_setting *rules; /* the configuration's rule settings, then the command line's */
} cmd_file_options;

/* Fills `fo` from `o` over `cfg` (NULL: no configuration). The lists are new
 * (cmd_file_options_free frees them); strings are borrowed from `o` and `cfg`.
 * Returns 0, or -1 out of memory. */
int cmd_file_options_init(cmd_file_options *fo, const cmd_options *o, const cl_config *cfg);
void cmd_file_options_free(cmd_file_options *fo);

/* Writes a problem of a rules, facts or configuration file to stderr as
 * FILE:LINE: message (a cl_diag_fn). */
void cmd_print_diag(void *payload, const char *file, int line, const char *message);

/* The rules directory: --rules, $CHRONOLINT_RULES, the installed rules, or
 * the source tree's. */
const char *cmd_rules_dir(const cmd_options *o);

#endif
