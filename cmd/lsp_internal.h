/* lsp_internal.h - the parts of `chronolint lsp`:
 *   lsp.c           the session: lifecycle, dispatch, initialize;
 *   lsp_rpc.c       JSON-RPC messages and their Content-Length framing;
 *   lsp_text.c      documents' text: lines, positions in the negotiated encoding, URIs;
 *   lsp_check.c     a document's options, configuration, facts and check;
 *   lsp_document.c  open documents, diagnostics, debounce, code actions, hovers. */
#ifndef CL_CMD_LSP_INTERNAL_H
#define CL_CMD_LSP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <json-c/json.h>
#include "lsp.h"

/* A header block longer than this is refused (chronolint(1), LANGUAGE SERVER). */
#define LSP_MAX_HEADER_BYTES ((size_t)8 << 10)
/* A message body, and a document, larger than this is refused. */
#define LSP_MAX_CONTENT_LENGTH ((size_t)64 << 20)
/* The default quiet period after a change before the document is checked. */
#define LSP_DEFAULT_DEBOUNCE_MS 250
#define LSP_MAX_DEBOUNCE_MS 60000

/* JSON-RPC and LSP error codes. */
enum {
	LSP_PARSE_ERROR = -32700,
	LSP_INVALID_REQUEST = -32600,
	LSP_METHOD_NOT_FOUND = -32601,
	LSP_INVALID_PARAMS = -32602,
	LSP_INTERNAL_ERROR = -32603,
	LSP_SERVER_NOT_INITIALIZED = -32002
};

/* ---- lsp_rpc.c ----------------------------------------------------------- */

/* Reads framed messages from a file descriptor (not through stdio, so that a
 * debounce timer can wait on it with poll()). */
typedef struct {
	int fd;
	char *buf;          /* bytes read and not yet consumed: buf[0..len) */
	size_t len, cap;
	size_t consumed;    /* the message returned last, dropped by the next call */
	size_t discard;     /* body bytes of a refused message still to drop */
	bool skipping;      /* dropping an oversized header up to its blank line */
	bool eof;
	bool out_of_memory; /* the input ended because no buffer could hold it */
} lsp_reader;

typedef enum {
	LSP_READ_MESSAGE,   /* *body and *len hold one message until the next call */
	LSP_READ_BAD_FRAME, /* a header that could not be read; *problem says why */
	LSP_READ_TIMEOUT,   /* the deadline passed first */
	LSP_READ_EOF        /* the client closed its end (or reading failed) */
} lsp_read_status;

/* Milliseconds on the monotonic clock. */
long long lsp_now_ms(void);

/* Reads the next message, waiting until `deadline_ms` (lsp_now_ms() time), or
 * as long as it takes when the deadline is negative. */
lsp_read_status lsp_read(lsp_reader *r, long long deadline_ms, const char **body, size_t *len,
	const char **problem);
void lsp_reader_free(lsp_reader *r);

typedef enum { LSP_UTF8, LSP_UTF16, LSP_UTF32 } lsp_encoding;

typedef struct lsp_document lsp_document;
typedef struct lsp_facts lsp_facts;

typedef enum { LSP_STARTING, LSP_RUNNING, LSP_SHUT_DOWN } lsp_state;

/* One session. */
typedef struct {
	const cmd_options *o;
	const cl_db *db;          /* the command line's database */
	FILE *out;
	lsp_reader reader;
	lsp_state state;
	lsp_encoding encoding;    /* of every position and range */
	long debounce_ms;         /* quiet period after didChange; 0: check at once */
	bool document_changes;    /* the client takes versioned documentChanges in edits */
	bool client_gone;         /* writing failed: the session ends */
	lsp_document *documents;  /* the open documents */
	lsp_facts *facts;         /* databases with facts files, while a result uses them */
} lsp_server;

/* Sends a message (taking it) to the client. */
void lsp_send(lsp_server *s, json_object *msg);
/* A response to the request `id` (borrowed) with `result` (taken; NULL: null). */
void lsp_respond(lsp_server *s, json_object *id, json_object *result);
/* An error response; `id` may be NULL (null). */
void lsp_respond_error(lsp_server *s, json_object *id, int code, const char *message);
void lsp_notify(lsp_server *s, const char *method, json_object *params);
/* window/logMessage: 1 error, 2 warning, 3 info, 4 log. */
void lsp_log(lsp_server *s, int type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The member `key` of `obj` when it has type `type`, else NULL. */
json_object *lsp_member(json_object *obj, const char *key, json_type type);
/* A non-negative integer member that fits `max`; false when absent or otherwise. */
bool lsp_member_uint(json_object *obj, const char *key, int64_t max, int64_t *out);

/* ---- lsp_text.c ------------------------------------------------------------ */

/* A document's text with its line starts (LSP line ends: LF, CRLF, CR). */
typedef struct {
	char *data;         /* NUL-terminated copy; may hold NUL bytes */
	size_t len;
	size_t *line_starts;
	size_t line_count;
	/* the last position computed: findings come in offset order, and a
	 * long line is not counted again from its start for each of them */
	bool hint_valid;
	lsp_encoding hint_encoding;
	size_t hint_offset, hint_line;
	int64_t hint_units;
} lsp_text;

/* Replaces the text with a copy of data[0..len). Returns 0, or -1 out of memory
 * (the text is then unchanged). */
int lsp_text_set(lsp_text *t, const char *data, size_t len);
void lsp_text_free(lsp_text *t);
/* The line and character of a byte offset; an offset inside a character
 * counts as its start, one past the end as the end. */
void lsp_text_position(lsp_text *t, lsp_encoding enc, size_t offset, int64_t *line, int64_t *character);
/* The byte offset of a position; a character past the line's end is its end,
 * a line past the last is the end of the text, and the middle of a character
 * (half of a UTF-16 surrogate pair) is its start. */
size_t lsp_text_offset(const lsp_text *t, lsp_encoding enc, int64_t line, int64_t character);
/* {"start":{...},"end":{...}} of bytes [offset, offset + length). */
json_object *lsp_text_range(lsp_text *t, lsp_encoding enc, size_t offset, size_t length);
/* Reads a Range member: false unless both positions are non-negative integers. */
bool lsp_text_read_range(const lsp_text *t, lsp_encoding enc, json_object *range, size_t *from, size_t *to);
/* Reads a Position: false unless line and character are non-negative integers. */
bool lsp_text_read_position(const lsp_text *t, lsp_encoding enc, json_object *pos, size_t *offset);

const char *lsp_encoding_name(lsp_encoding enc);
/* The file path of a file:// URI, percent-decoded; NULL for another scheme, a
 * remote host or a malformed escape. The caller frees it. */
char *lsp_uri_path(const char *uri);

/* ---- lsp_check.c ------------------------------------------------------------ */

/* What a document was checked against: the result holds on to the database. */
typedef struct {
	cl_result *result;
	const cl_db *db;      /* the database of the result: s->db or one with facts */
	lsp_facts *facts;     /* the facts database in use, released with the result */
} lsp_checked;

/* Checks `text` named `name` (a path, or the URI), under the configuration
 * of `path` (NULL: none but --config) and the command line. On success
 * *out holds a new result; else a reason was logged and -1 is returned. */
int lsp_check_text(lsp_server *s, lsp_checked *out, const char *name, const char *path, bool html,
	const lsp_text *text);
void lsp_checked_free(lsp_server *s, lsp_checked *c);
/* Frees every facts database (the end of a session). */
void lsp_facts_free_all(lsp_server *s);

/* ---- lsp_document.c ------------------------------------------------------------ */

void lsp_did_open(lsp_server *s, json_object *params);
void lsp_did_change(lsp_server *s, json_object *params);
void lsp_did_save(lsp_server *s, json_object *params);
void lsp_did_close(lsp_server *s, json_object *params);
/* Runs the debounced checks that are due; returns the deadline of the next
 * one, or -1 when none waits. */
long long lsp_run_due_checks(lsp_server *s, long long now_ms);
/* The requests: each answers `id`. */
void lsp_code_action(lsp_server *s, json_object *id, json_object *params);
void lsp_hover(lsp_server *s, json_object *id, json_object *params);
void lsp_documents_free(lsp_server *s);

#endif
