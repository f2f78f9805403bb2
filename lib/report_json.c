/* report_json.c - JSON Lines: one object per finding (DESIGN.md §3), and the
 * claims dump. Strings are escaped for JSON; control bytes become \u00XX. */
#include <string.h>
#include "internal.h"

void cl_json_string(FILE *out, const char *s, size_t len)
{
	size_t i;
	fputc('"', out);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (c < 0x20 || c == 0x7F) {
				fprintf(out, "\\u%04x", c);
			} else if (c >= 0x80) {
				/* invalid UTF-8 in a span is written as U+FFFD */
				uint32_t cp;
				size_t n = cl_utf8_decode((const unsigned char *)s + i, len - i, &cp);
				if (!n) {
					fputs("\\ufffd", out);
				} else {
					fwrite(s + i, 1, n, out);
					i += n - 1;
				}
			} else {
				fputc(c, out);
			}
		}
	}
	fputc('"', out);
}

static void field(FILE *out, const char *name, const char *value)
{
	fprintf(out, ",\"%s\":", name);
	if (value)
		cl_json_string(out, value, strlen(value));
	else
		fputs("null", out);
}

int cl_report_json(FILE *out, const cl_result *r, const cl_report_options *o)
{
	size_t i, n = cl_result_finding_count(r);
	for (i = 0; i < n; i++) {
		const cl_finding *f = cl_result_finding(r, i);
		if (f->severity < o->min_severity)
			continue;
		fputs("{\"file\":", out);
		cl_json_string(out, cl_result_name(r), strlen(cl_result_name(r)));
		fprintf(out, ",\"line\":%d,\"column\":%d,\"end_line\":%d,\"end_column\":%d,\"offset\":%zu,\"length\":%zu",
			f->line, f->column, f->end_line, f->end_column, f->offset, f->length);
		field(out, "rule", f->rule);
		field(out, "severity", cl_severity_name(f->severity));
		field(out, "message", f->message);
		field(out, "found", f->found);
		field(out, "expected", f->expected);
		field(out, "evidence", f->evidence);
		if (f->fix)
			field(out, "fix", f->fix);
		fputs("}\n", out);
	}
	return ferror(out) ? CL_ERR_IO : CL_OK;
}

int cl_report_write(FILE *out, const cl_result *r, const cl_report_options *o)
{
	static const cl_report_options defaults = CL_REPORT_OPTIONS_INIT;
	if (!o)
		o = &defaults;
	return o->format == CL_FORMAT_JSON ? cl_report_json(out, r, o) : cl_report_text(out, r, o);
}

static const char *kind_name(cl_claim_kind k)
{
	switch (k) {
	case CL_CLAIM_DATE:
		return "date";
	case CL_CLAIM_DURATION:
		return "duration";
	case CL_CLAIM_AGE:
		return "age";
	case CL_CLAIM_PERSON:
		return "person";
	case CL_CLAIM_LIFESPAN:
		return "lifespan";
	case CL_CLAIM_OFFICE:
		return "office";
	case CL_CLAIM_EVENT:
		return "event";
	case CL_CLAIM_PLACE:
		return "place";
	case CL_CLAIM_ENTITY:
		return "entity";
	case CL_CLAIM_TERM:
		return "term";
	case CL_CLAIM_URL:
		return "url";
	case CL_CLAIM_CITATION:
		return "citation";
	}
	return "";
}

int cl_claims_write(FILE *out, const cl_result *r)
{
	size_t i, n = cl_result_claim_count(r);
	for (i = 0; i < n; i++) {
		const cl_claim *c = cl_result_claim(r, i);
		if (c->kind == CL_CLAIM_LIFESPAN)
			continue; /* a life span is its person and date claims, checked together */
		fprintf(out, "{\"kind\":\"%s\",\"text\":", kind_name(c->kind));
		cl_json_string(out, c->text, c->length);
		fprintf(out, ",\"offset\":%zu,\"length\":%zu,\"line\":%d,\"column\":%d", c->offset, c->length, c->line,
			c->column);
		field(out, "value", c->value);
		if (c->begin) {
			field(out, "begin", c->begin);
			field(out, "end", c->end);
		}
		if (c->ref)
			field(out, "ref", c->ref);
		if (c->anchor)
			field(out, "anchor", c->anchor);
		if (c->narrative) {
			field(out, "reference_date", c->narrative);
			field(out, "reference_reason", c->narrative_reason);
		}
		fputs("}\n", out);
	}
	return ferror(out) ? CL_ERR_IO : CL_OK;
}

int cl_sentences_write(FILE *out, cl_result *r)
{
	const cl_sentence_info *sentences;
	size_t i, n;
	int rc = cl_result_sentences(r, &sentences, &n);
	if (rc != CL_OK)
		return rc;
	for (i = 0; i < n; i++) {
		const cl_sentence_info *s = &sentences[i];
		fputs("{\"kind\":\"sentence\",\"text\":", out);
		cl_json_string(out, s->text, s->length);
		fprintf(out, ",\"offset\":%zu,\"length\":%zu,\"line\":%d,\"column\":%d", s->offset, s->length,
			s->line, s->column);
		if (s->reference_date) {
			field(out, "reference_date", s->reference_date);
			field(out, "reference_reason", s->reference_reason);
		}
		fputs("}\n", out);
	}
	return ferror(out) ? CL_ERR_IO : CL_OK;
}
