/* report_github.c - GitHub Actions workflow commands: one annotation per
 * finding, which the runner shows on the file's line in the pull request:
 *
 *   ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE
 *
 * Each line stands alone, so the lines of a file are flushed as soon as it is
 * added: a long run shows its annotations in the log while it goes on. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

typedef struct {
	FILE *out;
	cl_report_options opts;
} github;

/* The runner reads a command up to the end of its line and its properties up
 * to ',' and '::', so those characters are written as percent escapes (which
 * it decodes); '%' itself too, or a literal "%0A" would turn into a line end. */
static void put_escaped(FILE *out, const char *s, bool property)
{
	char *clean = cl_report_clean(s, strlen(s), false);
	const char *p;
	for (p = clean ? clean : s; *p; p++) {
		switch (*p) {
		case '%':
			fputs("%25", out);
			break;
		case '\r':
			fputs("%0D", out);
			break;
		case '\n':
			fputs("%0A", out);
			break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default:
			fputc(*p, out);
		}
	}
	free(clean);
}

static const char *command(cl_severity s)
{
	return s == CL_SEV_ERROR ? "error" : s == CL_SEV_WARNING ? "warning" : "notice";
}

static int github_begin(void **state, FILE *out, const cl_db *db, const cl_report_options *opts)
{
	github *g = calloc(1, sizeof(*g));
	(void)db;
	if (!(*state = g))
		return CL_ERR_NOMEM;
	g->out = out;
	g->opts = *opts;
	return CL_OK;
}

static int github_add(void *state, const cl_result *result)
{
	github *g = state;
	const char *name = cl_result_name(result);
	size_t i, n = cl_result_finding_count(result);
	for (i = 0; i < n; i++) {
		const cl_finding *f = cl_result_finding(result, i);
		if (f->severity < g->opts.min_severity)
			continue;
		fprintf(g->out, "::%s ", command(f->severity));
		/* standard input is no file of the repository: the annotation then
		 * goes on the run, not on a file */
		if (strcmp(name, "-") != 0) {
			fputs("file=", g->out);
			put_escaped(g->out, name, true);
			fputc(',', g->out);
		}
		/* columns are only accepted on a span within one line; the end
		 * column is the one after the span, as in the JSON output */
		if (f->end_line == f->line)
			fprintf(g->out, "line=%d,col=%d,endLine=%d,endColumn=%d,", f->line, f->column, f->end_line,
				f->end_column);
		else
			fprintf(g->out, "line=%d,endLine=%d,", f->line, f->end_line);
		fputs("title=", g->out);
		put_escaped(g->out, f->rule, true);
		fputs("::", g->out);
		put_escaped(g->out, f->message, false);
		fputc('\n', g->out);
	}
	if (fflush(g->out) != 0 || ferror(g->out))
		return CL_ERR_IO;
	return CL_OK;
}

static int github_finish(void *state)
{
	github *g = state;
	return fflush(g->out) == 0 && !ferror(g->out) ? CL_OK : CL_ERR_IO;
}

static void github_free(void *state)
{
	free(state);
}

const cl_report_writer cl_github_writer = { github_begin, github_add, github_finish, github_free };
