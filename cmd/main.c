/* main.c - the chronolint command: a thin client of libchronolint. */
#include <stdio.h>
#include "chronolint.h"
#include "lsp.h"
#include "options.h"
#include "run.h"

/* db stats: one line per kind, "kind count", in a fixed order. */
static int print_stats(const cl_db *db)
{
	static const char *const kinds[] = { "people", "offices", "tenures", "events", "places", "place-names",
					     "entities", "terms", "works", "names", "rules" };
	size_t i;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		printf("%-12s %ld\n", kinds[i], cl_db_count(db, kinds[i]));
	return 0;
}

static int explain(const cl_db *db, const char *id)
{
	const cl_rule_doc *r = cl_db_rule_find(db, id);
	if (!r) {
		fprintf(stderr, "chronolint: no rule \"%s\" (see --list-rules)\n", id);
		return 2;
	}
	printf("%s (%s)\n  %s\n\n%s\n\nReported:\n  %s\n\nCorrect:\n  %s\n", r->id, r->severity, r->summary,
	       r->description, r->bad, r->good);
	if (r->silence)
		printf("\nSilencing it:\n  %s\n", r->silence);
	if (r->limits)
		printf("\nKnown limits:\n  %s\n", r->limits);
	if (r->help_uri)
		printf("\nDocumentation:\n  %s\n", r->help_uri);
	return 0;
}

static int list_rules(const cl_db *db, cl_format format)
{
	size_t i;
	if (format == CL_FORMAT_JSON)
		return cl_rules_write_json(stdout, db) == CL_OK ? 0 : 2;
	if (format != CL_FORMAT_TEXT) {
		fprintf(stderr, "chronolint: --list-rules is written as text or json\n");
		return 2;
	}
	for (i = 0; i < cl_db_rule_count(db); i++) {
		const cl_rule_doc *r = cl_db_rule(db, i);
		printf("%-26s %-8s %s\n", r->id, r->severity, r->summary);
	}
	return 0;
}

/* What the parsed command line asks for; returns the exit status. */
static int run_mode(const cmd_options *o)
{
	cl_db *db = NULL;
	cl_error err = { 0, "" };
	int rc;
	if (o->mode == MODE_HELP) {
		cmd_help(stdout);
		return 0;
	}
	if (o->mode == MODE_VERSION) {
		printf("chronolint %s\n", CL_VERSION);
		return 0;
	}
	if (o->mode == MODE_DB_CHECK) {
		const char *dir = o->input_count ? o->inputs[0] : cmd_rules_dir(o);
		int problems = cl_db_check(dir, cmd_print_diag, NULL, &err);
		if (problems < 0) {
			fprintf(stderr, "chronolint: %s\n", err.message);
			return 2;
		}
		if (problems == 0)
			printf("%s: no problems\n", dir);
		return problems ? 1 : 0;
	}
	if (cl_db_open(&db, cmd_rules_dir(o), cmd_print_diag, NULL, &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s\n", err.message);
		return 2;
	}
	switch (o->mode) {
	case MODE_DB_STATS:
		rc = print_stats(db);
		break;
	case MODE_DB_LOOKUP:
		rc = cl_db_lookup(db, o->lookup, stdout) ? 0 : 1;
		if (rc)
			fprintf(stderr, "chronolint: nothing known as \"%s\"\n", o->lookup);
		break;
	case MODE_EXPLAIN:
		rc = explain(db, o->explain);
		break;
	case MODE_LIST_RULES:
		rc = list_rules(db, o->format);
		break;
	case MODE_LSP:
		rc = lsp_serve(o, db, stdin, stdout);
		break;
	default:
		rc = run_checks(o, db);
	}
	cl_db_free(db);
	return rc;
}

int main(int argc, char **argv)
{
	cmd_options o;
	int rc = cmd_parse(&o, argc, argv);
	if (rc == 0)
		rc = run_mode(&o);
	cmd_free(&o); /* on every path: the lists of --facts, --enable and the like */
	return rc;
}
