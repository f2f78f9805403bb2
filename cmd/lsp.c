/* lsp.c - `chronolint lsp`: a Language Server Protocol session over stdin and
 * stdout. One thread: messages are handled in order, and a debounced check
 * runs when the input has been quiet long enough (chronolint(1), LANGUAGE
 * SERVER). */
#include <signal.h>
#include <string.h>
#include "lsp_internal.h"

/* Nesting deeper than this in a message is a parse error. */
#define LSP_MAX_JSON_DEPTH 64

/* ---- initialize ---------------------------------------------------------------- */

/* The first encoding the client offers that the server speaks; UTF-16 when it
 * offers none (LSP's default). */
static lsp_encoding choose_encoding(json_object *capabilities)
{
	json_object *offered = lsp_member(lsp_member(capabilities, "general", json_type_object), "positionEncodings",
					  json_type_array);
	size_t k;
	for (k = 0; offered && k < json_object_array_length(offered); k++) {
		json_object *name = json_object_array_get_idx(offered, k);
		const char *n = json_object_is_type(name, json_type_string) ? json_object_get_string(name) : "";
		if (strcmp(n, "utf-8") == 0)
			return LSP_UTF8;
		if (strcmp(n, "utf-16") == 0)
			return LSP_UTF16;
		if (strcmp(n, "utf-32") == 0)
			return LSP_UTF32;
	}
	return LSP_UTF16;
}

static json_object *server_capabilities(const lsp_server *s)
{
	json_object *caps = json_object_new_object(), *sync = json_object_new_object();
	json_object *save = json_object_new_object(), *actions = json_object_new_object();
	json_object *kinds = json_object_new_array();
	json_object_object_add(caps, "positionEncoding", json_object_new_string(lsp_encoding_name(s->encoding)));
	json_object_object_add(sync, "openClose", json_object_new_boolean(1));
	json_object_object_add(sync, "change", json_object_new_int(1)); /* full */
	json_object_object_add(save, "includeText", json_object_new_boolean(0));
	json_object_object_add(sync, "save", save);
	json_object_object_add(caps, "textDocumentSync", sync);
	json_object_array_add(kinds, json_object_new_string("quickfix"));
	json_object_object_add(actions, "codeActionKinds", kinds);
	json_object_object_add(caps, "codeActionProvider", actions);
	json_object_object_add(caps, "hoverProvider", json_object_new_boolean(1));
	return caps;
}

static void initialize(lsp_server *s, json_object *id, json_object *params)
{
	json_object *capabilities = lsp_member(params, "capabilities", json_type_object);
	json_object *edit = lsp_member(lsp_member(capabilities, "workspace", json_type_object), "workspaceEdit",
				       json_type_object);
	json_object *changes = lsp_member(edit, "documentChanges", json_type_boolean);
	json_object *options = lsp_member(params, "initializationOptions", json_type_object);
	json_object *result = json_object_new_object(), *info = json_object_new_object();
	int64_t debounce;
	s->encoding = choose_encoding(capabilities);
	s->document_changes = changes && json_object_get_boolean(changes);
	if (lsp_member_uint(options, "debounceMs", LSP_MAX_DEBOUNCE_MS, &debounce))
		s->debounce_ms = (long)debounce;
	else if (options && json_object_object_get_ex(options, "debounceMs", NULL))
		lsp_log(s, 2, "initializationOptions.debounceMs must be an integer from 0 to %d; using %ld",
			LSP_MAX_DEBOUNCE_MS, s->debounce_ms);
	json_object_object_add(info, "name", json_object_new_string("chronolint"));
	json_object_object_add(info, "version", json_object_new_string(CL_VERSION));
	json_object_object_add(result, "capabilities", server_capabilities(s));
	json_object_object_add(result, "serverInfo", info);
	s->state = LSP_RUNNING;
	lsp_respond(s, id, result);
}

/* ---- dispatch ---------------------------------------------------------------------- */

static void request(lsp_server *s, json_object *id, const char *method, json_object *params)
{
	if (s->state == LSP_STARTING && strcmp(method, "initialize") != 0) {
		lsp_respond_error(s, id, LSP_SERVER_NOT_INITIALIZED, "the server is not initialized");
		return;
	}
	if (s->state == LSP_SHUT_DOWN) {
		lsp_respond_error(s, id, LSP_INVALID_REQUEST, "the server is shut down; only exit is expected");
		return;
	}
	if (strcmp(method, "initialize") == 0) {
		if (s->state == LSP_STARTING)
			initialize(s, id, params);
		else
			lsp_respond_error(s, id, LSP_INVALID_REQUEST, "the server is already initialized");
	} else if (strcmp(method, "shutdown") == 0) {
		s->state = LSP_SHUT_DOWN;
		lsp_respond(s, id, NULL);
	} else if (strcmp(method, "textDocument/codeAction") == 0) {
		lsp_code_action(s, id, params);
	} else if (strcmp(method, "textDocument/hover") == 0) {
		lsp_hover(s, id, params);
	} else {
		char text[160];
		snprintf(text, sizeof(text), "no method %.100s", method);
		lsp_respond_error(s, id, LSP_METHOD_NOT_FOUND, text);
	}
}

/* Unknown notifications, and all but exit before initialize or after shutdown,
 * are dropped. */
static void notification(lsp_server *s, const char *method, json_object *params)
{
	if (s->state != LSP_RUNNING)
		return;
	if (strcmp(method, "textDocument/didOpen") == 0)
		lsp_did_open(s, params);
	else if (strcmp(method, "textDocument/didChange") == 0)
		lsp_did_change(s, params);
	else if (strcmp(method, "textDocument/didSave") == 0)
		lsp_did_save(s, params);
	else if (strcmp(method, "textDocument/didClose") == 0)
		lsp_did_close(s, params);
}

static bool valid_id(json_object *id)
{
	return json_object_is_type(id, json_type_int) || json_object_is_type(id, json_type_string) ||
	       json_object_is_type(id, json_type_null);
}

/* Handles one message; returns true when it was exit. */
static bool handle(lsp_server *s, json_object *msg)
{
	json_object *id = NULL, *method, *params = NULL, *version;
	bool has_id;
	if (!json_object_is_type(msg, json_type_object)) {
		lsp_respond_error(s, NULL, LSP_INVALID_REQUEST, "a message must be a JSON object");
		return false;
	}
	has_id = json_object_object_get_ex(msg, "id", &id);
	method = lsp_member(msg, "method", json_type_string);
	version = lsp_member(msg, "jsonrpc", json_type_string);
	if (has_id && !valid_id(id)) {
		lsp_respond_error(s, NULL, LSP_INVALID_REQUEST, "an id must be a number or a string");
		return false;
	}
	if (!method) {
		/* a response to the server: it sends no requests, so there is nothing to match */
		if (has_id && (json_object_object_get_ex(msg, "result", NULL) ||
			       json_object_object_get_ex(msg, "error", NULL)))
			return false;
		lsp_respond_error(s, has_id ? id : NULL, LSP_INVALID_REQUEST, "a request needs a method (a string)");
		return false;
	}
	if (!version || strcmp(json_object_get_string(version), "2.0") != 0) {
		if (has_id)
			lsp_respond_error(s, id, LSP_INVALID_REQUEST, "jsonrpc must be \"2.0\"");
		return false;
	}
	/* null params, which some clients send for shutdown and exit, are no params */
	if (json_object_object_get_ex(msg, "params", &params) && params &&
	    !json_object_is_type(params, json_type_object) && !json_object_is_type(params, json_type_array)) {
		if (has_id)
			lsp_respond_error(s, id, LSP_INVALID_PARAMS, "params must be an object or an array");
		return false;
	}
	if (!has_id && strcmp(json_object_get_string(method), "exit") == 0)
		return true;
	if (has_id)
		request(s, id, json_object_get_string(method), params);
	else
		notification(s, json_object_get_string(method), params);
	return false;
}

/* Parses a message body; NULL (after answering with a parse error) when it is
 * not one JSON value. */
static json_object *parse(lsp_server *s, const char *body, size_t len)
{
	json_tokener *tok = json_tokener_new_ex(LSP_MAX_JSON_DEPTH);
	json_object *msg = NULL;
	size_t end;
	if (!tok) {
		lsp_respond_error(s, NULL, LSP_INTERNAL_ERROR, "out of memory");
		return NULL;
	}
	/* json-c takes an int length; the framing caps bodies far below it */
	msg = json_tokener_parse_ex(tok, body, (int)len);
	end = json_tokener_get_parse_end(tok);
	/* a number at the very end waits for more digits: a blank ends it */
	if (!msg && json_tokener_get_error(tok) == json_tokener_continue && end == len)
		msg = json_tokener_parse_ex(tok, " ", 1);
	if (json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(msg);
		msg = NULL;
	}
	for (; msg && end < len; end++)
		if (!strchr(" \t\r\n", body[end]) || body[end] == '\0') {
			json_object_put(msg);
			msg = NULL;
		}
	json_tokener_free(tok);
	if (!msg)
		lsp_respond_error(s, NULL, LSP_PARSE_ERROR, "the message is not valid JSON");
	return msg;
}

int lsp_serve(const cmd_options *o, const cl_db *db, FILE *in, FILE *out)
{
	lsp_server s;
	size_t k;
	int status = 1;
	for (k = 0; k < o->rule_setting_count; k++)
		if (!cl_db_rule_find(db, o->rule_settings[k].rule)) {
			fprintf(stderr, "chronolint: no rule \"%s\" (see --list-rules)\n", o->rule_settings[k].rule);
			return 2;
		}
	memset(&s, 0, sizeof(s));
	s.o = o;
	s.db = db;
	s.out = out;
	s.reader.fd = fileno(in);
	s.encoding = LSP_UTF16;
	s.debounce_ms = LSP_DEFAULT_DEBOUNCE_MS;
	/* a client that goes away is an ended session, not a signal */
	signal(SIGPIPE, SIG_IGN);
	while (!s.client_gone) {
		const char *body = NULL, *problem = "";
		size_t len = 0;
		long long due = lsp_run_due_checks(&s, lsp_now_ms());
		lsp_read_status rs = lsp_read(&s.reader, due, &body, &len, &problem);
		json_object *msg;
		bool exit_now;
		if (rs == LSP_READ_EOF)
			break;
		if (rs == LSP_READ_TIMEOUT)
			continue;
		if (rs == LSP_READ_BAD_FRAME) {
			char text[160];
			snprintf(text, sizeof(text), "unreadable message: %s", problem);
			lsp_respond_error(&s, NULL, LSP_PARSE_ERROR, text);
			continue;
		}
		if (!(msg = parse(&s, body, len)))
			continue;
		exit_now = handle(&s, msg);
		json_object_put(msg);
		if (exit_now) {
			status = s.state == LSP_SHUT_DOWN ? 0 : 1;
			break;
		}
	}
	/* the input closed without exit: a client that said shutdown is done with us */
	if (!s.client_gone && status != 0 && s.state == LSP_SHUT_DOWN)
		status = 0;
	if (s.reader.out_of_memory) {
		fprintf(stderr, "chronolint: lsp: out of memory reading the messages\n");
		status = 2;
	}
	lsp_documents_free(&s);
	lsp_facts_free_all(&s);
	lsp_reader_free(&s.reader);
	return status;
}
