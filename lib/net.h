/*
 * net.h - fetching under the network rules (internal to net.c and linkcheck.c).
 *
 * The rules hold for every request the online checks make, the archive's
 * included: http and https only, redirects followed here one hop at a time,
 * no proxy, TLS always verified, no connection to a private address unless
 * allowed (checked on the resolved address at every connect), bounded
 * headers, bodies and content encodings, timeouts, and retries with backoff.
 */
#ifndef CL_NET_H
#define CL_NET_H

#include <stdbool.h>
#include <time.h>
#include <sys/socket.h>
#include "internal.h"

/* The longest wait before a retry, in seconds: a Retry-After asking for more
 * is cut to this, so one slow server cannot hold a run for hours. */
#define CL_NET_MAX_RETRY_WAIT 20
/* The first retry waits this long when the server does not say; each next one twice as long. */
#define CL_NET_BACKOFF_MS 500
/* Headers of one answer past this size end the request. */
#define CL_NET_MAX_HEADER_BYTES (256 * 1024)
/* Stacked content encodings (gzip inside br ...) past this end the request. */
#define CL_NET_MAX_ENCODINGS 2
/* Longest address followed (a redirect's Location included). */
#define CL_NET_MAX_URL 8192
/* Below this many bytes a second for CL_NET_LOW_SPEED_TIME seconds, a request is given up. */
#define CL_NET_LOW_SPEED_LIMIT 100
#define CL_NET_LOW_SPEED_TIME 10

/* The options with every zero field replaced by its documented default. */
void cl_online_defaults(cl_online_options *out, const cl_online_options *in);

typedef enum {
	CL_NET_ANSWERED = 0,       /* an HTTP answer: status */
	CL_NET_REFUSED,            /* the address guard refused every address: detail says why */
	CL_NET_DNS,                /* the host name does not resolve */
	CL_NET_CONNECT,            /* the connection was refused or could not be made */
	CL_NET_RESET,              /* reset, or closed before an answer */
	CL_NET_TIMEOUT,            /* no (complete) answer in time */
	CL_NET_TLS,                /* the secure connection failed: detail */
	CL_NET_REDIRECT_LOOP,      /* final_url: the address seen twice */
	CL_NET_TOO_MANY_REDIRECTS,
	CL_NET_BAD_REDIRECT,       /* final_url: a target that is not http or https (or detail) */
	CL_NET_FAILED              /* anything else: detail */
} cl_net_outcome;

typedef struct cl_net cl_net;
typedef struct cl_net_request cl_net_request;
typedef struct cl_net_transfer cl_net_transfer;

/* One page to ask for: the request follows redirects and retries on its own
 * and calls `done` once with the outcome (from cl_net_run, which may then be
 * given the same request again with new inputs). */
struct cl_net_request {
	/* inputs */
	const char *url;          /* not copied: it must outlive the request */
	bool head;                /* HEAD, else GET */
	size_t body_cap;          /* GET: decoded bytes of a 2xx body kept; 0: none */
	bool any_type;            /* keep a body of any type (else text/html, xhtml, text/plain) */
	void (*done)(cl_net_request *req, void *payload);
	void *payload;
	/* outputs, valid in `done` and after it */
	cl_net_outcome outcome;
	long status;              /* the last answer's status, or 0 */
	char reason[64];          /* its reason phrase */
	char *final_url;          /* the address of the last answer or failure (malloc) */
	int redirects;            /* hops followed */
	bool permanent;           /* every hop followed was a 301 or 308 */
	char content_type[128];   /* lower case, without parameters */
	cl_buf body;              /* at most body_cap bytes, NUL-terminated when not empty */
	bool truncated;           /* the body was cut at the cap, or ended before its length */
	char detail[256];         /* what went wrong, for messages */
	int tries;                /* tries of the last hop */
	bool out_of_time;         /* the request's whole time ran out, whatever the tries */
	long elapsed_ms;          /* of the last try */
	/* private to net.c */
	cl_net_transfer *transfer;
};

/* A fetcher with the resolved options of `opts` (copied; its strings must
 * outlive the fetcher). Free it with cl_net_free(). */
int cl_net_new(cl_net **out, const cl_online_options *opts, cl_error *err);
/* Queues a request to start after delay_ms. Its outputs are reset. Returns
 * CL_OK or CL_ERR_NOMEM. */
int cl_net_queue(cl_net *net, cl_net_request *req, long delay_ms);
/* Runs until every queued request is done (callbacks may queue more).
 * Returns CL_OK, or CL_ERR_IO when libcurl itself fails. */
int cl_net_run(cl_net *net, cl_error *err);
/* Frees what the outputs of a request hold (not the request). */
void cl_net_request_clear(cl_net_request *req);
/* Frees the fetcher and any request not yet done (their `done` is not called). */
void cl_net_free(cl_net *net);

/* Why the address guard refuses a resolved address: "a loopback address",
 * "a private address" ... or NULL for a public address. IPv4-mapped,
 * -compatible, NAT64 and 6to4 IPv6 forms take the class of the IPv4 address
 * they carry. Any family but IPv4 and IPv6 is refused. */
const char *cl_net_address_class(const struct sockaddr *addr, size_t len);

/* Seconds to wait for a Retry-After value (delta seconds or an HTTP date,
 * relative to `now`), cut to CL_NET_MAX_RETRY_WAIT; -1 when it is neither. */
long cl_net_retry_after(const char *value, time_t now);

/* Does the text of a title or heading say the page is not there ("404",
 * "Page not found | Site", "This page does not exist")? Only a short part of
 * it made of such words counts, so "Amelia Earhart's plane not found" does not. */
bool cl_net_not_found_title(const char *text, size_t len);
/* Does an HTML page say, in its <title> or first <h1>, that it is not there?
 * Its words go to `what` (size bytes). */
bool cl_net_soft404(const char *html, size_t len, char *what, size_t size);

/* The standard reason phrase of a status ("Not Found"), or NULL. */
const char *cl_net_reason(long status);

/* ---- linkcheck.c: the cache of earlier results --------------------------- */

/* A checked link as the cache holds it. */
typedef struct {
	char *url;                /* the link checked */
	time_t checked;           /* when (seconds since the epoch) */
	long status;              /* the final answer's status (2xx) */
	char *final_url;          /* where it ended after redirects (may equal url) */
	bool permanent;           /* it moved permanently to final_url */
	char content_type[128];
	char *body;               /* the page, when it was read for quotations; else NULL */
	size_t body_len;
} cl_link_cache_entry;

/* Reads the entry for `url` in `dir`, when it holds at `now` (no older than
 * ttl seconds). Returns CL_OK, or CL_ERR_NOTFOUND when there is none, it has
 * expired or it is corrupt. On CL_OK the caller frees *out with
 * cl_link_cache_entry_free(). */
int cl_link_cache_get(cl_link_cache_entry *out, const char *dir, const char *url, long ttl, time_t now);
/* Writes an entry (through a temporary file and a rename). Returns CL_OK or CL_ERR_IO. */
int cl_link_cache_put(const char *dir, const cl_link_cache_entry *entry);
void cl_link_cache_entry_free(cl_link_cache_entry *entry);

#endif
