/* report_sarif.c - one SARIF 2.1.0 log for a run, as GitHub code scanning,
 * GitLab, Azure DevOps and the SARIF viewers of editors read it.
 *
 * The tool driver carries every documented rule (rules/rules.xml) with its
 * help, so a viewer can explain a finding without chronolint. Results are
 * streamed as files are added: the log's frame is written by hand and each
 * object in it by json-c, re-indented to its depth, so a run of many files
 * never holds more than one result as JSON. The artifacts (every file checked,
 * clean ones too) and the invocation close the run.
 *
 * Nothing depends on the time or the machine: the same inputs give the same
 * bytes. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "internal.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
/* Standard input ("-") is /dev/stdin, the name POSIX systems give it:
 * consumers need a URI (GitHub code scanning refuses a location without one),
 * and a relative "-" or "stdin" would point into the checkout. */
#define STDIN_URI "file:///dev/stdin"

typedef struct {
	FILE *out;
	const cl_db *db;
	cl_report_options opts;
	CL_ARRAY(char *) uris;      /* artifacts[]: each file's URI */
	json_object *notifications; /* input problems, as tool execution notifications */
	size_t results;             /* results written so far */
} sarif;

/* ---- building JSON ---------------------------------------------------------- */

/* json-c returns NULL when memory runs out; these helpers let a builder chain
 * its calls and look once at the end. `value` is consumed in every case. */
static bool put(json_object *obj, const char *key, json_object *value)
{
	if (!obj || !value || json_object_object_add(obj, key, value) != 0) {
		json_object_put(value);
		return false;
	}
	return true;
}

/* put() for a child built in steps: `ok` says whether they all succeeded. */
static bool attach(json_object *obj, const char *key, json_object *child, bool ok)
{
	if (!ok) {
		json_object_put(child);
		return false;
	}
	return put(obj, key, child);
}

static bool push(json_object *arr, json_object *value)
{
	if (!arr || !value || json_object_array_add(arr, value) != 0) {
		json_object_put(value);
		return false;
	}
	return true;
}

/* A JSON string that is valid UTF-8 whatever the text held. */
static json_object *string(const char *s)
{
	char *clean = cl_report_clean(s, strlen(s), false);
	json_object *v = clean ? json_object_new_string(clean) : NULL;
	free(clean);
	return v;
}

/* {"text": s}: a SARIF message or multiformatMessageString */
static json_object *text_object(const char *s)
{
	json_object *o = json_object_new_object();
	if (!put(o, "text", string(s))) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* SARIF has no "info" level; "note" is its level for what is not a problem
 * by itself. */
static const char *level(cl_severity s)
{
	return s == CL_SEV_ERROR ? "error" : s == CL_SEV_WARNING ? "warning" : "note";
}

static const char *level_of_name(const char *severity)
{
	if (!severity)
		return NULL;
	if (strcmp(severity, "error") == 0 || strcmp(severity, "warning") == 0)
		return severity;
	return strcmp(severity, "info") == 0 ? "note" : NULL;
}

/* Writes the object pretty-printed, each line after the first indented by
 * `indent` spaces: its place in the frame. JSON strings hold no raw line
 * ends, so every '\n' of the text is a line of the layout. Returns CL_OK,
 * CL_ERR_NOMEM or CL_ERR_IO. */
static int write_indented(FILE *out, json_object *obj, int indent)
{
	const char *s = json_object_to_json_string_ext(
		obj, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!s)
		return CL_ERR_NOMEM;
	for (; *s; s++) {
		fputc(*s, out);
		if (*s == '\n')
			fprintf(out, "%*s", indent, "");
	}
	return ferror(out) ? CL_ERR_IO : CL_OK;
}

/* ---- artifact URIs ---------------------------------------------------------- */

static bool has_scheme(const char *s)
{
	const char *p = s;
	if (!isalpha((unsigned char)*p))
		return false;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return strncmp(p, "://", 3) == 0;
}

/* A path as a URI reference (RFC 3986): a relative path stays relative (SARIF
 * consumers resolve it against the checkout, as the user gave it), an
 * absolute one becomes a file URI; what a path segment cannot hold is
 * percent-encoded, ':' too, or "a:b.txt" would read as a scheme. A web page's
 * address is kept, with only what no URI may hold (spaces, non-ASCII bytes)
 * encoded. NULL when memory runs out. */
static char *artifact_uri(const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char path_safe[] = "-._~!$&'()*+,;=@/";
	static const char url_unsafe[] = " \"<>\\^`{|}";
	bool url = has_scheme(name);
	cl_buf b = { NULL, 0, 0, 0 };
	const char *p;
	int rc = CL_OK;
	if (strcmp(name, "-") == 0)
		return strdup(STDIN_URI);
	if (name[0] == '/')
		rc = cl_buf_put(&b, "file://", 7);
	for (p = name; *p && rc == CL_OK; p++) {
		unsigned char c = (unsigned char)*p;
		bool keep = url ? c > 0x20 && c < 0x7F && !strchr(url_unsafe, c)
				: isalnum(c) || (c && strchr(path_safe, c));
		if (keep) {
			rc = cl_buf_putc(&b, (char)c);
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };
			rc = cl_buf_put(&b, esc, 3);
		}
	}
	if (rc == CL_OK && !b.ptr)
		rc = cl_buf_put(&b, "", 0);
	if (rc != CL_OK) {
		cl_buf_free(&b);
		return NULL;
	}
	return b.ptr;
}

/* {"uri": ..., "index": n}: where the artifacts list says more */
static json_object *artifact_location(const sarif *s, size_t artifact)
{
	json_object *o = json_object_new_object();
	if (!put(o, "uri", string(s->uris.items[artifact])) ||
	    !put(o, "index", json_object_new_int64((int64_t)artifact))) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* ---- the tool driver ------------------------------------------------------- */

/* The rules' prose is wrapped for a terminal; a viewer wraps it itself. A
 * line end within a paragraph is a space; a blank line stays. */
static bool wrapped_line_end(const char *text, const char *p)
{
	return *p == '\n' && p[1] != '\n' && (p == text || p[-1] != '\n');
}

static int unwrapped(cl_buf *b, const char *s)
{
	int rc = CL_OK;
	const char *p;
	for (p = s; *p && rc == CL_OK; p++)
		rc = cl_buf_putc(b, wrapped_line_end(s, p) ? ' ' : *p);
	return rc;
}

/* Markdown prose: unwrapped (a wrapped line could begin with "- " and make a
 * list), and the characters Markdown would act on escaped. */
static int markdown_prose(cl_buf *b, const char *s)
{
	int rc = CL_OK;
	const char *p;
	for (p = s; *p && rc == CL_OK; p++) {
		if (wrapped_line_end(s, p))
			rc = cl_buf_putc(b, ' ');
		else if (strchr("\\`*_[]<>&#|~", *p))
			rc = cl_buf_printf(b, "\\%c", *p);
		else
			rc = cl_buf_putc(b, *p);
	}
	return rc;
}

/* An example as an indented code block: shown as written, nothing to escape. */
static int markdown_code(cl_buf *b, const char *s)
{
	int rc = cl_buf_put(b, "    ", 4);
	for (; *s && rc == CL_OK; s++)
		rc = *s == '\n' ? cl_buf_put(b, "\n    ", 5) : cl_buf_putc(b, *s);
	return rc;
}


static json_object *unwrapped_text(const char *s)
{
	cl_buf b = { NULL, 0, 0, 0 };
	json_object *o = unwrapped(&b, s) == CL_OK && cl_buf_put(&b, "", 0) == CL_OK ? text_object(b.ptr) : NULL;
	cl_buf_free(&b);
	return o;
}

/* The "friendly name" SARIF viewers show beside the id: "lifespan-mismatch"
 * becomes "LifespanMismatch". A one-word id has none: a name that only
 * differs from its id in case is not a name (SARIF1001). */
static json_object *friendly_name(const char *id)
{
	cl_buf b = { NULL, 0, 0, 0 };
	json_object *o = NULL;
	bool upper = true;
	int rc = cl_buf_put(&b, "", 0);
	for (; *id && rc == CL_OK; id++) {
		if (!isalnum((unsigned char)*id)) {
			upper = true;
			continue;
		}
		rc = cl_buf_putc(&b, upper ? (char)toupper((unsigned char)*id) : *id);
		upper = false;
	}
	if (rc == CL_OK)
		o = json_object_new_string(b.ptr);
	cl_buf_free(&b);
	return o;
}

static bool add_friendly_name(json_object *rule, const char *id)
{
	json_object *name;
	if (!strpbrk(id, "-_."))
		return true;
	return (name = friendly_name(id)) && put(rule, "name", name);
}

static json_object *rule_help(const cl_rule_doc *r)
{
	cl_buf text = { NULL, 0, 0, 0 }, md = { NULL, 0, 0, 0 };
	json_object *help = NULL;
	int rc;
	/* the text is the shape of --explain; the Markdown the same, marked up */
	rc = cl_buf_printf(&text, "%s\n\n", r->summary ? r->summary : r->id);
	if (!rc && r->description)
		rc = unwrapped(&text, r->description);
	if (!rc && r->bad)
		rc = cl_buf_printf(&text, "\n\nReported:\n  %s", r->bad);
	if (!rc && r->good)
		rc = cl_buf_printf(&text, "\n\nCorrect:\n  %s", r->good);
	if (!rc && r->silence && !(rc = cl_buf_printf(&text, "\n\nSilencing it:\n  ")))
		rc = unwrapped(&text, r->silence);
	if (!rc && r->limits && !(rc = cl_buf_printf(&text, "\n\nKnown limits:\n  ")))
		rc = unwrapped(&text, r->limits);
	if (!rc)
		rc = cl_buf_put(&md, "**", 2);
	if (!rc)
		rc = markdown_prose(&md, r->summary ? r->summary : r->id);
	if (!rc)
		rc = cl_buf_put(&md, "**\n\n", 4);
	if (!rc && r->description)
		rc = markdown_prose(&md, r->description);
	if (!rc && r->bad && !(rc = cl_buf_printf(&md, "\n\nReported:\n\n")))
		rc = markdown_code(&md, r->bad);
	if (!rc && r->good && !(rc = cl_buf_printf(&md, "\n\nCorrect:\n\n")))
		rc = markdown_code(&md, r->good);
	if (!rc && r->silence && !(rc = cl_buf_printf(&md, "\n\n**Silencing it:** ")))
		rc = markdown_prose(&md, r->silence);
	if (!rc && r->limits && !(rc = cl_buf_printf(&md, "\n\n**Known limits:** ")))
		rc = markdown_prose(&md, r->limits);
	if (!rc) {
		help = json_object_new_object();
		if (!put(help, "text", string(text.ptr)) || !put(help, "markdown", string(md.ptr))) {
			json_object_put(help);
			help = NULL;
		}
	}
	cl_buf_free(&text);
	cl_buf_free(&md);
	return help;
}

static json_object *rule_descriptor(const cl_rule_doc *r)
{
	json_object *o = json_object_new_object();
	const char *lvl = level_of_name(r->severity);
	bool ok = put(o, "id", string(r->id)) && add_friendly_name(o, r->id);
	if (ok && r->summary)
		ok = put(o, "shortDescription", unwrapped_text(r->summary));
	if (ok && r->description)
		ok = put(o, "fullDescription", unwrapped_text(r->description));
	ok = ok && put(o, "help", rule_help(r));
	if (ok && r->help_uri)
		ok = put(o, "helpUri", string(r->help_uri));
	if (ok && lvl) {
		json_object *config = json_object_new_object();
		ok = attach(o, "defaultConfiguration", config, put(config, "level", json_object_new_string(lvl)));
	}
	if (!ok) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* Where the rules are documented, as the tool's page: the first help URI
 * without its fragment ("rules.html#age-mismatch") or, lacking one, without its
 * last segment (".../rules/age-mismatch"). NULL when no rule has one (or when
 * memory runs out: the property is optional). */
static char *information_uri(const cl_db *db)
{
	size_t i, n = cl_db_rule_count(db);
	for (i = 0; i < n; i++) {
		const char *uri = cl_db_rule(db, i)->help_uri;
		const char *cut, *authority;
		if (!uri || !has_scheme(uri))
			continue;
		authority = strstr(uri, "://") + 3;
		if (!(cut = strchr(uri, '#'))) {
			cut = strrchr(authority, '/');
			cut = cut ? cut + 1 : uri + strlen(uri);
		}
		return strndup(uri, (size_t)(cut - uri));
	}
	return NULL;
}

static json_object *tool(const cl_db *db)
{
	json_object *tool = json_object_new_object(), *driver = json_object_new_object();
	json_object *rules = json_object_new_array();
	size_t i, n = db ? cl_db_rule_count(db) : 0;
	char *info = db ? information_uri(db) : NULL;
	bool ok = put(driver, "name", json_object_new_string("chronolint")) &&
		  put(driver, "version", json_object_new_string(CL_VERSION)) &&
		  put(driver, "semanticVersion", json_object_new_string(CL_VERSION));
	if (ok && info)
		ok = put(driver, "informationUri", string(info));
	free(info);
	for (i = 0; i < n && ok; i++)
		ok = push(rules, rule_descriptor(cl_db_rule(db, i)));
	ok = attach(driver, "rules", rules, ok);
	if (!attach(tool, "driver", driver, ok)) {
		json_object_put(tool);
		return NULL;
	}
	return tool;
}

/* ---- results ------------------------------------------------------------------ */

/* The index of a rule in the driver's rules (which are in id order), or -1
 * for a rule without documentation. */
static long rule_index(const cl_db *db, const char *id)
{
	size_t lo = 0, hi = db ? cl_db_rule_count(db) : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(cl_db_rule(db, mid)->id, id);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The span both ways: line and column for people (our columns count code
 * points, as the run's columnKind says; SARIF's end column is the one after
 * the span, as ours), byte offset and length for tools. */
static json_object *region(const cl_finding *f)
{
	json_object *o = json_object_new_object();
	if (!(put(o, "startLine", json_object_new_int(f->line)) &&
	      put(o, "startColumn", json_object_new_int(f->column)) &&
	      put(o, "endLine", json_object_new_int(f->end_line)) &&
	      put(o, "endColumn", json_object_new_int(f->end_column)) &&
	      put(o, "byteOffset", json_object_new_int64((int64_t)f->offset)) &&
	      put(o, "byteLength", json_object_new_int64((int64_t)f->length)))) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* The text of a span within one line, for viewers without the file: adds
 * region.snippet. False only when memory runs out. */
static bool add_snippet(json_object *region, const cl_result *r, const cl_finding *f)
{
	size_t len, at = 0;
	const char *line;
	int col;
	char *text;
	json_object *snippet;
	if (f->end_line != f->line || !(line = cl_result_line(r, f->line, &len)))
		return true;
	for (col = 1; col < f->column && at < len; col++) {
		uint32_t cp;
		size_t n = cl_utf8_decode((const unsigned char *)line + at, len - at, &cp);
		at += n ? n : 1;
	}
	if (col != f->column || f->length > len - at)
		return true;
	if (!(text = cl_report_clean(line + at, f->length, false)))
		return false;
	snippet = text_object(text);
	free(text);
	return put(region, "snippet", snippet);
}

static json_object *location(const sarif *s, const cl_result *r, size_t artifact, const cl_finding *f)
{
	json_object *o = json_object_new_object(), *physical = json_object_new_object();
	json_object *where = region(f);
	bool ok = put(physical, "artifactLocation", artifact_location(s, artifact));
	/* attached or freed, whatever failed before */
	ok = attach(physical, "region", where, ok && add_snippet(where, r, f));
	if (!attach(o, "physicalLocation", physical, ok)) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* The fix replaces the finding's span, the same region, with its text. */
static json_object *fix(const sarif *s, size_t artifact, const cl_finding *f)
{
	json_object *replacement = json_object_new_object(), *replacements = json_object_new_array();
	json_object *change = json_object_new_object(), *changes = json_object_new_array();
	json_object *o = json_object_new_object();
	cl_buf what = { NULL, 0, 0, 0 };
	bool ok = put(replacement, "deletedRegion", region(f)) &&
		  put(replacement, "insertedContent", text_object(f->fix));
	ok = ok ? push(replacements, replacement) : (json_object_put(replacement), false);
	ok = ok && put(change, "artifactLocation", artifact_location(s, artifact));
	ok = attach(change, "replacements", replacements, ok);
	ok = ok ? push(changes, change) : (json_object_put(change), false);
	ok = ok && cl_buf_printf(&what, "Replace with \"%s\"", f->fix) == CL_OK &&
	     put(o, "description", text_object(what.ptr));
	cl_buf_free(&what);
	if (!attach(o, "artifactChanges", changes, ok)) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* What the text says, what the facts say and where they come from: the
 * fields of the JSON output that SARIF has no place for. */
static json_object *properties(const cl_finding *f)
{
	json_object *o = json_object_new_object();
	bool ok = o != NULL;
	if (ok && f->found)
		ok = put(o, "found", string(f->found));
	if (ok && f->expected)
		ok = put(o, "expected", string(f->expected));
	if (ok && f->evidence)
		ok = put(o, "evidence", string(f->evidence));
	if (ok && f->date)
		ok = put(o, "date", string(f->date));
	if (!ok) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static json_object *result(const sarif *s, const cl_result *r, size_t artifact, const cl_finding *f)
{
	json_object *o = json_object_new_object(), *locations = json_object_new_array();
	long index = rule_index(s->db, f->rule);
	bool ok = put(o, "ruleId", string(f->rule));
	if (ok && index >= 0)
		ok = put(o, "ruleIndex", json_object_new_int64(index));
	ok = ok && put(o, "level", json_object_new_string(level(f->severity))) &&
	     put(o, "message", text_object(f->message));
	ok = attach(o, "locations", locations, ok && push(locations, location(s, r, artifact, f)));
	if (ok && f->fix) {
		json_object *fixes = json_object_new_array();
		ok = attach(o, "fixes", fixes, push(fixes, fix(s, artifact, f)));
	}
	ok = ok && put(o, "properties", properties(f));
	if (!ok) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* ---- the writer ----------------------------------------------------------------- */

static int sarif_begin(void **state, FILE *out, const cl_db *db, const cl_report_options *opts)
{
	sarif *s = calloc(1, sizeof(*s));
	json_object *driver;
	int rc;
	if (!(*state = s))
		return CL_ERR_NOMEM;
	s->out = out;
	s->db = db;
	s->opts = *opts;
	if (!(s->notifications = json_object_new_array()) || !(driver = tool(db)))
		return CL_ERR_NOMEM;
	fputs("{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
	      "      \"tool\": ", out);
	rc = write_indented(out, driver, 6);
	json_object_put(driver);
	/* our columns count code points, not UTF-16 units (SARIF's default) */
	fputs(",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [", out);
	return rc == CL_OK && ferror(out) ? CL_ERR_IO : rc;
}

/* An input problem (invalid UTF-8, NUL bytes) is about the file, not a claim:
 * a notification of the run, not a result. */
static int add_problems(sarif *s, size_t artifact, const cl_result *r)
{
	size_t i, n = cl_result_input_problem_count(r);
	for (i = 0; i < n; i++) {
		json_object *o = json_object_new_object(), *locations = json_object_new_array();
		json_object *where = json_object_new_object(), *physical = json_object_new_object();
		bool ok = put(physical, "artifactLocation", artifact_location(s, artifact));
		ok = attach(where, "physicalLocation", physical, ok);
		ok = ok ? push(locations, where) : (json_object_put(where), false);
		ok = ok && put(o, "level", json_object_new_string("error")) &&
		     put(o, "message", text_object(cl_result_input_problem(r, i)));
		ok = attach(o, "locations", locations, ok);
		if (!(ok ? push(s->notifications, o) : (json_object_put(o), false)))
			return CL_ERR_NOMEM;
	}
	return CL_OK;
}

static int sarif_add(void *state, const cl_result *r)
{
	sarif *s = state;
	size_t i, n = cl_result_finding_count(r), artifact = s->uris.len;
	char *uri = artifact_uri(cl_result_name(r));
	int rc;
	if (!uri || CL_ARRAY_PUSH(s->uris, uri)) {
		free(uri);
		return CL_ERR_NOMEM;
	}
	if ((rc = add_problems(s, artifact, r)) != CL_OK)
		return rc;
	for (i = 0; i < n; i++) {
		const cl_finding *f = cl_result_finding(r, i);
		json_object *o;
		if (f->severity < s->opts.min_severity)
			continue;
		if (!(o = result(s, r, artifact, f)))
			return CL_ERR_NOMEM;
		fputs(s->results++ ? ",\n        " : "\n        ", s->out);
		rc = write_indented(s->out, o, 8);
		json_object_put(o);
		if (rc != CL_OK)
			return rc;
	}
	return ferror(s->out) ? CL_ERR_IO : CL_OK;
}

static json_object *artifacts(const sarif *s)
{
	json_object *list = json_object_new_array();
	size_t i;
	for (i = 0; i < s->uris.len; i++) {
		json_object *a = json_object_new_object(), *where = json_object_new_object();
		json_object *roles = json_object_new_array();
		bool ok = put(where, "uri", string(s->uris.items[i]));
		if (ok && strcmp(s->uris.items[i], STDIN_URI) == 0)
			ok = put(where, "description", text_object("standard input"));
		ok = attach(a, "location", where, ok);
		ok = attach(a, "roles", roles, ok && push(roles, json_object_new_string("analysisTarget")));
		if (!(ok ? push(list, a) : (json_object_put(a), false))) {
			json_object_put(list);
			return NULL;
		}
	}
	return list;
}

static int sarif_finish(void *state)
{
	sarif *s = state;
	json_object *list = artifacts(s), *invocations = json_object_new_array();
	json_object *invocation = json_object_new_object();
	int rc;
	/* the notifications move into the invocation */
	bool ok = put(invocation, "executionSuccessful", json_object_new_boolean(1));
	if (ok && json_object_array_length(s->notifications))
		ok = put(invocation, "toolExecutionNotifications", json_object_get(s->notifications));
	ok = ok ? push(invocations, invocation) : (json_object_put(invocation), false);
	if (!ok || !list) {
		json_object_put(list);
		json_object_put(invocations);
		return CL_ERR_NOMEM;
	}
	fputs("\n      ],\n      \"artifacts\": ", s->out);
	rc = write_indented(s->out, list, 6);
	fputs(",\n      \"invocations\": ", s->out);
	if (rc == CL_OK)
		rc = write_indented(s->out, invocations, 6);
	fputs("\n    }\n  ]\n}\n", s->out);
	json_object_put(list);
	json_object_put(invocations);
	if (rc != CL_OK)
		return rc;
	return fflush(s->out) == 0 && !ferror(s->out) ? CL_OK : CL_ERR_IO;
}

static void sarif_free(void *state)
{
	sarif *s = state;
	size_t i;
	if (!s)
		return;
	for (i = 0; i < s->uris.len; i++)
		free(s->uris.items[i]);
	free(s->uris.items);
	json_object_put(s->notifications);
	free(s);
}

const cl_report_writer cl_sarif_writer = { sarif_begin, sarif_add, sarif_finish, sarif_free };
