/* fuzz_lsp.c - the language server's message reader (cmd/lsp_rpc.c) and the
 * session behind it (cmd/lsp.c and the modules it calls). The input is the
 * byte stream a client sends on stdin:
 *  1. it is fed through a pipe in small pieces of varying size, each read
 *     with lsp_read() until it would wait, as when a client's writes arrive
 *     split; the messages and bad frames read must be those read from the
 *     whole stream at once;
 *  2. a whole session (lsp_serve) reads it, with --no-config so that no file
 *     of the machine is read; every message the server writes must be framed
 *     and be one JSON object. */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"
#include "lsp_internal.h"

static cmd_options options;

static void free_options(void)
{
	cmd_free(&options);
}

static const cmd_options *server_options(void)
{
	static char arg0[] = "chronolint", lsp[] = "lsp", no_config[] = "--no-config", rules[] = "--rules";
	static char *argv[6];
	if (argv[0])
		return &options;
	argv[0] = arg0;
	argv[1] = lsp;
	argv[2] = no_config;
	argv[3] = rules;
	argv[4] = (char *)fuzz_rules_dir();
	argv[5] = NULL;
	if (cmd_parse(&options, 5, argv) != 0)
		abort();
	atexit(free_options);
	return &options;
}

/* A FILE that reads the bytes and then its end: a pipe when they fit in one. */
static FILE *stream_of(const uint8_t *data, size_t size)
{
	int fds[2];
	FILE *f;
	if (size <= 65536 && pipe(fds) == 0) {
		if (size > 4096)
			fcntl(fds[1], F_SETPIPE_SZ, (int)size);
		if (size && write(fds[1], data, size) != (ssize_t)size)
			abort();
		close(fds[1]);
		if (!(f = fdopen(fds[0], "rb")))
			abort();
		return f;
	}
	if (!(f = tmpfile()) || (size && fwrite(data, 1, size, f) != size) || fflush(f) != 0)
		abort();
	rewind(f);
	return f;
}

/* What a reader returned, in order: a message (its body) or a bad frame. */
typedef struct {
	cl_buf log;
	size_t messages, bad;
} read_log;

static void note(read_log *l, lsp_read_status rs, const char *body, size_t len)
{
	if (rs == LSP_READ_MESSAGE) {
		l->messages++;
		cl_buf_printf(&l->log, "M%zu:", len);
		cl_buf_put(&l->log, body, len);
	} else if (rs == LSP_READ_BAD_FRAME) {
		l->bad++;
		cl_buf_put(&l->log, "B", 1);
	}
}

static void check_message(const lsp_reader *r, const char *body, size_t len)
{
	FUZZ_ASSERT(len <= LSP_MAX_CONTENT_LENGTH);
	FUZZ_ASSERT(body >= r->buf && body + len <= r->buf + r->len);
}

/* Reads the stream whole; the reference for the split reading. */
static void read_whole(read_log *l, const uint8_t *data, size_t size)
{
	lsp_reader r;
	FILE *f = stream_of(data, size);
	memset(&r, 0, sizeof(r));
	r.fd = fileno(f);
	for (;;) {
		const char *body = NULL, *problem = NULL;
		size_t len = 0;
		lsp_read_status rs = lsp_read(&r, -1, &body, &len, &problem);
		if (rs == LSP_READ_EOF)
			break;
		FUZZ_ASSERT(rs != LSP_READ_TIMEOUT);
		if (rs == LSP_READ_MESSAGE)
			check_message(&r, body, len);
		else
			FUZZ_ASSERT(problem && *problem);
		note(l, rs, body, len);
	}
	lsp_reader_free(&r);
	fclose(f);
}

/* Feeds the stream in pieces of 1 to 97 bytes, reading after each until the
 * reader would wait. */
static void read_split(read_log *l, const uint8_t *data, size_t size)
{
	lsp_reader r;
	int fds[2];
	size_t at = 0;
	uint32_t seed = (uint32_t)size * 2654435761u + 1;
	bool open_end = true;
	if (pipe(fds) != 0)
		abort();
	memset(&r, 0, sizeof(r));
	r.fd = fds[0];
	for (;;) {
		const char *body = NULL, *problem = NULL;
		size_t len = 0;
		lsp_read_status rs;
		if (open_end) {
			size_t piece;
			seed = seed * 1103515245u + 12345u;
			piece = 1 + (seed >> 16) % 97;
			if (piece > size - at)
				piece = size - at;
			if (piece && write(fds[1], data + at, piece) != (ssize_t)piece)
				abort();
			at += piece;
			if (at == size) {
				close(fds[1]);
				open_end = false;
			}
		}
		/* a deadline that has passed: read what is there, do not wait */
		while ((rs = lsp_read(&r, open_end ? 0 : -1, &body, &len, &problem)) != LSP_READ_TIMEOUT &&
		       rs != LSP_READ_EOF) {
			if (rs == LSP_READ_MESSAGE)
				check_message(&r, body, len);
			note(l, rs, body, len);
		}
		if (rs == LSP_READ_EOF) {
			FUZZ_ASSERT(!open_end);
			break;
		}
	}
	lsp_reader_free(&r);
	close(fds[0]);
}

/* The server's output: Content-Length framing around JSON objects. */
static void check_output(const char *out, size_t len)
{
	json_tokener *tok = json_tokener_new();
	size_t at = 0;
	FUZZ_ASSERT(tok);
	while (at < len) {
		size_t body_len = 0, k;
		json_object *o;
		FUZZ_ASSERT(len - at > 16 && memcmp(out + at, "Content-Length: ", 16) == 0);
		for (k = at + 16; k < len && out[k] >= '0' && out[k] <= '9'; k++)
			body_len = body_len * 10 + (size_t)(out[k] - '0');
		FUZZ_ASSERT(len - k >= 4 && memcmp(out + k, "\r\n\r\n", 4) == 0);
		k += 4;
		FUZZ_ASSERT(body_len <= len - k);
		json_tokener_reset(tok);
		o = json_tokener_parse_ex(tok, out + k, (int)body_len);
		FUZZ_ASSERT(o && json_object_is_type(o, json_type_object) &&
			    json_tokener_get_parse_end(tok) == body_len);
		json_object_put(o);
		at = k + body_len;
	}
	json_tokener_free(tok);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_log whole = { { NULL, 0, 0, 0 }, 0, 0 }, split = { { NULL, 0, 0, 0 }, 0, 0 };
	char *out_buf = NULL;
	size_t out_len = 0;
	FILE *in, *out;
	read_whole(&whole, data, size);
	read_split(&split, data, size);
	FUZZ_ASSERT(whole.messages == split.messages && whole.bad == split.bad);
	FUZZ_ASSERT(whole.log.len == split.log.len &&
		    (!whole.log.len || memcmp(whole.log.ptr, split.log.ptr, whole.log.len) == 0));
	cl_buf_free(&whole.log);
	cl_buf_free(&split.log);

	in = stream_of(data, size);
	out = open_memstream(&out_buf, &out_len);
	FUZZ_ASSERT(out);
	lsp_serve(server_options(), fuzz_db(), in, out);
	fclose(in);
	fclose(out);
	check_output(out_buf, out_len);
	free(out_buf);
	return 0;
}
