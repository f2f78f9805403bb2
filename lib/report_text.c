/* report_text.c - gcc-style findings: FILE:LINE:COL: SEVERITY: MESSAGE [RULE],
 * then on a terminal the source line with a caret under the span. */
#include <string.h>
#include "internal.h"

const char *cl_severity_name(cl_severity s)
{
	return s == CL_SEV_ERROR ? "error" : s == CL_SEV_WARNING ? "warning" : "info";
}

static const char *severity_color(cl_severity s)
{
	return s == CL_SEV_ERROR ? "\033[1;31m" : s == CL_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
}

/* The source line, tabs kept, and a caret line of the same display shape. */
static void write_snippet(FILE *out, const cl_result *r, const cl_finding *f, int color)
{
	size_t len, i;
	const char *line = cl_result_line(r, f->line, &len);
	int col = 1, end_col = f->end_line == f->line ? f->end_column : (int)len + 1;
	if (!line)
		return; /* a text checked in sections keeps no lines */
	fprintf(out, "%5d | %.*s\n      | ", f->line, (int)len, line);
	if (color)
		fputs("\033[1;32m", out);
	for (i = 0; i < len && col < end_col;) {
		uint32_t cp;
		size_t n = cl_utf8_decode((const unsigned char *)line + i, len - i, &cp);
		if (!n)
			n = 1;
		if (col < f->column)
			fputc(line[i] == '\t' ? '\t' : ' ', out);
		else
			fputc(col == f->column ? '^' : '~', out);
		i += n;
		col++;
	}
	if (col == f->column)
		fputc('^', out);
	if (color)
		fputs("\033[0m", out);
	fputc('\n', out);
}

int cl_report_text(FILE *out, const cl_result *r, const cl_report_options *o)
{
	size_t i, n = cl_result_finding_count(r);
	for (i = 0; i < n; i++) {
		const cl_finding *f = cl_result_finding(r, i);
		if (f->severity < o->min_severity)
			continue;
		if (o->color)
			fprintf(out, "\033[1m%s:%d:%d:\033[0m %s%s:\033[0m %s \033[2m[%s]\033[0m\n", cl_result_name(r),
				f->line, f->column, severity_color(f->severity), cl_severity_name(f->severity), f->message,
				f->rule);
		else
			fprintf(out, "%s:%d:%d: %s: %s [%s]\n", cl_result_name(r), f->line, f->column,
				cl_severity_name(f->severity), f->message, f->rule);
		if (o->snippet)
			write_snippet(out, r, f, o->color);
	}
	return ferror(out) ? CL_ERR_IO : CL_OK;
}

/* A claim that spans a line break is quoted on one line. */
static void write_one_line(FILE *out, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		if (s[i] == '\r')
			continue;
		fputc(s[i] == '\n' ? ' ' : s[i], out);
	}
}

static const char *verdict_name(cl_verdict v)
{
	switch (v) {
	case CL_VERDICT_CONFIRMED:
		return "confirmed";
	case CL_VERDICT_CONTRADICTED:
		return "contradicted";
	case CL_VERDICT_UNKNOWN:
		return "unknown";
	default:
		return "";
	}
}

int cl_summary_write(FILE *out, const cl_result *r)
{
	size_t i, n = cl_result_claim_count(r), counts[4] = { 0 }, found = 0;
	for (i = 0; i < n; i++) {
		const cl_claim *c = cl_result_claim(r, i);
		if (c->kind != CL_CLAIM_LIFESPAN)
			found++;
		if (c->verdict == CL_VERDICT_NONE)
			continue;
		counts[c->verdict]++;
		fprintf(out, "%s:%d:%d: %s: %s \"", cl_result_name(r), c->line, c->column, verdict_name(c->verdict),
			c->kind == CL_CLAIM_AGE ? "age" : "life span");
		write_one_line(out, c->text, c->length);
		fprintf(out, "\"%s%s\n", c->verdict_note ? " - " : "", c->verdict_note ? c->verdict_note : "");
	}
	fprintf(out, "%s: %zu claims found; %zu checked: %zu confirmed, %zu contradicted, %zu unknown\n",
		cl_result_name(r), found, counts[1] + counts[2] + counts[3], counts[1], counts[2], counts[3]);
	return ferror(out) ? CL_ERR_IO : CL_OK;
}
