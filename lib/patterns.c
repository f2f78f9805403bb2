/* patterns.c - the <pattern> forms of terms: PCRE2 patterns from rules and
 * facts files, which their authors write and the tool must survive.
 *
 * Every pattern is compiled with UTF and MATCH_INVALID_UTF (the text is never
 * trusted to be valid UTF-8), caseless, within a length and a nesting limit,
 * and matched under a match, a depth and a heap limit. A pattern that reaches
 * a limit on a text gives up on that text and says so, naming its file and
 * line; the check is then incomplete and exits 2. Limits: SECURITY.md. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

typedef struct {
	pcre2_code *code;
	int term;                 /* index into db->terms */
	const cl_term_pattern *source;
} compiled_pattern;

struct cl_patterns {
	compiled_pattern *items;
	size_t len;
	pcre2_match_context *limits;
	bool jit;
};

/* A whole word or words: no letter or digit right before or after the match. */
static const char word_start[] = "(?<![\\p{L}\\p{N}])(?:";
static const char word_end[] = ")(?![\\p{L}\\p{N}])";

static bool jit_wanted(void)
{
	const char *env = getenv("CHRONOLINT_PCRE2_JIT");
	uint32_t available = 0;
	if (env && (strcmp(env, "off") == 0 || strcmp(env, "0") == 0))
		return false;
	return pcre2_config(PCRE2_CONFIG_JIT, &available) >= 0 && available;
}

/* Compiles one pattern; NULL (reported) when it is too long or not valid. */
static pcre2_code *compile_one(const cl_term *t, const cl_term_pattern *p, pcre2_compile_context *cc,
			       bool jit, cl_db_diag *d, bool *nomem)
{
	size_t len = strlen(p->source), prefix = sizeof(word_start) - 1;
	char *wrapped;
	int code_err;
	PCRE2_SIZE at;
	pcre2_code *code;
	if (len > CL_PATTERN_MAX_BYTES) {
		cl_db_report(d, t->head.file, p->line, "%s: the pattern is %zu bytes long; at most %d are allowed",
			     t->head.id, len, CL_PATTERN_MAX_BYTES);
		return NULL;
	}
	wrapped = malloc(prefix + len + sizeof(word_end));
	if (!wrapped) {
		*nomem = true;
		return NULL;
	}
	memcpy(wrapped, word_start, prefix);
	memcpy(wrapped + prefix, p->source, len);
	memcpy(wrapped + prefix + len, word_end, sizeof(word_end));
	code = pcre2_compile((PCRE2_SPTR)wrapped, PCRE2_ZERO_TERMINATED,
			     PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP | PCRE2_CASELESS |
				     PCRE2_NEVER_BACKSLASH_C | PCRE2_NO_AUTO_CAPTURE,
			     &code_err, &at, cc);
	free(wrapped);
	if (!code) {
		PCRE2_UCHAR msg[256];
		if (code_err == PCRE2_ERROR_NOMEMORY || code_err == PCRE2_ERROR_HEAP_FAILED) {
			*nomem = true;
			return NULL;
		}
		pcre2_get_error_message(code_err, msg, sizeof(msg));
		/* the offset into what the author wrote, not into the wrapping */
		at = at > prefix ? at - prefix : 0;
		cl_db_report(d, t->head.file, p->line, "%s: the pattern is not valid at byte %zu: %s", t->head.id,
			     (size_t)(at < len ? at : len), (const char *)msg);
		return NULL;
	}
	/* the interpreter stays in use where the JIT cannot take a pattern */
	if (jit)
		(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

int cl_patterns_compile(cl_db *db, cl_db_diag *d)
{
	cl_patterns *ps;
	pcre2_compile_context *cc;
	size_t i, k, total = 0;
	bool nomem = false;
	for (i = 0; i < db->terms.len; i++) {
		const cl_term *t = &db->terms.items[i];
		if (total + t->pattern_count > CL_PATTERN_MAX_COUNT) {
			cl_db_report(d, t->head.file, t->patterns[CL_PATTERN_MAX_COUNT - total].line,
				     "%s: pattern %d of the rules and facts together; at most %d are allowed, "
				     "as each is a pass over the text",
				     t->head.id, CL_PATTERN_MAX_COUNT + 1, CL_PATTERN_MAX_COUNT);
			return CL_OK;
		}
		total += t->pattern_count;
	}
	if (total == 0)
		return CL_OK;
	ps = calloc(1, sizeof(*ps));
	cc = pcre2_compile_context_create(NULL);
	if (!ps || !cc || !(ps->items = calloc(total, sizeof(*ps->items))) ||
	    !(ps->limits = pcre2_match_context_create(NULL)) ||
	    pcre2_set_parens_nest_limit(cc, CL_PATTERN_MAX_NESTING + 1) != 0) { /* + the wrapping */
		pcre2_compile_context_free(cc);
		cl_patterns_free(ps);
		return CL_ERR_NOMEM;
	}
	pcre2_set_match_limit(ps->limits, CL_PATTERN_MATCH_LIMIT);
	pcre2_set_depth_limit(ps->limits, CL_PATTERN_DEPTH_LIMIT);
	pcre2_set_heap_limit(ps->limits, CL_PATTERN_HEAP_KIB);
	ps->jit = jit_wanted();
	for (i = 0; i < db->terms.len && !nomem; i++) {
		const cl_term *t = &db->terms.items[i];
		for (k = 0; k < t->pattern_count && !nomem; k++) {
			pcre2_code *code = compile_one(t, &t->patterns[k], cc, ps->jit, d, &nomem);
			if (code)
				ps->items[ps->len++] = (compiled_pattern){ code, (int)i, &t->patterns[k] };
		}
	}
	pcre2_compile_context_free(cc);
	if (nomem) {
		cl_patterns_free(ps);
		return CL_ERR_NOMEM;
	}
	db->patterns = ps;
	return CL_OK;
}

void cl_patterns_free(cl_patterns *ps)
{
	size_t i;
	if (!ps)
		return;
	for (i = 0; i < ps->len; i++)
		pcre2_code_free(ps->items[i].code);
	free(ps->items);
	pcre2_match_context_free(ps->limits);
	free(ps);
}

/* The token that starts at byte `off`, or n. */
static size_t token_starting_at(const cl_doc *doc, size_t off)
{
	size_t lo = 0, hi = doc->tokens.tokens.len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->tokens.tokens.items[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc->tokens.tokens.len && doc->tokens.tokens.items[lo].off == off ? lo : doc->tokens.tokens.len;
}

/* A claim for the match [from, to) when it covers whole tokens of one
 * sentence that no other claim holds; CL_OK when it does not. */
static int claim_match(cl_doc *doc, const compiled_pattern *p, size_t from, size_t to)
{
	size_t n = doc->tokens.tokens.len, begin = token_starting_at(doc, from), end;
	const cl_token *first;
	cl_xclaim c;
	if (begin == n)
		return CL_OK;
	first = &doc->tokens.tokens.items[begin];
	for (end = begin; end < n; end++) {
		const cl_token *t = &doc->tokens.tokens.items[end];
		if (t->off >= to || t->sentence != first->sentence || doc->tok_used[end])
			break;
		if (t->off + t->len == to) {
			memset(&c, 0, sizeof(c));
			c.kind = CL_CLAIM_TERM;
			c.tok_begin = begin;
			c.tok_end = end + 1;
			c.offset = from;
			c.length = to - from;
			c.sentence = first->sentence;
			c.who.db_index = c.who.doc_index = -1;
			c.fact = p->term;
			c.fact_sub = -1;
			for (; begin <= end; begin++)
				doc->tok_used[begin] |= CL_USED_FACT;
			return cl_claims_add(doc, &c);
		}
	}
	return CL_OK;
}

static const char *limit_name(int rc)
{
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
		return "match limit";
	case PCRE2_ERROR_DEPTHLIMIT:
		return "depth limit";
	case PCRE2_ERROR_HEAPLIMIT:
		return "heap limit";
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return "JIT stack limit";
	default:
		return NULL;
	}
}

/* Matches in prose[at, end), each claimed; stops at the first error, which
 * it returns (a PCRE2 code: a limit, no memory) with *failed_at set to where
 * that search began. */
static int search_range(cl_doc *doc, const compiled_pattern *p, pcre2_match_data *md,
			pcre2_match_context *limits, size_t at, size_t end, size_t *failed_at, int *rc)
{
	while (at <= end && *rc == CL_OK) {
		int got = pcre2_match(p->code, (PCRE2_SPTR)doc->text.prose, end, at, 0, md, limits);
		PCRE2_SIZE *ov;
		*failed_at = at;
		if (got < 0)
			return got == PCRE2_ERROR_NOMATCH ? 0 : got;
		ov = pcre2_get_ovector_pointer(md);
		if (ov[1] > ov[0])
			*rc = claim_match(doc, p, ov[0], ov[1]);
		/* on past the match, or past one character after an empty one */
		at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		while (at < end && ((unsigned char)doc->text.prose[at] & 0xC0) == 0x80)
			at++;
	}
	return 0;
}

static size_t line_of(const cl_text *text, size_t off)
{
	size_t lo = 0, hi = text->line_count;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (text->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* One pattern over the whole text, so that a term may be wrapped across
 * lines. Once it gives up, the rest goes line by line: a line where it gives
 * up again is left, the others are still searched, and the problem names the
 * first such line and counts them. */
static int search(cl_doc *doc, const compiled_pattern *p, pcre2_match_data *md, pcre2_match_context *limits)
{
	const cl_term *t = cl_db_fact(doc->db, CL_KIND_TERM, (size_t)p->term);
	const cl_text *text = &doc->text;
	size_t given_up = 0, first_line, line, failed_at = 0, ignored;
	int rc = CL_OK, got = search_range(doc, p, md, limits, 0, text->len, &failed_at, &rc), first_error = got;
	const char *limit;
	PCRE2_UCHAR msg[256];
	char more[64] = "";
	if (got == 0 || rc != CL_OK)
		return rc;
	if (got == PCRE2_ERROR_NOMEMORY)
		return CL_ERR_NOMEM;
	first_line = line_of(text, failed_at);
	for (line = first_line; line < text->line_count && rc == CL_OK; line++) {
		size_t from = text->line_starts[line];
		size_t to = line + 1 < text->line_count ? text->line_starts[line + 1] : text->len;
		got = search_range(doc, p, md, limits, from, to, &ignored, &rc);
		if (got == PCRE2_ERROR_NOMEMORY)
			return CL_ERR_NOMEM;
		if (got < 0 && given_up++ == 0) {
			first_line = line;
			first_error = got;
		}
	}
	if (rc != CL_OK || doc->pattern_problem)
		return rc;
	/* given_up is 0 when only a match across lines reached the limit */
	if (given_up > 1)
		snprintf(more, sizeof(more), " and %zu more line%s", given_up - 1, given_up > 2 ? "s" : "");
	if (!(limit = limit_name(first_error))) {
		pcre2_get_error_message(first_error, msg, sizeof(msg));
		limit = (const char *)msg;
	}
	doc->pattern_problem = cl_arena_printf(&doc->arena,
		"%s:%d: the pattern of term %s gave up at its %s on line %zu%s; %s not searched for it",
		t->head.file, p->source->line, t->head.id, limit, first_line + 1, more,
		given_up > 1 ? "they were" : "that line was");
	return rc;
}

int cl_extract_term_patterns(cl_doc *doc)
{
	const cl_patterns *ps = cl_db_patterns(doc->db);
	pcre2_match_data *md;
	size_t i;
	int rc = CL_OK;
	if (!ps || ps->len == 0 || doc->tokens.tokens.len == 0)
		return CL_OK;
	if (!(md = pcre2_match_data_create(1, NULL)))
		return CL_ERR_NOMEM;
	for (i = 0; i < ps->len && rc == CL_OK; i++)
		rc = search(doc, &ps->items[i], md, ps->limits);
	pcre2_match_data_free(md);
	return rc;
}
