/* linkcheck.c - the online checks of a run: links, redirects, quotations. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <json-c/json.h>
#include "net.h"

/* A page read only for its title and first heading needs no more than this. */
#define SOFT404_CAP (256 * 1024)
/* The availability API answers a few hundred bytes. */
#define ARCHIVE_CAP (64 * 1024)
/* The closest passage shown for a quotation not found. */
#define PASSAGE_MAX 200

typedef enum { LINK_PENDING = 0, LINK_ALIVE, LINK_MOVED, LINK_DEAD, LINK_UNCHECKED } link_state;

/* A quotation attributed to a link, searched for as soon as its page
 * arrives, so that no page is kept longer than its own check. */
typedef struct {
	const char *words;        /* in a document's text (the results outlive the run) */
	size_t len;
	bool checked, found;
	char *passage;            /* not found: the closest passage of the page, or NULL */
} cl_link_quote;

typedef struct {
	cl_linkcheck *lc;
	char *url;                /* the address fetched (doc->urls[].url) */
	bool needs_body;          /* a quotation is attributed to it */
	bool get;                 /* the GET has been asked */
	link_state state;
	cl_net_request req, archive;
	char *archive_query;
	char *message;            /* dead: what happened; unchecked: the notice */
	char *evidence;
	char *moved_to;           /* moved: the final address */
	char *archived;           /* dead: the Wayback Machine's copy, or NULL */
	CL_ARRAY(cl_link_quote) quotes;
	bool page_read;           /* the page was read and searched for the quotations */
	bool page_partial;        /* only part of it: a quotation may be in the rest */
	char date[16];            /* of the search, for the evidence */
} cl_link;

struct cl_linkcheck {
	cl_online_options opts;   /* defaults filled in */
	CL_ARRAY(cl_link *) links;
	size_t *slots;            /* open addressing over links by address: index + 1, 0 empty */
	size_t slot_count;        /* a power of two, at least twice the links */
	size_t done;
	cl_net *net;
	int rc;                   /* an allocation that failed inside a callback */
};

static char *dup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *dup_printf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *out;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(out = malloc((size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(out, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return out;
}

static void today(char *out, size_t size, time_t when)
{
	struct tm tm;
	gmtime_r(&when, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}

/* ---- the links of a run, each once --------------------------------------------- */

static size_t slot_of(const cl_linkcheck *lc, const char *url)
{
	size_t mask = lc->slot_count - 1, i = (size_t)cl_fnv1a(url, strlen(url)) & mask;
	while (lc->slots[i] && strcmp(lc->links.items[lc->slots[i] - 1]->url, url) != 0)
		i = (i + 1) & mask;
	return i;
}

static cl_link *link_find(const cl_linkcheck *lc, const char *url)
{
	size_t s;
	if (!url || !lc->slot_count)
		return NULL;
	s = slot_of(lc, url);
	return lc->slots[s] ? lc->links.items[lc->slots[s] - 1] : NULL;
}

static int rehash(cl_linkcheck *lc)
{
	size_t count = lc->slot_count ? lc->slot_count * 2 : 64, k;
	size_t *slots = calloc(count, sizeof(*slots));
	if (!slots)
		return CL_ERR_NOMEM;
	free(lc->slots);
	lc->slots = slots;
	lc->slot_count = count;
	for (k = 0; k < lc->links.len; k++)
		lc->slots[slot_of(lc, lc->links.items[k]->url)] = k + 1;
	return CL_OK;
}

static cl_link *link_add(cl_linkcheck *lc, const char *url)
{
	cl_link *l = link_find(lc, url);
	if (l)
		return l;
	if ((lc->links.len + 1) * 2 > lc->slot_count && rehash(lc) != CL_OK)
		return NULL;
	l = calloc(1, sizeof(*l));
	if (!l || !(l->url = strdup(url)) || CL_ARRAY_PUSH(lc->links, l)) {
		if (l)
			free(l->url);
		free(l);
		return NULL;
	}
	l->lc = lc;
	lc->slots[slot_of(lc, url)] = lc->links.len;
	return l;
}

int cl_linkcheck_new(cl_linkcheck **out, const cl_online_options *opts, cl_error *err)
{
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	cl_online_defaults(&(*out)->opts, opts);
	return CL_OK;
}

/* The quotation of a link with these words, from any document. */
static cl_link_quote *link_quote(const cl_link *l, const char *words, size_t len)
{
	size_t k;
	for (k = 0; k < l->quotes.len; k++)
		if (l->quotes.items[k].len == len && memcmp(l->quotes.items[k].words, words, len) == 0)
			return &l->quotes.items[k];
	return NULL;
}

int cl_linkcheck_add(cl_linkcheck *lc, cl_result *result)
{
	cl_doc *doc = cl_result_doc(result);
	size_t k;
	for (k = 0; k < doc->urls.len; k++)
		if (doc->urls.items[k].url && !link_add(lc, doc->urls.items[k].url))
			return CL_ERR_NOMEM;
	for (k = 0; k < doc->quotes.len; k++) {
		const cl_doc_quote *q = &doc->quotes.items[k];
		cl_link *l = q->url < doc->urls.len ? link_find(lc, doc->urls.items[q->url].url) : NULL;
		cl_link_quote lq = { doc->text.orig + q->off, q->len, false, false, NULL };
		if (!l || link_quote(l, lq.words, lq.len))
			continue;
		l->needs_body = true;
		if (CL_ARRAY_PUSH(l->quotes, lq))
			return CL_ERR_NOMEM;
	}
	return CL_OK;
}

/* ---- judging an answer --------------------------------------------------------- */

static bool html_type(const char *type)
{
	return strcmp(type, "text/html") == 0 || strcmp(type, "application/xhtml+xml") == 0;
}

static char *passage(const char *text, size_t len);

/* Searches the page for the link's quotations (HTML through cl_html_text,
 * plain text as it is; another type cannot be searched). A page read only in
 * part is not searched: the words may be in the rest. */
static void search_page(cl_link *l, const char *type, const char *body, size_t len, bool partial)
{
	char *text = NULL;
	size_t text_len = 0, k;
	if (!body || !len)
		return;
	if (html_type(type) || (!*type && cl_html_sniff(body, len))) {
		if (cl_html_text(&text, &text_len, body, len) != CL_OK) {
			l->lc->rc = CL_ERR_NOMEM;
			return;
		}
	} else if (strcmp(type, "text/plain") != 0 && *type) {
		return;
	}
	l->page_read = true;
	l->page_partial = partial;
	today(l->date, sizeof(l->date), time(NULL));
	for (k = 0; k < l->quotes.len && !partial; k++) {
		cl_link_quote *q = &l->quotes.items[k];
		cl_quote_match m;
		const char *page = text ? text : body;
		size_t page_len = text ? text_len : len;
		int qrc = cl_quote_find(&m, page, page_len, q->words, q->len);
		if (qrc == CL_ERR_LIMIT)
			continue; /* a quotation too long to look for is left unchecked */
		if (qrc != CL_OK) {
			l->lc->rc = qrc;
			break;
		}
		q->checked = true;
		q->found = m.found;
		if (!m.found && m.len && m.off < page_len && m.len <= page_len - m.off &&
		    !(q->passage = passage(page + m.off, m.len)))
			l->lc->rc = CL_ERR_NOMEM;
	}
	free(text);
}

/* What went wrong with a request that got no usable answer, as a phrase. */
static char *failure_text(const cl_net_request *req, int max_redirects)
{
	char tries[32] = "";
	if (req->tries > 1 && !req->out_of_time) /* the time given covers every try */
		snprintf(tries, sizeof(tries), " (%d tries)", req->tries);
	switch (req->outcome) {
	case CL_NET_ANSWERED:
		return dup_printf("HTTP %ld%s%s", req->status, req->reason[0] ? " " : "", req->reason);
	case CL_NET_DNS:
		return dup_printf("its host name does not resolve");
	case CL_NET_CONNECT:
		return dup_printf("the connection was refused%s", tries);
	case CL_NET_RESET:
		return dup_printf("the connection was closed before an answer%s", tries);
	case CL_NET_TIMEOUT:
		return dup_printf("%s%s", req->detail, tries);
	case CL_NET_TLS:
		return dup_printf("the secure connection failed: %s", req->detail);
	case CL_NET_REDIRECT_LOOP:
		return dup_printf("it redirects in a loop (back to %s)", req->final_url);
	case CL_NET_TOO_MANY_REDIRECTS:
		return dup_printf("it redirects more than %d times", max_redirects);
	case CL_NET_BAD_REDIRECT:
		if (!req->detail[0] && req->final_url)
			return dup_printf("it redirects to %s, which is not http or https", req->final_url);
		return dup_printf("%s", req->detail);
	default:
		return dup_printf("%s", req->detail[0] ? req->detail : "the request failed");
	}
}

/* For the evidence: what was seen, briefly. */
static const char *seen_text(const cl_net_request *req, char *buf, size_t size)
{
	static const char *const seen[] = {
		[CL_NET_REFUSED] = "a refused address", [CL_NET_DNS] = "no such host",
		[CL_NET_CONNECT] = "connection refused", [CL_NET_RESET] = "connection closed",
		[CL_NET_TIMEOUT] = "no answer", [CL_NET_TLS] = "a TLS failure",
		[CL_NET_REDIRECT_LOOP] = "a redirect loop", [CL_NET_TOO_MANY_REDIRECTS] = "too many redirects",
		[CL_NET_BAD_REDIRECT] = "a redirect out of the web", [CL_NET_FAILED] = "a failure",
	};
	if (req->outcome == CL_NET_ANSWERED) {
		snprintf(buf, size, "HTTP %ld", req->status);
		return buf;
	}
	return seen[req->outcome];
}

static void set_dead(cl_link *l, char *what)
{
	l->state = LINK_DEAD;
	l->message = what ? dup_printf("the link is dead: %s", what) : NULL;
	free(what);
	if (!l->message)
		l->lc->rc = CL_ERR_NOMEM;
}

static void set_unchecked(cl_link *l, char *why)
{
	l->state = LINK_UNCHECKED;
	l->message = why ? dup_printf("%s not checked: %s", l->url, why) : NULL;
	free(why);
	if (!l->message)
		l->lc->rc = CL_ERR_NOMEM;
}

static void judge(cl_link *l, const cl_net_request *req)
{
	const cl_online_options *o = &l->lc->opts;
	char date[16], buf[32], what[200];
	long s = req->status;
	today(date, sizeof(date), time(NULL));
	l->evidence = dup_printf("online: %s from %s (%s)", seen_text(req, buf, sizeof(buf)),
				 req->final_url ? req->final_url : l->url, date);
	if (req->outcome == CL_NET_REFUSED) {
		if (req->redirects)
			set_unchecked(l, dup_printf("it redirects to %s, and %s (--allow-private allows it)",
						    req->final_url, req->detail));
		else
			set_unchecked(l, dup_printf("%s (--allow-private allows it)", req->detail));
	} else if (req->outcome == CL_NET_FAILED) {
		set_unchecked(l, failure_text(req, o->max_redirects));
	} else if (req->outcome != CL_NET_ANSWERED) {
		set_dead(l, failure_text(req, o->max_redirects));
	} else if (s == 401 || s == 403 || s == 407) {
		/* the page may well be there: the server will not show it to a program */
		set_unchecked(l, dup_printf("the server refuses automated requests (HTTP %ld %s)", s, req->reason));
	} else if (s == 429) {
		set_unchecked(l, dup_printf("the server kept answering HTTP 429 Too Many Requests"));
	} else if (s >= 600) {
		/* not HTTP's: some sites answer programs with their own codes (999) */
		set_unchecked(l, dup_printf("the server answered with a status HTTP does not define (%ld%s%s)", s,
					    req->reason[0] ? " " : "", req->reason));
	} else if (s >= 400) {
		set_dead(l, failure_text(req, o->max_redirects));
	} else if (s >= 200 && s < 300 && html_type(req->content_type) && req->body.len &&
		   cl_net_soft404(req->body.ptr, req->body.len, what, sizeof(what))) {
		set_dead(l, dup_printf("the page answers HTTP %ld but says \"%s\"", s, what));
	} else if (s >= 200 && s < 300 && req->redirects && req->permanent && req->final_url) {
		l->state = LINK_MOVED;
		if (!(l->moved_to = strdup(req->final_url)))
			l->lc->rc = CL_ERR_NOMEM;
	} else {
		l->state = LINK_ALIVE; /* temporary redirects and other answers are not findings */
	}
	if (!l->evidence)
		l->lc->rc = CL_ERR_NOMEM;
}

/* ---- the archive ---------------------------------------------------------------- */

static char *escape_query(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), k, o = 0;
	char *out = malloc(n * 3 + 1);
	if (!out)
		return NULL;
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~", c)) {
			out[o++] = (char)c;
		} else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
	return out;
}

static bool safe_url(const char *s)
{
	size_t k, n = strlen(s);
	if (n >= 2048 || (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0))
		return false;
	for (k = 0; k < n; k++)
		if ((unsigned char)s[k] <= 0x20 || s[k] == 0x7f)
			return false;
	return true;
}

/* The closest copy in an availability answer:
 * {"archived_snapshots": {"closest": {"available": true, "url": "..."}}} */
static char *archived_copy(const char *json, size_t len)
{
	json_tokener *tok = json_tokener_new();
	json_object *root, *snaps, *closest, *avail, *url;
	char *out = NULL;
	if (!tok)
		return NULL;
	root = len <= INT32_MAX ? json_tokener_parse_ex(tok, json, (int)len) : NULL;
	if (root && json_object_object_get_ex(root, "archived_snapshots", &snaps) &&
	    json_object_object_get_ex(snaps, "closest", &closest) &&
	    json_object_object_get_ex(closest, "available", &avail) &&
	    json_object_is_type(avail, json_type_boolean) && json_object_get_boolean(avail) &&
	    json_object_object_get_ex(closest, "url", &url) && json_object_is_type(url, json_type_string) &&
	    safe_url(json_object_get_string(url)))
		out = strdup(json_object_get_string(url));
	json_object_put(root);
	json_tokener_free(tok);
	return out;
}

static void link_finished(cl_link *l);

static void on_archive(cl_net_request *req, void *payload)
{
	cl_link *l = payload;
	if (req->outcome == CL_NET_ANSWERED && req->status >= 200 && req->status < 300 && req->body.len)
		l->archived = archived_copy(req->body.ptr, req->body.len);
	cl_net_request_clear(req);
}

static void ask_archive(cl_link *l)
{
	const char *api = l->lc->opts.archive_api;
	char *escaped = escape_query(l->url);
	l->archive_query = escaped ? dup_printf("%s%curl=%s", api, strchr(api, '?') ? '&' : '?', escaped) : NULL;
	free(escaped);
	if (!l->archive_query) {
		l->lc->rc = CL_ERR_NOMEM;
		return;
	}
	l->archive.url = l->archive_query;
	l->archive.body_cap = ARCHIVE_CAP;
	l->archive.any_type = true;
	l->archive.done = on_archive;
	l->archive.payload = l;
	if (cl_net_queue(l->lc->net, &l->archive, 0) != CL_OK)
		l->lc->rc = CL_ERR_NOMEM;
}

/* ---- the cache ------------------------------------------------------------------
 *
 * One file per link in the cache directory, named by the FNV-1a hash of the
 * address in 16 hex digits with ".link"; the address is inside, so a
 * collision is only a miss. The file is text lines, then the page's bytes:
 *
 *     chronolint-link-cache 1
 *     url http://example.org/a
 *     checked 1763800000          (seconds since the epoch)
 *     status 200
 *     final https://example.org/a (where it ended; equal to url without redirects)
 *     permanent 1                 (1: it moved there permanently)
 *     type text/html              (or -)
 *     body 1234                   (bytes of the page that follow; 0: not kept)
 *     <the page>
 *
 * Only successful checks (a 2xx answer, directly or through redirects) are
 * written, each through a temporary file renamed into place; a file that does
 * not read exactly so is ignored. */

#define CACHE_MAGIC "chronolint-link-cache 1"

static char *cache_path(const char *dir, const char *url)
{
	return dup_printf("%s/%016llx.link", dir, (unsigned long long)cl_fnv1a(url, strlen(url)));
}

/* The value of line `name` at *p, NUL-terminated in place; NULL when the line is not that. */
static char *cache_line(char **p, char *end, const char *name)
{
	size_t nl = strlen(name);
	char *nlpos, *v;
	if ((size_t)(end - *p) <= nl || strncmp(*p, name, nl) != 0 || (*p)[nl] != ' ')
		return NULL;
	v = *p + nl + 1;
	nlpos = memchr(v, '\n', (size_t)(end - v));
	if (!nlpos)
		return NULL;
	*nlpos = '\0';
	*p = nlpos + 1;
	return v;
}

static bool cache_number(const char *s, long long *out)
{
	char *e;
	if (!s || !*s)
		return false;
	errno = 0;
	*out = strtoll(s, &e, 10);
	return !*e && errno == 0 && *out >= 0;
}

void cl_link_cache_entry_free(cl_link_cache_entry *e)
{
	free(e->url);
	free(e->final_url);
	free(e->body);
	memset(e, 0, sizeof(*e));
}

int cl_link_cache_get(cl_link_cache_entry *out, const char *dir, const char *url, long ttl, time_t now)
{
	char *path = cache_path(dir, url), *data, *p, *end, *v[7];
	size_t len = 0;
	long long checked, status, permanent, body;
	static const char *const names[] = { "url", "checked", "status", "final", "permanent", "type", "body" };
	int k, rc = CL_ERR_NOTFOUND;
	memset(out, 0, sizeof(*out));
	data = path ? cl_read_file(path, &len) : NULL;
	free(path);
	if (!data)
		return CL_ERR_NOTFOUND;
	p = data;
	end = data + len;
	if ((size_t)len <= strlen(CACHE_MAGIC) || strncmp(p, CACHE_MAGIC "\n", strlen(CACHE_MAGIC) + 1) != 0)
		goto done;
	p += strlen(CACHE_MAGIC) + 1;
	for (k = 0; k < 7; k++)
		if (!(v[k] = cache_line(&p, end, names[k])))
			goto done;
	if (strcmp(v[0], url) != 0 || !cache_number(v[1], &checked) || !cache_number(v[2], &status) ||
	    !cache_number(v[4], &permanent) || !cache_number(v[6], &body) || status < 200 || status > 299 ||
	    permanent > 1 || (long long)(end - p) != body || strlen(v[5]) >= sizeof(out->content_type))
		goto done;
	/* from the future (a clock set back), or expired */
	if (checked > (long long)now + 300 || (long long)now - checked > ttl)
		goto done;
	out->url = strdup(v[0]);
	out->final_url = strdup(v[3]);
	out->checked = (time_t)checked;
	out->status = (long)status;
	out->permanent = permanent == 1;
	snprintf(out->content_type, sizeof(out->content_type), "%s", strcmp(v[5], "-") ? v[5] : "");
	if (body > 0 && (out->body = malloc((size_t)body + 1))) {
		memcpy(out->body, p, (size_t)body);
		out->body[body] = '\0';
		out->body_len = (size_t)body;
	}
	if (out->url && out->final_url && (body == 0 || out->body))
		rc = CL_OK;
	else
		cl_link_cache_entry_free(out);
done:
	free(data);
	return rc;
}

static bool one_line(const char *s)
{
	return s && !strpbrk(s, "\r\n");
}

int cl_link_cache_put(const char *dir, const cl_link_cache_entry *e)
{
	char *path, *tmp;
	FILE *f;
	int fd, ok;
	if (!one_line(e->url) || !one_line(e->final_url) || !one_line(e->content_type) || !*e->final_url)
		return CL_ERR_INVALID;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return CL_ERR_IO;
	path = cache_path(dir, e->url);
	tmp = dup_printf("%s/.tmp-XXXXXX", dir);
	if (!path || !tmp || (fd = mkstemp(tmp)) < 0) {
		free(path);
		free(tmp);
		return CL_ERR_IO;
	}
	f = fdopen(fd, "wb");
	if (!f)
		close(fd);
	ok = f && fprintf(f, CACHE_MAGIC "\nurl %s\nchecked %lld\nstatus %ld\nfinal %s\npermanent %d\ntype %s\nbody %zu\n",
			  e->url, (long long)e->checked, e->status, e->final_url, e->permanent ? 1 : 0,
			  e->content_type[0] ? e->content_type : "-", e->body ? e->body_len : 0) > 0;
	if (ok && e->body && e->body_len)
		ok = fwrite(e->body, 1, e->body_len, f) == e->body_len;
	if (f && fclose(f) != 0)
		ok = 0;
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(path);
	free(tmp);
	return ok ? CL_OK : CL_ERR_IO;
}

static bool from_cache(cl_link *l)
{
	const cl_online_options *o = &l->lc->opts;
	cl_link_cache_entry e;
	char date[16];
	if (!o->cache_dir || cl_link_cache_get(&e, o->cache_dir, l->url, o->cache_ttl, time(NULL)) != CL_OK)
		return false;
	if (l->needs_body && !e.body) {
		cl_link_cache_entry_free(&e);
		return false;
	}
	today(date, sizeof(date), e.checked);
	l->state = e.permanent && strcmp(e.final_url, l->url) != 0 ? LINK_MOVED : LINK_ALIVE;
	if (l->state == LINK_MOVED) {
		l->moved_to = e.final_url;
		e.final_url = NULL;
	}
	l->evidence = dup_printf("online: HTTP %ld from %s (%s, cached)", e.status,
				 l->moved_to ? l->moved_to : l->url, date);
	if (l->needs_body)
		search_page(l, e.content_type, e.body, e.body_len, false);
	cl_link_cache_entry_free(&e);
	if (!l->evidence)
		l->lc->rc = CL_ERR_NOMEM;
	return true;
}

static void to_cache(cl_link *l, const cl_net_request *req)
{
	cl_link_cache_entry e;
	memset(&e, 0, sizeof(e));
	e.url = l->url;
	e.checked = time(NULL);
	e.status = req->status;
	e.final_url = req->final_url;
	e.permanent = l->state == LINK_MOVED;
	snprintf(e.content_type, sizeof(e.content_type), "%s", req->content_type);
	if (l->needs_body && req->truncated)
		return; /* the next run reads it again: its quotations are not checked on part of a page */
	if (l->needs_body && req->body.len) {
		e.body = req->body.ptr;
		e.body_len = req->body.len;
	}
	/* a cache that cannot be written only costs the next run a fetch */
	(void)cl_link_cache_put(l->lc->opts.cache_dir, &e);
}

/* ---- the run -------------------------------------------------------------------- */

static void link_finished(cl_link *l)
{
	cl_linkcheck *lc = l->lc;
	lc->done++;
	if (lc->opts.progress)
		lc->opts.progress(lc->opts.payload, lc->done, lc->links.len);
}

static size_t get_cap(const cl_link *l)
{
	size_t cap = l->lc->opts.body_cap;
	return l->needs_body || cap < SOFT404_CAP ? cap : SOFT404_CAP;
}

static void on_answer(cl_net_request *req, void *payload)
{
	cl_link *l = payload;
	long s = req->status;
	/* HEAD first; GET when it fails (servers mishandle HEAD) or an HTML page
	 * must be read for a title that says it is not there */
	if (!l->get && req->outcome == CL_NET_ANSWERED &&
	    ((s >= 400 && s != 429) || (s >= 200 && s < 300 && html_type(req->content_type)))) {
		l->get = true;
		req->head = false;
		req->body_cap = get_cap(l);
		if (cl_net_queue(l->lc->net, req, 0) != CL_OK)
			l->lc->rc = CL_ERR_NOMEM;
		return;
	}
	judge(l, req);
	if (l->state == LINK_DEAD && l->lc->opts.archive)
		ask_archive(l);
	if (l->state == LINK_ALIVE || l->state == LINK_MOVED) {
		if (l->lc->opts.cache_dir && req->status >= 200 && req->status < 300)
			to_cache(l, req);
		if (l->needs_body && req->status >= 200 && req->status < 300)
			search_page(l, req->content_type, req->body.ptr, req->body.len, req->truncated);
	}
	cl_net_request_clear(req);
	link_finished(l);
}

int cl_linkcheck_run(cl_linkcheck *lc, cl_error *err)
{
	size_t k;
	int rc;
	if (!lc->links.len)
		return CL_OK;
	if ((rc = cl_net_new(&lc->net, &lc->opts, err)) != CL_OK)
		return rc;
	if (lc->opts.progress)
		lc->opts.progress(lc->opts.payload, 0, lc->links.len);
	for (k = 0; k < lc->links.len && lc->rc == CL_OK; k++) {
		cl_link *l = lc->links.items[k];
		if (l->state != LINK_PENDING)
			continue; /* a second run of the same checker */
		if (from_cache(l)) {
			link_finished(l);
			continue;
		}
		l->get = l->needs_body;
		l->req.url = l->url;
		l->req.head = !l->get;
		l->req.body_cap = l->get ? get_cap(l) : 0;
		l->req.done = on_answer;
		l->req.payload = l;
		if (cl_net_queue(lc->net, &l->req, 0) != CL_OK)
			lc->rc = CL_ERR_NOMEM;
	}
	rc = lc->rc == CL_OK ? cl_net_run(lc->net, err) : lc->rc;
	cl_net_free(lc->net);
	lc->net = NULL;
	if (rc == CL_OK && lc->rc != CL_OK)
		rc = cl_error_set(err, lc->rc, "out of memory");
	return rc;
}

/* ---- findings -------------------------------------------------------------------- */

/* The closest passage, white space folded, cut near PASSAGE_MAX bytes at a word. */
static char *passage(const char *text, size_t len)
{
	char *out = malloc(PASSAGE_MAX + 8);
	size_t k, n = 0, cut = 0;
	bool space = false;
	if (!out)
		return NULL;
	for (k = 0; k < len && n < PASSAGE_MAX; k++) {
		unsigned char c = (unsigned char)text[k];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = n > 0;
			continue;
		}
		if (space) {
			cut = n;
			out[n++] = ' ';
			space = false;
		}
		out[n++] = (char)c;
	}
	if (k < len) {
		if (!cut)
			for (cut = n; cut > 0 && ((unsigned char)out[cut] & 0xc0) == 0x80; cut--)
				;
		memcpy(out + cut, "\xe2\x80\xa6", 3); /* … */
		n = cut + 3;
	}
	out[n] = '\0';
	return out;
}

static int quote_finding(cl_doc *doc, const cl_doc_quote *q, const cl_link *l, const cl_link_quote *lq)
{
	char *message, *evidence;
	int rc;
	message = dup_printf("the quoted words are not on the cited page%s",
			     lq->passage ? "; the closest passage is shown" : "");
	evidence = dup_printf("online: the page at %s (%s)", l->url, l->date);
	rc = message && evidence ? cl_finding_add_late(doc, "quote-not-found", CL_SEV_WARNING, q->off, q->len,
						       message, lq->passage, NULL, evidence, NULL)
				 : CL_ERR_NOMEM;
	free(message);
	free(evidence);
	return rc;
}

static int link_finding(cl_doc *doc, const cl_doc_url *u, const cl_link *l)
{
	char *written = malloc(u->len + 1), *message = NULL;
	int rc = CL_ERR_NOMEM;
	if (!written)
		return CL_ERR_NOMEM;
	memcpy(written, doc->text.orig + u->off, u->len);
	written[u->len] = '\0';
	if (l->state == LINK_DEAD) {
		message = l->archived ? dup_printf("%s; the Wayback Machine has a copy at %s", l->message, l->archived)
				      : dup_printf("%s", l->message);
		if (message)
			rc = cl_finding_add_late(doc, "url-dead", CL_SEV_WARNING, u->off, u->len, message, written, NULL,
						 l->evidence, l->archived);
	} else {
		message = dup_printf("the link moved permanently to %s", l->moved_to);
		if (message)
			rc = cl_finding_add_late(doc, "url-redirect", CL_SEV_INFO, u->off, u->len, message, written,
						 l->moved_to, l->evidence, l->moved_to);
	}
	free(message);
	free(written);
	return rc;
}

int cl_linkcheck_apply(cl_linkcheck *lc, cl_result *result)
{
	cl_doc *doc = cl_result_doc(result);
	unsigned char *noticed = lc->links.len ? calloc(lc->links.len, 1) : NULL;
	size_t k;
	int rc = CL_OK;
	if (lc->links.len && !noticed)
		return CL_ERR_NOMEM;
	for (k = 0; k < doc->urls.len && rc == CL_OK; k++) {
		const cl_doc_url *u = &doc->urls.items[k];
		cl_link *l = link_find(lc, u->url);
		if (!l)
			continue;
		if (l->state == LINK_DEAD || l->state == LINK_MOVED) {
			rc = link_finding(doc, u, l);
		} else if (l->state == LINK_UNCHECKED && lc->opts.notice && l->message) {
			size_t index = lc->slots[slot_of(lc, l->url)] - 1;
			int line, column;
			if (noticed[index] & 1)
				continue; /* once per document */
			noticed[index] |= 1;
			cl_text_position(&doc->text, u->off, &line, &column);
			lc->opts.notice(lc->opts.payload, doc->name, line, l->message);
		}
	}
	for (k = 0; k < doc->quotes.len && rc == CL_OK; k++) {
		const cl_doc_quote *q = &doc->quotes.items[k];
		cl_link *l = q->url < doc->urls.len ? link_find(lc, doc->urls.items[q->url].url) : NULL;
		const cl_link_quote *lq;
		size_t index;
		if (!l || !l->page_read || (l->state != LINK_ALIVE && l->state != LINK_MOVED))
			continue;
		if (!l->page_partial) {
			lq = link_quote(l, doc->text.orig + q->off, q->len);
			if (lq && lq->checked && !lq->found)
				rc = quote_finding(doc, q, l, lq);
			continue;
		}
		/* the words may be in the part that was not read: say so, once */
		index = lc->slots[slot_of(lc, l->url)] - 1;
		if (lc->opts.notice && !(noticed[index] & 2)) {
			char *message = dup_printf("quotations from %s not checked: only part of the page could be read",
						   l->url);
			int line, column;
			noticed[index] |= 2;
			if (!message) {
				rc = CL_ERR_NOMEM;
				break;
			}
			cl_text_position(&doc->text, q->off, &line, &column);
			lc->opts.notice(lc->opts.payload, doc->name, line, message);
			free(message);
		}
	}
	free(noticed);
	return rc;
}

void cl_linkcheck_free(cl_linkcheck *lc)
{
	size_t k, j;
	if (!lc)
		return;
	cl_net_free(lc->net);
	for (k = 0; k < lc->links.len; k++) {
		cl_link *l = lc->links.items[k];
		cl_net_request_clear(&l->req);
		cl_net_request_clear(&l->archive);
		free(l->url);
		free(l->archive_query);
		free(l->message);
		free(l->evidence);
		free(l->moved_to);
		free(l->archived);
		for (j = 0; j < l->quotes.len; j++)
			free(l->quotes.items[j].passage);
		free(l->quotes.items);
		free(l);
	}
	free(lc->links.items);
	free(lc->slots);
	free(lc);
}

/* ---- one page --------------------------------------------------------------------- */

int cl_fetch_page(char **body, size_t *len, char **content_type, const char *url, const cl_online_options *opts,
	cl_error *err)
{
	cl_online_options o;
	cl_net *net;
	cl_net_request req;
	char *what;
	int rc;
	*body = NULL;
	*len = 0;
	*content_type = NULL;
	cl_online_defaults(&o, opts);
	memset(&req, 0, sizeof(req));
	req.url = url;
	req.body_cap = o.body_cap;
	req.any_type = true;
	if ((rc = cl_net_new(&net, &o, err)) != CL_OK)
		return rc;
	rc = cl_net_queue(net, &req, 0);
	if (rc == CL_OK)
		rc = cl_net_run(net, err);
	else
		cl_error_set(err, rc, "out of memory");
	cl_net_free(net);
	if (rc != CL_OK) {
		cl_net_request_clear(&req);
		return rc;
	}
	if (req.outcome == CL_NET_ANSWERED && req.status >= 200 && req.status < 300 && !req.detail[0]) {
		*body = req.body.ptr ? req.body.ptr : calloc(1, 1);
		*len = req.body.len;
		req.body.ptr = NULL;
		*content_type = req.content_type[0] ? strdup(req.content_type) : NULL;
		cl_net_request_clear(&req);
		if (!*body || (req.content_type[0] && !*content_type)) {
			free(*body);
			free(*content_type);
			*body = *content_type = NULL;
			return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
		}
		return CL_OK;
	}
	if (req.outcome == CL_NET_REFUSED)
		what = dup_printf("not fetched: %s (--allow-private allows it)", req.detail);
	else if (req.outcome == CL_NET_ANSWERED && req.status < 400 && req.detail[0])
		what = dup_printf("%s", req.detail); /* content encodings refused */
	else if (req.outcome == CL_NET_ANSWERED && req.status < 400)
		what = dup_printf("HTTP %ld %s is not a page", req.status, req.reason);
	else
		what = failure_text(&req, o.max_redirects);
	/* a long address is cut so that the reason fits in the message */
	if (strlen(url) > 200)
		rc = cl_error_set(err, CL_ERR_IO, "%.200s\xE2\x80\xA6: %s", url, what ? what : "out of memory");
	else
		rc = cl_error_set(err, CL_ERR_IO, "%s: %s", url, what ? what : "out of memory");
	free(what);
	cl_net_request_clear(&req);
	return rc;
}
