/* lsp_rpc.c - JSON-RPC 2.0 messages in LSP's Content-Length framing: a reader
 * on a file descriptor that a timer can wait on, and the writers. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include "lsp_internal.h"

long long lsp_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- reading --------------------------------------------------------------- */

static void drop(lsp_reader *r, size_t n)
{
	if (n >= r->len) {
		r->len = 0;
		return;
	}
	memmove(r->buf, r->buf + n, r->len - n);
	r->len -= n;
}

static int reserve(lsp_reader *r, size_t need)
{
	size_t cap = r->cap ? r->cap : 65536;
	char *p;
	if (need <= r->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	if (!(p = realloc(r->buf, cap)))
		return -1;
	r->buf = p;
	r->cap = cap;
	return 0;
}

/* Waits for bytes until the deadline and appends them; 0, or 1 on timeout. */
static int fill(lsp_reader *r, long long deadline_ms)
{
	for (;;) {
		struct pollfd p = { r->fd, POLLIN, 0 };
		long long wait = deadline_ms < 0 ? -1 : deadline_ms - lsp_now_ms();
		ssize_t got;
		int ready;
		if (deadline_ms >= 0 && wait < 0)
			wait = 0;
		ready = poll(&p, 1, wait > 0x7fffffff ? 0x7fffffff : (int)wait);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready == 0)
			return 1;
		if (ready < 0) {
			r->eof = true;
			return 0;
		}
		if (r->cap - r->len < 4096 && reserve(r, r->len + 65536)) {
			r->eof = r->out_of_memory = true;
			return 0;
		}
		got = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got <= 0)
			r->eof = true;
		else
			r->len += (size_t)got;
		return 0;
	}
}

/* The value of a Content-Length header: decimal digits with optional blanks
 * around them, and no overflow. */
static bool parse_length(const char *v, size_t n, size_t *out)
{
	size_t k = 0, value = 0;
	bool digits = false;
	while (k < n && (v[k] == ' ' || v[k] == '\t'))
		k++;
	for (; k < n && v[k] >= '0' && v[k] <= '9'; k++) {
		if (value > (SIZE_MAX - 9) / 10)
			return false;
		value = value * 10 + (size_t)(v[k] - '0');
		digits = true;
	}
	while (k < n && (v[k] == ' ' || v[k] == '\t'))
		k++;
	*out = value;
	return digits && k == n;
}

typedef enum { HEADER_INCOMPLETE, HEADER_DONE, HEADER_BAD } header_status;

/* Reads the header block at the start of the buffer: "Name: value" lines
 * ended by CRLF (or LF), then an empty line. *size is the block's length;
 * for a bad block it is 0 until its empty line has arrived. */
static header_status parse_header(const lsp_reader *r, size_t *size, size_t *length, const char **problem)
{
	size_t pos = 0;
	bool have_length = false;
	*length = 0;
	*problem = NULL;
	for (;;) {
		const char *line = r->buf + pos, *nl = memchr(line, '\n', r->len - pos), *colon;
		size_t n, value;
		if (!nl) {
			*size = 0;
			return *problem ? HEADER_BAD : HEADER_INCOMPLETE;
		}
		n = (size_t)(nl - line);
		pos += n + 1;
		if (n && line[n - 1] == '\r')
			n--;
		if (n == 0)
			break;
		if (*problem)
			continue; /* a bad block is read to its end, so that the next one starts clean */
		if (!(colon = memchr(line, ':', n)) || colon == line) {
			*problem = "a header line without a name and a colon";
		} else if ((size_t)(colon - line) == 14 && strncasecmp(line, "Content-Length", 14) == 0) {
			if (!parse_length(colon + 1, n - (size_t)(colon - line) - 1, &value) ||
			    (have_length && value != *length)) {
				*problem = "a Content-Length that is not one number";
			} else {
				*length = value;
				have_length = true;
			}
		}
		/* Content-Type and other headers are read and not needed */
	}
	*size = pos;
	if (!*problem && !have_length)
		*problem = "a header without Content-Length";
	return *problem ? HEADER_BAD : HEADER_DONE;
}

lsp_read_status lsp_read(lsp_reader *r, long long deadline_ms, const char **body, size_t *len,
			 const char **problem)
{
	drop(r, r->consumed);
	r->consumed = 0;
	/* the room a large message needed is not kept once it is gone */
	if (!r->len && r->cap > ((size_t)1 << 20)) {
		free(r->buf);
		r->buf = NULL;
		r->cap = 0;
	}
	for (;;) {
		size_t header = 0, length = 0, skip = 0;
		header_status hs;
		if (r->discard) {
			size_t n = r->discard < r->len ? r->discard : r->len;
			drop(r, n);
			r->discard -= n;
		} else if (r->skipping) {
			/* drop up to the blank line that ends the oversized header */
			char *end = NULL, *p = r->buf;
			while (!end && (p = memchr(p, '\n', r->len - (size_t)(p - r->buf))) != NULL) {
				size_t at = (size_t)(p - r->buf);
				if ((at >= 1 && r->buf[at - 1] == '\n') ||
				    (at >= 2 && r->buf[at - 1] == '\r' && r->buf[at - 2] == '\n'))
					end = p;
				p++;
			}
			if (end) {
				drop(r, (size_t)(end - r->buf) + 1);
				r->skipping = false;
				continue;
			}
			/* keep the last bytes: the blank line may be split between reads */
			if (r->len > 2)
				drop(r, r->len - 2);
		} else {
			/* stray line ends between messages are not a header */
			while (skip < r->len && (r->buf[skip] == '\r' || r->buf[skip] == '\n'))
				skip++;
			drop(r, skip);
			hs = r->len ? parse_header(r, &header, &length, problem) : HEADER_INCOMPLETE;
			if (hs == HEADER_BAD) {
				/* its end still to come: dropped as it arrives */
				if (header)
					drop(r, header);
				else
					r->skipping = true;
				return LSP_READ_BAD_FRAME;
			}
			if (hs == HEADER_DONE && header > LSP_MAX_HEADER_BYTES) {
				drop(r, header);
				*problem = "a header longer than 8 KiB";
				return LSP_READ_BAD_FRAME;
			}
			if (hs == HEADER_INCOMPLETE && r->len > LSP_MAX_HEADER_BYTES) {
				r->skipping = true;
				*problem = "a header longer than 8 KiB";
				return LSP_READ_BAD_FRAME;
			}
			if (hs == HEADER_DONE && length > LSP_MAX_CONTENT_LENGTH) {
				/* the body is dropped as it comes: the next message follows it */
				drop(r, header);
				r->discard = length;
				*problem = "a message larger than the limit of 64 MiB";
				return LSP_READ_BAD_FRAME;
			}
			if (hs == HEADER_DONE && r->len - header >= length) {
				*body = r->buf + header;
				*len = length;
				r->consumed = header + length;
				return LSP_READ_MESSAGE;
			}
			if (hs == HEADER_DONE && reserve(r, header + length + 1)) {
				drop(r, header);
				r->discard = length;
				*problem = "no memory for the message";
				return LSP_READ_BAD_FRAME;
			}
		}
		if (r->eof)
			return LSP_READ_EOF;
		if (fill(r, deadline_ms))
			return LSP_READ_TIMEOUT;
	}
}

void lsp_reader_free(lsp_reader *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

/* ---- writing ------------------------------------------------------------------ */

void lsp_send(lsp_server *s, json_object *msg)
{
	const char *body;
	size_t len;
	if (!msg)
		return;
	if (!s->client_gone) {
		body = json_object_to_json_string_length(msg, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
							 &len);
		if (!body || fprintf(s->out, "Content-Length: %zu\r\n\r\n", len) < 0 ||
		    fwrite(body, 1, len, s->out) != len || fflush(s->out) != 0)
			s->client_gone = true;
	}
	json_object_put(msg);
}

static json_object *message(void)
{
	json_object *m = json_object_new_object();
	if (m)
		json_object_object_add(m, "jsonrpc", json_object_new_string("2.0"));
	return m;
}

void lsp_respond(lsp_server *s, json_object *id, json_object *result)
{
	json_object *m = message();
	if (!m) {
		json_object_put(result);
		return;
	}
	json_object_object_add(m, "id", json_object_get(id));
	json_object_object_add(m, "result", result);
	lsp_send(s, m);
}

void lsp_respond_error(lsp_server *s, json_object *id, int code, const char *text)
{
	json_object *m = message(), *e = json_object_new_object();
	if (!m || !e) {
		json_object_put(m);
		json_object_put(e);
		return;
	}
	json_object_object_add(e, "code", json_object_new_int(code));
	json_object_object_add(e, "message", json_object_new_string(text));
	json_object_object_add(m, "id", json_object_get(id));
	json_object_object_add(m, "error", e);
	lsp_send(s, m);
}

void lsp_notify(lsp_server *s, const char *method, json_object *params)
{
	json_object *m = message();
	if (!m) {
		json_object_put(params);
		return;
	}
	json_object_object_add(m, "method", json_object_new_string(method));
	json_object_object_add(m, "params", params);
	lsp_send(s, m);
}

void lsp_log(lsp_server *s, int type, const char *fmt, ...)
{
	char text[1024];
	json_object *params = json_object_new_object();
	va_list ap;
	if (!params)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	json_object_object_add(params, "type", json_object_new_int(type));
	json_object_object_add(params, "message", json_object_new_string(text));
	lsp_notify(s, "window/logMessage", params);
}

json_object *lsp_member(json_object *obj, const char *key, json_type type)
{
	json_object *v;
	if (!obj || !json_object_is_type(obj, json_type_object) || !json_object_object_get_ex(obj, key, &v) ||
	    !json_object_is_type(v, type))
		return NULL;
	return v;
}

bool lsp_member_uint(json_object *obj, const char *key, int64_t max, int64_t *out)
{
	json_object *v = lsp_member(obj, key, json_type_int);
	int64_t n;
	if (!v)
		return false;
	/* json-c gives INT64_MAX for larger integers: out of range too */
	n = json_object_get_int64(v);
	if (n < 0 || n > max)
		return false;
	*out = n;
	return true;
}
