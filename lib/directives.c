/* directives.c - settings and suppressions written in the text itself, as an
 * HTML comment (which plain text, Markdown and HTML all leave alone):
 *
 *   <!-- chronolint: pod=1953-03-01 setting=1956 kind=manuscript -->
 *   <!-- chronolint: disable-next-line=after-death -->
 *   <!-- chronolint: disable=name-spelling -->  ...  <!-- chronolint: enable=name-spelling -->
 *   <!-- chronolint: disable-file=anachronism-term -->
 *
 * Settings are read before the checks; suppressions, the configured rule
 * states and the report of unused disables are applied to the findings after. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define MAX_DIRECTIVES 10000
#define MAX_WORD 128

static const char directive_invalid[] = "directive-invalid";
static const char directive_unused[] = "directive-unused";

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int problem(cl_doc *doc, size_t off, size_t len, const char *msg)
{
	return cl_finding_add(doc, directive_invalid, CL_SEV_WARNING, off, len, msg,
			      cl_arena_strndup(&doc->arena, doc->text.orig + off, len), NULL, NULL, NULL);
}

static bool known_rule(const cl_doc *doc, const char *id)
{
	return strcmp(id, "all") == 0 || cl_db_rule_find(doc->db, id) != NULL;
}

static int line_of(cl_doc *doc, size_t off)
{
	int line, col;
	cl_text_position(&doc->text, off, &line, &col);
	return line;
}

static int add_suppression(cl_doc *doc, const char *rule, int from, int to, bool block, size_t off, size_t len)
{
	cl_suppression s;
	if (doc->suppressions.len >= MAX_DIRECTIVES)
		return problem(doc, off, len, "too many disable directives; this one is ignored");
	memset(&s, 0, sizeof(s));
	s.rule = strcmp(rule, "all") == 0 ? NULL : cl_arena_strndup(&doc->arena, rule, strlen(rule));
	s.from = from;
	s.to = to;
	s.block = block;
	s.off = off;
	s.len = len;
	return CL_ARRAY_PUSH(doc->suppressions, s) ? CL_ERR_NOMEM : CL_OK;
}

/* "enable=R" closes the open block of R (or of every rule, for "all"). */
static int close_block(cl_doc *doc, const char *rule, int line, size_t off, size_t len)
{
	size_t k;
	bool closed = false;
	for (k = 0; k < doc->suppressions.len; k++) {
		cl_suppression *s = &doc->suppressions.items[k];
		if (s->block && s->to == INT_MAX &&
		    (strcmp(rule, "all") == 0 || (s->rule && strcmp(s->rule, rule) == 0))) {
			s->to = line;
			closed = true;
		}
	}
	if (closed)
		return CL_OK;
	return problem(doc, off, len, cl_arena_printf(&doc->arena, "enable=%s closes no disable=%s above it",
						       rule, rule));
}

/* One rule list: "after-death,divergence", or empty for every rule. */
static int rule_list(cl_doc *doc, const char *key, const char *value, size_t off, size_t len)
{
	int line = line_of(doc, off);
	char rule[MAX_WORD];
	const char *p = *value ? value : "all";
	while (*p) {
		size_t n = strcspn(p, ",");
		int rc = CL_OK;
		if (n == 0 || n >= sizeof(rule)) {
			rc = problem(doc, off, len, "an empty or overlong rule name in a directive");
		} else {
			memcpy(rule, p, n);
			rule[n] = '\0';
			if (!known_rule(doc, rule))
				rc = problem(doc, off, len,
					     cl_arena_printf(&doc->arena, "unknown rule \"%s\" in a directive "
									  "(see chronolint --list-rules)", rule));
			else if (strcmp(key, "disable") == 0)
				rc = add_suppression(doc, rule, line, INT_MAX, true, off, len);
			else if (strcmp(key, "enable") == 0)
				rc = close_block(doc, rule, line, off, len);
			else if (strcmp(key, "disable-next-line") == 0)
				rc = add_suppression(doc, rule, line + 1, line + 1, false, off, len);
			else if (strcmp(key, "disable-line") == 0)
				rc = add_suppression(doc, rule, line, line, false, off, len);
			else
				rc = add_suppression(doc, rule, 1, INT_MAX, false, off, len);
		}
		if (rc != CL_OK)
			return rc;
		p += n;
		if (*p == ',')
			p++;
	}
	return CL_OK;
}

static int setting(cl_doc *doc, cl_check_options *opts, const char *key, const char *value, size_t off, size_t len)
{
	cl_date d;
	if (strcmp(key, "kind") == 0) {
		cl_doc_kind kind;
		if (strcmp(value, "essay") == 0)
			kind = CL_KIND_ESSAY;
		else if (strcmp(value, "manuscript") == 0)
			kind = CL_KIND_MANUSCRIPT;
		else if (strcmp(value, "forum") == 0)
			kind = CL_KIND_FORUM;
		else
			return problem(doc, off, len, cl_arena_printf(&doc->arena,
				"unknown kind \"%s\" in a directive (essay, manuscript or forum)", value));
		if (!(opts->fixed & CL_FIXED_KIND))
			opts->kind = kind;
		return CL_OK;
	}
	if (cl_date_parse(&d, value) != CL_OK)
		return problem(doc, off, len, cl_arena_printf(&doc->arena,
			"invalid date \"%s\" for %s (use YYYY, YYYY-MM or YYYY-MM-DD)", value, key));
	if (strcmp(key, "pod") == 0 && !(opts->fixed & CL_FIXED_POD))
		opts->pod = d;
	else if (strcmp(key, "setting") == 0 && !(opts->fixed & CL_FIXED_SETTING))
		opts->setting = d;
	return CL_OK;
}

static int directive_word(cl_doc *doc, cl_check_options *opts, const char *word, size_t off, size_t len)
{
	static const char *const settings[] = { "pod", "setting", "kind" };
	static const char *const lists[] = { "disable", "enable", "disable-next-line", "disable-line",
					     "disable-file" };
	char key[MAX_WORD];
	const char *eq = strchr(word, '='), *value = eq ? eq + 1 : "";
	size_t n = eq ? (size_t)(eq - word) : strlen(word), k;
	if (n >= sizeof(key))
		return problem(doc, off, len, "an overlong word in a directive");
	memcpy(key, word, n);
	key[n] = '\0';
	for (k = 0; k < sizeof(settings) / sizeof(*settings); k++)
		if (strcmp(key, settings[k]) == 0) {
			if (!eq || !*value)
				return problem(doc, off, len, cl_arena_printf(&doc->arena, "%s needs a value", key));
			return setting(doc, opts, key, value, off, len);
		}
	for (k = 0; k < sizeof(lists) / sizeof(*lists); k++)
		if (strcmp(key, lists[k]) == 0)
			return rule_list(doc, key, value, off, len);
	return problem(doc, off, len, cl_arena_printf(&doc->arena,
		"unknown directive \"%s\" (pod, setting, kind, disable, enable, disable-line, "
		"disable-next-line, disable-file)", key));
}

/* The words of one comment's body, after "chronolint:". */
static int read_comment(cl_doc *doc, cl_check_options *opts, size_t body, size_t end, size_t off, size_t len)
{
	const char *t = doc->text.orig;
	char word[512];
	size_t i = body;
	while (i < end) {
		size_t w;
		int rc;
		while (i < end && is_space(t[i]))
			i++;
		if (i >= end)
			break;
		for (w = i; w < end && !is_space(t[w]); w++)
			;
		if (w - i >= sizeof(word)) {
			rc = problem(doc, off, len, "an overlong word in a directive");
		} else {
			memcpy(word, t + i, w - i);
			word[w - i] = '\0';
			rc = directive_word(doc, opts, word, off, len);
		}
		if (rc != CL_OK)
			return rc;
		i = w;
	}
	return CL_OK;
}

int cl_directives_read(cl_doc *doc, cl_check_options *opts)
{
	const char *t = doc->text.orig;
	size_t n = doc->text.len, i = 0;
	static const char marker[] = "chronolint:";
	/* a section of a longer text: the disables that reach into it */
	for (i = 0; doc->carry && i < doc->carry->suppressions.len; i++)
		if (CL_ARRAY_PUSH(doc->suppressions, doc->carry->suppressions.items[i]))
			return CL_ERR_NOMEM;
	i = 0;
	while (i + 4 <= n) {
		const char *open = memchr(t + i, '<', n - i);
		size_t start, body, end;
		int rc;
		if (!open)
			break;
		start = (size_t)(open - t);
		if (start + 4 > n || memcmp(t + start, "<!--", 4) != 0) {
			i = start + 1;
			continue;
		}
		for (end = start + 4; end + 3 <= n && memcmp(t + end, "-->", 3) != 0; end++)
			;
		if (end + 3 > n)
			break; /* an unclosed comment holds no directive */
		for (body = start + 4; body < end && is_space(t[body]); body++)
			;
		if (end - body >= sizeof(marker) - 1 && memcmp(t + body, marker, sizeof(marker) - 1) == 0 &&
		    (rc = read_comment(doc, opts, body + sizeof(marker) - 1, end, start, end + 3 - start)) != CL_OK)
			return rc;
		i = end + 3;
	}
	return CL_OK;
}

/* The state the configured rule settings give a rule; later settings win. */
static cl_rule_state rule_state(const cl_check_options *opts, const char *rule)
{
	cl_rule_state state = CL_RULE_ON;
	size_t k;
	for (k = 0; k < opts->rule_count; k++)
		if (opts->rules[k].rule && strcmp(opts->rules[k].rule, rule) == 0)
			state = opts->rules[k].state;
	return state;
}

static bool suppressed(cl_doc *doc, const cl_finding *f)
{
	size_t k;
	bool hit = false;
	for (k = 0; k < doc->suppressions.len; k++) {
		cl_suppression *s = &doc->suppressions.items[k];
		if (f->line >= s->from && f->line <= s->to && (!s->rule || strcmp(s->rule, f->rule) == 0)) {
			s->used = true;
			hit = true;
		}
	}
	return hit;
}

/* Drops the findings the configuration turns off and sets the severities it
 * gives, from `from` on. */
static void apply_rule_states(cl_doc *doc, size_t from)
{
	size_t k, kept = from;
	for (k = from; k < doc->findings.len; k++) {
		cl_finding f = doc->findings.items[k];
		cl_rule_state state = rule_state(doc->opts, f.rule);
		if (state == CL_RULE_OFF)
			continue;
		if (state == CL_RULE_INFO)
			f.severity = CL_SEV_INFO;
		else if (state == CL_RULE_WARNING)
			f.severity = CL_SEV_WARNING;
		else if (state == CL_RULE_ERROR)
			f.severity = CL_SEV_ERROR;
		doc->findings.items[kept++] = f;
	}
	doc->findings.len = kept;
}

int cl_directives_apply(cl_doc *doc)
{
	size_t k, kept = 0, before;
	int rc = CL_OK, last_line = INT_MAX, column;
	/* a directive's own problems cannot be disabled by a directive */
	for (k = 0; k < doc->findings.len; k++)
		if (doc->findings.items[k].rule == directive_invalid || !suppressed(doc, &doc->findings.items[k]))
			doc->findings.items[kept++] = doc->findings.items[k];
	doc->findings.len = kept;
	apply_rule_states(doc, 0);
	if (!doc->opts->report_unused_disables)
		return CL_OK;
	before = doc->findings.len;
	if (doc->carry && doc->carry->more)
		cl_text_position(&doc->text, doc->text.len, &last_line, &column);
	for (k = 0; k < doc->suppressions.len && rc == CL_OK; k++) {
		const cl_suppression *s = &doc->suppressions.items[k];
		/* one that reaches into the next section may yet be needed there */
		if (!s->used && !s->carried && !(doc->carry && doc->carry->more && s->to > last_line))
			rc = cl_finding_add(doc, directive_unused, CL_SEV_WARNING, s->off, s->len,
					    cl_arena_printf(&doc->arena, "this directive disables %s%s but nothing here "
									 "needed it; remove it", s->rule ? s->rule : "every rule",
							    s->block ? " for a block" : ""),
					    cl_arena_strndup(&doc->arena, doc->text.orig + s->off, s->len), NULL, NULL,
					    NULL);
	}
	apply_rule_states(doc, before);
	return rc;
}

int cl_finding_add_late(cl_doc *doc, const char *rule, cl_severity severity, size_t offset, size_t length,
	const char *message, const char *found, const char *expected, const char *evidence, const char *fix)
{
	size_t at = doc->findings.len, k;
	cl_finding f;
	int rc = cl_finding_add(doc, rule, severity, offset, length, message, found, expected, evidence, fix);
	if (rc != CL_OK || doc->findings.len == at)
		return rc;
	if (suppressed(doc, &doc->findings.items[at])) {
		doc->findings.len = at;
		return CL_OK;
	}
	apply_rule_states(doc, at);
	if (doc->findings.len == at)
		return CL_OK;
	/* keep offset order: move the new finding back to its place */
	f = doc->findings.items[at];
	for (k = at; k > 0 && (doc->findings.items[k - 1].offset > f.offset ||
			       (doc->findings.items[k - 1].offset == f.offset &&
				strcmp(doc->findings.items[k - 1].rule, f.rule) > 0)); k--)
		doc->findings.items[k] = doc->findings.items[k - 1];
	doc->findings.items[k] = f;
	return CL_OK;
}
