/* fuzz_text.c - the whole text pipeline: input bytes -> cl_check() ->
 * findings, claims, sentences and hovers -> every report format. The first
 * two bytes choose the options, the rest is the document. What the writers emit
 * must parse: JSON Lines and SARIF as JSON (valid UTF-8 included),
 * Checkstyle and JUnit as XML. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <libxml/parser.h>
#include "fuzz.h"

/* The options of the first byte: bit 0 Markdown; bits 1-2 HTML off, on,
 * sniffed; bits 3-4 the kind (3: a manuscript of two files, the text cut
 * in half, checked with one story); bit 5 a point of divergence; bit 6 a
 * setting; bit 7 rule settings, fixed options and unused disables reported.
 * The second byte: bits 0-1 the format that wraps the run (SARIF, whose
 * rule metadata costs more than the check, Checkstyle, JUnit, GitHub),
 * written besides text and JSON; bit 2 colours and snippets in the text;
 * bit 3 the text checked in sections too (cl_stream), read in pieces of 32
 * times one more than bits 4-7 bytes. */
static const cl_rule_setting rule_settings[] = {
	{ "name-spelling", CL_RULE_OFF }, { "age-mismatch", CL_RULE_INFO }, { "divergence", CL_RULE_ERROR },
	{ "url-wrapper", CL_RULE_WARNING },
};

static void options_from(cl_check_options *o, unsigned char b, bool *story)
{
	static const cl_check_options defaults = CL_CHECK_OPTIONS_INIT;
	*o = defaults;
	o->markdown = b & 1;
	o->html = (b >> 1) & 3;
	if (o->html == 3)
		o->html = 2;
	o->kind = (cl_doc_kind)((b >> 3) & 3);
	*story = o->kind == 3;
	if (*story)
		o->kind = CL_KIND_MANUSCRIPT;
	if (b & 32)
		cl_date_parse(&o->pod, "1953-03-01");
	if (b & 64)
		cl_date_parse(&o->setting, "1941-06");
	if (b & 128) {
		o->rules = rule_settings;
		o->rule_count = sizeof(rule_settings) / sizeof(*rule_settings);
		o->fixed = CL_FIXED_POD;
		o->report_unused_disables = 1;
	}
}

/* Every line of `s` is one JSON object (or, for SARIF, the whole text is one). */
static void assert_json(const char *s, size_t len, bool lines)
{
	json_tokener *tok = json_tokener_new();
	size_t at = 0;
	FUZZ_ASSERT(tok);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	while (at < len) {
		const char *nl = lines ? memchr(s + at, '\n', len - at) : NULL;
		size_t n = nl ? (size_t)(nl - (s + at)) : len - at;
		json_object *o;
		json_tokener_reset(tok);
		o = json_tokener_parse_ex(tok, s + at, (int)n);
		if (!o && json_tokener_get_error(tok) == json_tokener_continue)
			o = json_tokener_parse_ex(tok, "", 1);
		if (!o)
			fprintf(stderr, "not JSON (%s): %.*s\n", json_tokener_error_desc(json_tokener_get_error(tok)),
				(int)(n > 400 ? 400 : n), s + at);
		FUZZ_ASSERT(o && json_object_is_type(o, json_type_object));
		json_object_put(o);
		at += n + 1;
	}
	json_tokener_free(tok);
}

static void assert_xml(const char *s, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(s, (int)len, "report.xml", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		fprintf(stderr, "not XML: %.*s\n", (int)(len > 400 ? 400 : len), s);
	FUZZ_ASSERT(doc);
	xmlFreeDoc(doc);
}

static void check_findings(const cl_result *r, size_t len)
{
	size_t i;
	for (i = 0; i < cl_result_finding_count(r); i++) {
		const cl_finding *f = cl_result_finding(r, i);
		FUZZ_ASSERT(f->rule && f->message);
		FUZZ_ASSERT(f->offset <= len && f->length <= len - f->offset);
		FUZZ_ASSERT(f->line >= 1 && f->column >= 1);
		FUZZ_ASSERT(f->end_line > f->line || (f->end_line == f->line && f->end_column >= f->column));
	}
	for (i = 0; i < cl_result_claim_count(r); i++) {
		const cl_claim *c = cl_result_claim(r, i);
		FUZZ_ASSERT(c->text && c->offset <= len && c->length <= len - c->offset);
	}
}

/* The views an editor and the subcommands ask for: sentences, hovers, lines. */
static void read_result(cl_result *r, size_t len)
{
	const cl_sentence_info *sentences;
	size_t count = 0, i, at, line_len;
	FUZZ_ASSERT(cl_result_sentences(r, &sentences, &count) == CL_OK);
	for (i = 0; i < count; i++)
		FUZZ_ASSERT(sentences[i].offset <= len && sentences[i].length <= len - sentences[i].offset);
	for (i = 0; i < cl_result_claim_count(r) && i < 16; i++) {
		char *text = NULL;
		size_t off, n;
		FUZZ_ASSERT(cl_result_describe(&text, &off, &n, r, fuzz_db(), cl_result_claim(r, i)->offset) ==
			    CL_OK);
		FUZZ_ASSERT(!text || (off <= len && n <= len - off));
		free(text);
	}
	for (at = 0; at <= len; at += len / 4 + 1) {
		char *text = NULL;
		size_t off, n;
		FUZZ_ASSERT(cl_result_describe(&text, &off, &n, r, fuzz_db(), at) == CL_OK);
		free(text);
	}
	for (i = 0; i < 3; i++)
		cl_result_line(r, (int)i + 1, &line_len);
}

static void write_reports(cl_result *const *results, size_t n, unsigned char b)
{
	static const cl_format run_formats[] = { CL_FORMAT_SARIF, CL_FORMAT_CHECKSTYLE, CL_FORMAT_JUNIT,
						 CL_FORMAT_GITHUB };
	const cl_format formats[] = { CL_FORMAT_TEXT, CL_FORMAT_JSON, run_formats[b & 3] };
	cl_ledger *ledger = NULL;
	size_t f, k;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;
	for (f = 0; f < sizeof(formats) / sizeof(*formats); f++) {
		cl_report_options ro = CL_REPORT_OPTIONS_INIT;
		cl_report *report = NULL;
		cl_error err;
		ro.format = formats[f];
		ro.color = ro.snippet = (b >> 2) & 1;
		FUZZ_ASSERT((out = open_memstream(&buf, &len)) != NULL);
		FUZZ_ASSERT(cl_report_new(&report, out, fuzz_db(), &ro, &err) == CL_OK);
		for (k = 0; k < n; k++)
			FUZZ_ASSERT(cl_report_add(report, results[k]) == CL_OK);
		FUZZ_ASSERT(cl_report_finish(report) == CL_OK);
		cl_report_free(report);
		fclose(out);
		if (formats[f] == CL_FORMAT_JSON)
			assert_json(buf, len, true);
		else if (formats[f] == CL_FORMAT_SARIF)
			assert_json(buf, len, false);
		else if (formats[f] == CL_FORMAT_CHECKSTYLE || formats[f] == CL_FORMAT_JUNIT)
			assert_xml(buf, len);
		free(buf);
		buf = NULL;
	}
	FUZZ_ASSERT((out = open_memstream(&buf, &len)) != NULL);
	for (k = 0; k < n; k++) {
		cl_report_options ro = CL_REPORT_OPTIONS_INIT;
		ro.snippet = !((b >> 2) & 1);
		FUZZ_ASSERT(cl_report_write(out, results[k], &ro) == CL_OK);
		FUZZ_ASSERT(cl_summary_write(out, results[k]) == CL_OK);
	}
	fclose(out);
	free(buf);
	/* the claims dump and the sentences: JSON Lines */
	FUZZ_ASSERT((out = open_memstream(&buf, &len)) != NULL);
	for (k = 0; k < n; k++)
		FUZZ_ASSERT(cl_claims_write(out, results[k]) == CL_OK && cl_sentences_write(out, results[k]) == CL_OK);
	fclose(out);
	assert_json(buf, len, true);
	free(buf);
	/* the divergence ledger, in both of its formats */
	FUZZ_ASSERT(cl_ledger_new(&ledger) == CL_OK);
	for (k = 0; k < n; k++)
		FUZZ_ASSERT(cl_ledger_add(ledger, results[k]) == CL_OK);
	FUZZ_ASSERT((out = open_memstream(&buf, &len)) != NULL);
	FUZZ_ASSERT(cl_ledger_write(out, ledger, CL_FORMAT_TEXT) == CL_OK);
	fclose(out);
	free(buf);
	FUZZ_ASSERT((out = open_memstream(&buf, &len)) != NULL);
	FUZZ_ASSERT(cl_ledger_write(out, ledger, CL_FORMAT_JSON) == CL_OK);
	fclose(out);
	assert_json(buf, len, true);
	free(buf);
	cl_ledger_free(ledger);
}

/* The text read in pieces of `piece` bytes, as the command reads a long
 * input, checked in sections; NULL when the check fails (memory). */
static cl_result *check_in_sections(const char *text, size_t len, size_t piece, const cl_check_options *opts)
{
	cl_stream *s = NULL;
	cl_result *r = NULL;
	cl_error err;
	char *buf = malloc(piece);
	size_t have = 0, read = 0, taken;
	int last;
	FUZZ_ASSERT(buf);
	if (cl_stream_new(&s, fuzz_db(), "long.txt", opts, &err) != CL_OK)
		goto done;
	do {
		size_t n = len - read < piece - have ? len - read : piece - have;
		memcpy(buf + have, text + read, n);
		have += n;
		read += n;
		last = read == len;
		if (cl_stream_check(s, buf, have, last, &taken, &err) != CL_OK)
			goto done;
		FUZZ_ASSERT(taken <= have && (taken > 0 || have < piece));
		memmove(buf, buf + taken, have - taken);
		have -= taken;
	} while (!last || have);
	if (cl_stream_finish(s, &r, &err) != CL_OK)
		r = NULL;
done:
	cl_stream_free(s);
	free(buf);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cl_check_options opts;
	cl_story *story = NULL;
	cl_result *results[2] = { NULL, NULL };
	size_t lens[2], n = 0, k, len;
	const char *text = (const char *)data + 2;
	bool manuscript;
	cl_error err;
	if (size < 2)
		return 0;
	len = size - 2;
	options_from(&opts, data[0], &manuscript);
	if (manuscript) {
		FUZZ_ASSERT(cl_story_new(&story) == CL_OK);
		opts.story = story;
		lens[0] = len / 2;
		if (cl_check(&results[n], fuzz_db(), "chapter1.md", text, lens[0], &opts, &err) == CL_OK)
			n++;
		lens[n] = len - len / 2;
		if (cl_check(&results[n], fuzz_db(), "chapter2.md", text + len / 2, len - len / 2, &opts, &err) ==
		    CL_OK)
			n++;
	} else {
		lens[0] = len;
		if (cl_check(&results[n], fuzz_db(), "fuzz.txt", text, len, &opts, &err) == CL_OK)
			n++;
	}
	for (k = 0; k < n; k++) {
		check_findings(results[k], lens[k]);
		read_result(results[k], lens[k]);
	}
	if (n)
		write_reports(results, n, data[1]);
	for (k = 0; k < n; k++)
		cl_result_free(results[k]);
	cl_story_free(story);
	if ((data[1] & 8) && !manuscript) {
		cl_result *whole = check_in_sections(text, len, 32 * (1 + (size_t)(data[1] >> 4)), &opts);
		if (whole) {
			check_findings(whole, len);
			read_result(whole, len);
			write_reports(&whole, 1, data[1]);
			cl_result_free(whole);
		}
	}
	return 0;
}
