/* lsp_document.c - the open documents: their text kept in full sync, checks
 * at once or after a quiet period, diagnostics, quick fixes and hovers. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lsp_internal.h"

struct lsp_document {
	lsp_document *next;
	char *uri;
	char *path;          /* of a file:// URI, else NULL */
	bool html;
	int64_t version;
	lsp_text text;
	lsp_checked checked; /* the last check: of the current text unless dirty */
	bool dirty;          /* changed since the last check */
	long long due_ms;    /* when the debounced check runs; -1: none waits */
};

static lsp_document *find(lsp_server *s, const char *uri)
{
	lsp_document *d;
	for (d = s->documents; d; d = d->next)
		if (strcmp(d->uri, uri) == 0)
			return d;
	return NULL;
}

static const char *document_uri(json_object *params)
{
	json_object *uri = lsp_member(lsp_member(params, "textDocument", json_type_object), "uri", json_type_string);
	return uri ? json_object_get_string(uri) : NULL;
}

static void free_document(lsp_server *s, lsp_document *d)
{
	lsp_checked_free(s, &d->checked);
	lsp_text_free(&d->text);
	free(d->uri);
	free(d->path);
	free(d);
}

static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);
	return n > k && strcasecmp(name + n - k, suffix) == 0;
}

/* ---- diagnostics ---------------------------------------------------------------- */

static int severity_code(cl_severity sev)
{
	return sev == CL_SEV_ERROR ? 1 : sev == CL_SEV_WARNING ? 2 : 3;
}

static json_object *diagnostic(lsp_server *s, lsp_document *d, const cl_finding *f)
{
	const cl_rule_doc *rule = cl_db_rule_find(d->checked.db, f->rule);
	json_object *diag = json_object_new_object(), *data = json_object_new_object();
	if (!diag || !data) {
		json_object_put(diag);
		json_object_put(data);
		return NULL;
	}
	json_object_object_add(diag, "range", lsp_text_range(&d->text, s->encoding, f->offset, f->length));
	json_object_object_add(diag, "severity", json_object_new_int(severity_code(f->severity)));
	json_object_object_add(diag, "code", json_object_new_string(f->rule));
	if (rule && rule->help_uri) {
		json_object *href = json_object_new_object();
		json_object_object_add(href, "href", json_object_new_string(rule->help_uri));
		json_object_object_add(diag, "codeDescription", href);
	}
	json_object_object_add(diag, "source", json_object_new_string("chronolint"));
	json_object_object_add(diag, "message", json_object_new_string(f->message));
	/* what a quick fix needs: the version checked, the span in bytes and its fix */
	json_object_object_add(data, "version", json_object_new_int64(d->version));
	json_object_object_add(data, "offset", json_object_new_uint64(f->offset));
	json_object_object_add(data, "length", json_object_new_uint64(f->length));
	if (f->fix)
		json_object_object_add(data, "fix", json_object_new_string(f->fix));
	json_object_object_add(diag, "data", data);
	return diag;
}

/* Invalid UTF-8 or NUL bytes: said once, at the start of the document. */
static json_object *input_problem(lsp_server *s, lsp_document *d, const char *message)
{
	json_object *diag = json_object_new_object();
	if (!diag)
		return NULL;
	json_object_object_add(diag, "range", lsp_text_range(&d->text, s->encoding, 0, 0));
	json_object_object_add(diag, "severity", json_object_new_int(2));
	json_object_object_add(diag, "source", json_object_new_string("chronolint"));
	json_object_object_add(diag, "message", json_object_new_string(message));
	return diag;
}

/* textDocument/publishDiagnostics for the document's last check; `d` NULL:
 * the empty list for a closed document. */
static void publish(lsp_server *s, const char *uri, lsp_document *d)
{
	json_object *params = json_object_new_object(), *list = json_object_new_array();
	const cl_result *r = d ? d->checked.result : NULL;
	size_t k;
	if (!params || !list) {
		json_object_put(params);
		json_object_put(list);
		return;
	}
	for (k = 0; r && k < cl_result_input_problem_count(r); k++)
		json_object_array_add(list, input_problem(s, d, cl_result_input_problem(r, k)));
	for (k = 0; r && k < cl_result_finding_count(r); k++)
		json_object_array_add(list, diagnostic(s, d, cl_result_finding(r, k)));
	json_object_object_add(params, "uri", json_object_new_string(uri));
	if (d)
		json_object_object_add(params, "version", json_object_new_int64(d->version));
	json_object_object_add(params, "diagnostics", list);
	lsp_notify(s, "textDocument/publishDiagnostics", params);
}

/* Checks the current text and publishes what was found. A check that fails
 * leaves no result (and no stale diagnostics): the reason is logged. */
static void check_now(lsp_server *s, lsp_document *d)
{
	lsp_checked fresh;
	/* the new check first, so that a facts database both use is kept open */
	int rc = lsp_check_text(s, &fresh, d->path ? d->path : d->uri, d->path, d->html, &d->text);
	lsp_checked_free(s, &d->checked);
	if (rc == 0)
		d->checked = fresh;
	d->dirty = false;
	d->due_ms = -1;
	publish(s, d->uri, d);
}

/* A request about a document sees its latest text: a check still waiting runs now. */
static void flush(lsp_server *s, lsp_document *d)
{
	if (d->dirty)
		check_now(s, d);
}

long long lsp_run_due_checks(lsp_server *s, long long now_ms)
{
	lsp_document *d;
	long long next = -1;
	for (d = s->documents; d && !s->client_gone; d = d->next) {
		if (!d->dirty || d->due_ms < 0)
			continue;
		if (d->due_ms <= now_ms)
			check_now(s, d);
		else if (next < 0 || d->due_ms < next)
			next = d->due_ms;
	}
	return next;
}

/* ---- text synchronisation ----------------------------------------------------- */

static int64_t version_of(json_object *params)
{
	json_object *v = lsp_member(lsp_member(params, "textDocument", json_type_object), "version", json_type_int);
	return v ? json_object_get_int64(v) : 0;
}

void lsp_did_open(lsp_server *s, json_object *params)
{
	json_object *item = lsp_member(params, "textDocument", json_type_object);
	json_object *text = lsp_member(item, "text", json_type_string);
	json_object *language = lsp_member(item, "languageId", json_type_string);
	const char *uri = document_uri(params);
	lsp_document *d, *old;
	if (!uri || !text) {
		lsp_log(s, 2, "didOpen without a textDocument's uri and text: ignored");
		return;
	}
	if (!(d = calloc(1, sizeof(*d))) || !(d->uri = strdup(uri)) ||
	    lsp_text_set(&d->text, json_object_get_string(text), (size_t)json_object_get_string_len(text))) {
		lsp_log(s, 1, "%s: out of memory", uri);
		if (d)
			free_document(s, d);
		return;
	}
	d->path = lsp_uri_path(uri);
	d->html = (language && strcmp(json_object_get_string(language), "html") == 0) || has_suffix(uri, ".html") ||
		  has_suffix(uri, ".htm");
	d->version = version_of(params);
	/* opened again without a close: the new text replaces the old */
	if ((old = find(s, uri)) != NULL) {
		lsp_document **link;
		for (link = &s->documents; *link != old; link = &(*link)->next)
			;
		*link = old->next;
		free_document(s, old);
	}
	d->next = s->documents;
	s->documents = d;
	check_now(s, d);
}

/* Applies one change: the whole text, or (from a client that sends them
 * anyway) a range of it. Returns 0, or -1 after logging why not. */
static int apply_change(lsp_server *s, lsp_document *d, json_object *change)
{
	json_object *text = lsp_member(change, "text", json_type_string);
	json_object *range = lsp_member(change, "range", json_type_object);
	const char *insert;
	size_t from, to, len;
	char *joined;
	int rc;
	if (!text) {
		lsp_log(s, 2, "%s: a change without text: ignored", d->uri);
		return -1;
	}
	insert = json_object_get_string(text);
	len = (size_t)json_object_get_string_len(text);
	if (!range) {
		if (lsp_text_set(&d->text, insert, len) == 0)
			return 0;
		lsp_log(s, 1, "%s: out of memory", d->uri);
		return -1;
	}
	if (!lsp_text_read_range(&d->text, s->encoding, range, &from, &to)) {
		lsp_log(s, 2, "%s: a change with a malformed range: ignored", d->uri);
		return -1;
	}
	if (d->text.len - (to - from) + len > LSP_MAX_CONTENT_LENGTH) {
		lsp_log(s, 2, "%s: a change past the limit of 64 MiB: ignored", d->uri);
		return -1;
	}
	if (!(joined = malloc(d->text.len - (to - from) + len + 1))) {
		lsp_log(s, 1, "%s: out of memory", d->uri);
		return -1;
	}
	memcpy(joined, d->text.data, from);
	memcpy(joined + from, insert, len);
	memcpy(joined + from + len, d->text.data + to, d->text.len - to);
	rc = lsp_text_set(&d->text, joined, d->text.len - (to - from) + len);
	free(joined);
	return rc;
}

void lsp_did_change(lsp_server *s, json_object *params)
{
	const char *uri = document_uri(params);
	lsp_document *d = uri ? find(s, uri) : NULL;
	json_object *changes = lsp_member(params, "contentChanges", json_type_array);
	size_t k, n;
	if (!d || !changes) {
		lsp_log(s, 2, "didChange for %s: %s", uri ? uri : "no uri",
			d ? "no contentChanges" : "a document that is not open");
		return;
	}
	n = json_object_array_length(changes);
	for (k = 0; k < n; k++)
		apply_change(s, d, json_object_array_get_idx(changes, k));
	d->version = version_of(params);
	d->dirty = true;
	d->due_ms = lsp_now_ms() + s->debounce_ms;
	if (s->debounce_ms == 0)
		check_now(s, d);
}

void lsp_did_save(lsp_server *s, json_object *params)
{
	const char *uri = document_uri(params);
	lsp_document *d = uri ? find(s, uri) : NULL;
	json_object *text = lsp_member(params, "text", json_type_string);
	if (!d)
		return;
	if (text && lsp_text_set(&d->text, json_object_get_string(text), (size_t)json_object_get_string_len(text)))
		lsp_log(s, 1, "%s: out of memory", uri);
	check_now(s, d);
}

void lsp_did_close(lsp_server *s, json_object *params)
{
	const char *uri = document_uri(params);
	lsp_document **link;
	for (link = &s->documents; uri && *link; link = &(*link)->next)
		if (strcmp((*link)->uri, uri) == 0) {
			lsp_document *d = *link;
			*link = d->next;
			publish(s, d->uri, NULL);
			free_document(s, d);
			return;
		}
}

void lsp_documents_free(lsp_server *s)
{
	while (s->documents) {
		lsp_document *d = s->documents;
		s->documents = d->next;
		free_document(s, d);
	}
}

/* ---- requests ------------------------------------------------------------------- */

/* Does the client's `only` list ask for quick fixes (or is there none)? */
static bool wants_quickfix(json_object *context)
{
	json_object *only = lsp_member(context, "only", json_type_array);
	size_t k;
	if (!only)
		return true;
	for (k = 0; k < json_object_array_length(only); k++) {
		json_object *kind = json_object_array_get_idx(only, k);
		const char *name = json_object_is_type(kind, json_type_string) ? json_object_get_string(kind) : NULL;
		if (name && (strcmp(name, "") == 0 || strcmp(name, "quickfix") == 0))
			return true;
	}
	return false;
}

/* "Replace with 1938": the fix, cut at a character boundary when it is long. */
static json_object *action_title(const cl_finding *f)
{
	char title[128];
	size_t n = strlen(f->fix), cut = n;
	if (n == 0)
		return json_object_new_string("Remove this text");
	if (cut > 60) {
		cut = 60;
		while (cut > 0 && ((unsigned char)f->fix[cut] & 0xC0) == 0x80)
			cut--;
	}
	snprintf(title, sizeof(title), "Replace with %.*s%s", (int)cut, f->fix, cut < n ? "\xe2\x80\xa6" : "");
	return json_object_new_string(title);
}

/* A WorkspaceEdit replacing the finding's span with its fix: versioned
 * documentChanges when the client takes them, else changes. */
static json_object *fix_edit(lsp_server *s, lsp_document *d, const cl_finding *f)
{
	json_object *edit = json_object_new_object(), *edits = json_object_new_array();
	json_object *text_edit = json_object_new_object();
	if (!edit || !edits || !text_edit) {
		json_object_put(edit);
		json_object_put(edits);
		json_object_put(text_edit);
		return NULL;
	}
	json_object_object_add(text_edit, "range", lsp_text_range(&d->text, s->encoding, f->offset, f->length));
	json_object_object_add(text_edit, "newText", json_object_new_string(f->fix));
	json_object_array_add(edits, text_edit);
	if (s->document_changes) {
		json_object *change = json_object_new_object(), *id = json_object_new_object();
		json_object *list = json_object_new_array();
		json_object_object_add(id, "uri", json_object_new_string(d->uri));
		json_object_object_add(id, "version", json_object_new_int64(d->version));
		json_object_object_add(change, "textDocument", id);
		json_object_object_add(change, "edits", edits);
		json_object_array_add(list, change);
		json_object_object_add(edit, "documentChanges", list);
	} else {
		json_object *changes = json_object_new_object();
		json_object_object_add(changes, d->uri, edits);
		json_object_object_add(edit, "changes", changes);
	}
	return edit;
}

static json_object *quickfix(lsp_server *s, lsp_document *d, const cl_finding *f)
{
	json_object *action = json_object_new_object(), *diagnostics = json_object_new_array();
	if (!action || !diagnostics) {
		json_object_put(action);
		json_object_put(diagnostics);
		return NULL;
	}
	json_object_array_add(diagnostics, diagnostic(s, d, f));
	json_object_object_add(action, "title", action_title(f));
	json_object_object_add(action, "kind", json_object_new_string("quickfix"));
	json_object_object_add(action, "diagnostics", diagnostics);
	json_object_object_add(action, "isPreferred", json_object_new_boolean(1));
	json_object_object_add(action, "edit", fix_edit(s, d, f));
	return action;
}

void lsp_code_action(lsp_server *s, json_object *id, json_object *params)
{
	const char *uri = document_uri(params);
	lsp_document *d = uri ? find(s, uri) : NULL;
	json_object *actions;
	size_t from, to, k;
	const cl_result *r;
	if (!uri) {
		lsp_respond_error(s, id, LSP_INVALID_PARAMS, "codeAction needs textDocument.uri");
		return;
	}
	if (!d) {
		lsp_respond(s, id, NULL);
		return;
	}
	if (!lsp_text_read_range(&d->text, s->encoding, lsp_member(params, "range", json_type_object), &from, &to)) {
		lsp_respond_error(s, id, LSP_INVALID_PARAMS, "codeAction needs a range of two positions");
		return;
	}
	flush(s, d);
	if (!(actions = json_object_new_array())) {
		lsp_respond_error(s, id, LSP_INTERNAL_ERROR, "out of memory");
		return;
	}
	r = d->checked.result;
	for (k = 0; r && wants_quickfix(lsp_member(params, "context", json_type_object)) &&
		    k < cl_result_finding_count(r); k++) {
		const cl_finding *f = cl_result_finding(r, k);
		/* a cursor touching the span counts, as a selection overlapping it */
		if (f->fix && f->offset <= to && from <= f->offset + f->length)
			json_object_array_add(actions, quickfix(s, d, f));
	}
	lsp_respond(s, id, actions);
}

void lsp_hover(lsp_server *s, json_object *id, json_object *params)
{
	const char *uri = document_uri(params);
	lsp_document *d = uri ? find(s, uri) : NULL;
	json_object *hover, *contents;
	size_t offset, span_offset, span_length;
	char *text = NULL;
	if (!uri) {
		lsp_respond_error(s, id, LSP_INVALID_PARAMS, "hover needs textDocument.uri");
		return;
	}
	if (!d) {
		lsp_respond(s, id, NULL);
		return;
	}
	if (!lsp_text_read_position(&d->text, s->encoding, lsp_member(params, "position", json_type_object), &offset)) {
		lsp_respond_error(s, id, LSP_INVALID_PARAMS, "hover needs a position");
		return;
	}
	flush(s, d);
	if (!d->checked.result) {
		lsp_respond(s, id, NULL);
		return;
	}
	if (cl_result_describe(&text, &span_offset, &span_length, d->checked.result, d->checked.db, offset) != CL_OK) {
		lsp_respond_error(s, id, LSP_INTERNAL_ERROR, "out of memory");
		return;
	}
	if (!text) {
		lsp_respond(s, id, NULL);
		return;
	}
	hover = json_object_new_object();
	contents = json_object_new_object();
	if (hover && contents) {
		json_object_object_add(contents, "kind", json_object_new_string("markdown"));
		json_object_object_add(contents, "value", json_object_new_string(text));
		json_object_object_add(hover, "contents", contents);
		json_object_object_add(hover, "range", lsp_text_range(&d->text, s->encoding, span_offset, span_length));
		lsp_respond(s, id, hover);
	} else {
		json_object_put(hover);
		json_object_put(contents);
		lsp_respond_error(s, id, LSP_INTERNAL_ERROR, "out of memory");
	}
	free(text);
}
