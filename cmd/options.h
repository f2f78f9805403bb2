/* options.h - the command-line options, documented once in options.c. */
#ifndef CL_CMD_OPTIONS_H
#define CL_CMD_OPTIONS_H

#include <stdio.h>
#include "chronolint.h"

typedef enum { MODE_CHECK, MODE_CLAIMS, MODE_LEDGER, MODE_DB_CHECK, MODE_DB_STATS, MODE_DB_LOOKUP,
	       MODE_EXPLAIN, MODE_LIST_RULES, MODE_HELP, MODE_VERSION } cmd_mode;

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
	char **inputs;
	int input_count;
} cmd_options;

/* Parses argv; prints a usage error and returns 2 when it is wrong, else 0.
 * cmd_free() frees the lists it allocates. */
int cmd_parse(cmd_options *o, int argc, char **argv);
void cmd_free(cmd_options *o);
void cmd_help(FILE *out);

#endif
