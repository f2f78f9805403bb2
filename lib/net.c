/* net.c - fetching with the libcurl multi interface, under the network rules (net.h). */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>
#include "net.h"

/* A body we do not keep is still read this far, so that the connection can be reused. */
#define DISCARD_MAX (64 * 1024)
#define LOCATION_MAX 4096

struct cl_net_transfer {
	cl_net *net;
	cl_net_request *req;
	CURL *easy;
	char *url;                /* the hop being fetched */
	char host[256];           /* its host, for the per-host limit */
	char **seen;              /* the hops before it, for loops */
	size_t seen_len;
	int tries;                /* of this hop */
	long long not_before;     /* monotonic ms */
	long budget_ms;           /* time left to the request, hops, tries and the pauses between them
				   * included (not a wait for a free connection: that is no fault of the link) */
	long long started;
	/* what one try has seen */
	long status;
	char reason[64];
	char content_type[128];
	char location[LOCATION_MAX];
	bool location_long;
	char retry_after[64];
	int encodings;
	bool too_many_encodings, headers_too_big, headers_done;
	size_t header_bytes;
	int keep;                 /* the body: -1 undecided, 0 discarded, 1 kept */
	size_t discarded;
	bool capped;
	char refused[200];        /* the guard's reason, for the first address it refused */
};

typedef struct {
	char *host;
	int active;
} host_slot;

struct cl_net {
	CURLM *multi;
	cl_online_options opts;
	char user_agent[64];
	CL_ARRAY(cl_net_transfer *) queue;   /* waiting to start, in order */
	CL_ARRAY(cl_net_transfer *) running; /* started, in the multi handle */
	CL_ARRAY(host_slot) hosts;
	size_t active;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void curl_init(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

void cl_online_defaults(cl_online_options *out, const cl_online_options *in)
{
	*out = *in;
	if (!out->archive_api)
		out->archive_api = "https://archive.org/wayback/available";
	if (out->connect_timeout_ms <= 0)
		out->connect_timeout_ms = 10000;
	if (out->timeout_ms <= 0)
		out->timeout_ms = 30000;
	if (out->max_redirects <= 0)
		out->max_redirects = 10;
	if (out->retries == 0)
		out->retries = 2;
	else if (out->retries < 0)
		out->retries = 0;
	if (out->max_per_host <= 0)
		out->max_per_host = 2;
	if (out->max_total <= 0)
		out->max_total = 16;
	if (out->body_cap == 0)
		out->body_cap = (size_t)4 << 20;
	if (out->cache_ttl <= 0)
		out->cache_ttl = 86400;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the address guard ----------------------------------------------------- */

static const char *ipv4_class(uint32_t a)
{
	static const struct {
		uint32_t net;
		int bits;
		const char *what;
	} ranges[] = {
		{ 0x00000000, 32, "an unspecified address" },
		{ 0x00000000, 8, "a this-network address" },
		{ 0x0a000000, 8, "a private address" },
		{ 0x64400000, 10, "a shared (carrier-grade NAT) address" },
		{ 0x7f000000, 8, "a loopback address" },
		{ 0xa9fe0000, 16, "a link-local address" },
		{ 0xac100000, 12, "a private address" },
		{ 0xc0000000, 24, "a reserved address" },
		{ 0xc0000200, 24, "a documentation address" },
		{ 0xc0a80000, 16, "a private address" },
		{ 0xc6120000, 15, "a reserved address" },
		{ 0xc6336400, 24, "a documentation address" },
		{ 0xcb007100, 24, "a documentation address" },
		{ 0xe0000000, 4, "a multicast address" },
		{ 0xffffffff, 32, "the broadcast address" },
		{ 0xf0000000, 4, "a reserved address" },
	};
	size_t k;
	for (k = 0; k < sizeof(ranges) / sizeof(ranges[0]); k++) {
		uint32_t mask = ranges[k].bits == 32 ? 0xffffffffu : ~(0xffffffffu >> ranges[k].bits);
		if ((a & mask) == ranges[k].net)
			return ranges[k].what;
	}
	return NULL;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool all_zero(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

static const char *ipv6_class(const unsigned char *a)
{
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b };
	if (all_zero(a, 16))
		return "an unspecified address";
	if (all_zero(a, 15) && a[15] == 1)
		return "a loopback address";
	/* forms that carry an IPv4 address: the IPv4 rules apply to it */
	if (all_zero(a, 10) && a[10] == 0xff && a[11] == 0xff)   /* mapped ::ffff:a.b.c.d */
		return ipv4_class(be32(a + 12));
	if (all_zero(a, 12))                                      /* compatible ::a.b.c.d, ::2 too */
		return ipv4_class(be32(a + 12));
	if (all_zero(a, 8) && a[8] == 0xff && a[9] == 0xff && a[10] == 0 && a[11] == 0) /* translated */
		return ipv4_class(be32(a + 12));
	if (memcmp(a, nat64, 12) == 0)                            /* NAT64 64:ff9b::/96 */
		return ipv4_class(be32(a + 12));
	if (a[0] == 0 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b && a[4] == 0 && a[5] == 1)
		return "a private address";                       /* local NAT64 64:ff9b:1::/48 */
	if (a[0] == 0x20 && a[1] == 0x02)                         /* 6to4 2002:a.b.c.d::/48 */
		return ipv4_class(be32(a + 2));
	/* Teredo 2001::/32 tunnels to an IPv4 host it hides (XORed): no telling where it leads */
	if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0)
		return "a Teredo tunnel address";
	if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0x02 && a[4] == 0 && a[5] == 0)
		return "a reserved address";                      /* benchmarking 2001:2::/48 */
	if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8)
		return "a documentation address";                 /* 2001:db8::/32 */
	if (a[0] == 0x3f && a[1] == 0xff && (a[2] & 0xf0) == 0)
		return "a documentation address";                 /* 3fff::/20 */
	if (a[0] == 0x01 && all_zero(a + 1, 7))
		return "a discard-only address";                  /* 100::/64 */
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return "a link-local address";
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
		return "a site-local address";
	if ((a[0] & 0xfe) == 0xfc)
		return "a unique-local address";
	if (a[0] == 0xff)
		return "a multicast address";
	return NULL;
}

const char *cl_net_address_class(const struct sockaddr *addr, size_t len)
{
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, addr, len < sizeof(ss) ? len : sizeof(ss));
	if (ss.ss_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in in;
		memcpy(&in, &ss, sizeof(in));
		return ipv4_class(ntohl(in.sin_addr.s_addr));
	}
	if (ss.ss_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 in6;
		memcpy(&in6, &ss, sizeof(in6));
		return ipv6_class(in6.sin6_addr.s6_addr);
	}
	return "not an Internet address";
}

static void address_text(char *out, size_t size, const struct sockaddr *addr, size_t len)
{
	struct sockaddr_storage ss;
	const void *bytes = NULL;
	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, addr, len < sizeof(ss) ? len : sizeof(ss));
	if (ss.ss_family == AF_INET)
		bytes = &((struct sockaddr_in *)&ss)->sin_addr;
	else if (ss.ss_family == AF_INET6)
		bytes = &((struct sockaddr_in6 *)&ss)->sin6_addr;
	if (!bytes || !inet_ntop(ss.ss_family, bytes, out, (socklen_t)size))
		snprintf(out, size, "the address");
}

/* Called by libcurl for every connection it opens, after name resolution:
 * the one place every address passes, the hops of redirects included. */
static curl_socket_t open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
	cl_net_transfer *t = clientp;
	(void)purpose;
	if (!t->net->opts.allow_private) {
		const char *why = cl_net_address_class(&a->addr, a->addrlen);
		if (why) {
			if (!t->refused[0]) {
				char ip[INET6_ADDRSTRLEN + 1];
				address_text(ip, sizeof(ip), &a->addr, a->addrlen);
				snprintf(t->refused, sizeof(t->refused), "%s is %s", ip, why);
			}
			return CURL_SOCKET_BAD;
		}
	}
	return socket(a->family, a->socktype, a->protocol);
}

/* ---- what an answer says ----------------------------------------------------- */

long cl_net_retry_after(const char *value, time_t now)
{
	const char *p = value;
	long secs = 0;
	time_t when;
	while (*p == ' ' || *p == '\t')
		p++;
	if (isdigit((unsigned char)*p)) {
		while (isdigit((unsigned char)*p)) {
			if (secs < CL_NET_MAX_RETRY_WAIT)
				secs = secs * 10 + (*p - '0');
			p++;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p)
			return -1;
		return secs < CL_NET_MAX_RETRY_WAIT ? secs : CL_NET_MAX_RETRY_WAIT;
	}
	if (!*p || strlen(p) > 64)
		return -1;
	when = curl_getdate(p, NULL);
	if (when == (time_t)-1)
		return -1;
	if (when <= now)
		return 0;
	return when - now < CL_NET_MAX_RETRY_WAIT ? (long)(when - now) : CL_NET_MAX_RETRY_WAIT;
}

const char *cl_net_reason(long status)
{
	static const struct {
		long status;
		const char *reason;
	} reasons[] = {
		{ 200, "OK" }, { 203, "Non-Authoritative Information" }, { 204, "No Content" },
		{ 206, "Partial Content" }, { 300, "Multiple Choices" }, { 301, "Moved Permanently" },
		{ 302, "Found" }, { 303, "See Other" }, { 304, "Not Modified" }, { 307, "Temporary Redirect" },
		{ 308, "Permanent Redirect" }, { 400, "Bad Request" }, { 401, "Unauthorized" },
		{ 402, "Payment Required" }, { 403, "Forbidden" }, { 404, "Not Found" },
		{ 405, "Method Not Allowed" }, { 406, "Not Acceptable" }, { 407, "Proxy Authentication Required" },
		{ 408, "Request Timeout" }, { 409, "Conflict" }, { 410, "Gone" }, { 411, "Length Required" },
		{ 412, "Precondition Failed" }, { 413, "Content Too Large" }, { 414, "URI Too Long" },
		{ 415, "Unsupported Media Type" }, { 416, "Range Not Satisfiable" }, { 418, "I'm a teapot" },
		{ 421, "Misdirected Request" }, { 422, "Unprocessable Content" }, { 425, "Too Early" },
		{ 426, "Upgrade Required" }, { 428, "Precondition Required" }, { 429, "Too Many Requests" },
		{ 431, "Request Header Fields Too Large" }, { 451, "Unavailable For Legal Reasons" },
		{ 500, "Internal Server Error" }, { 501, "Not Implemented" }, { 502, "Bad Gateway" },
		{ 503, "Service Unavailable" }, { 504, "Gateway Timeout" }, { 505, "HTTP Version Not Supported" },
		{ 508, "Loop Detected" }, { 511, "Network Authentication Required" },
	};
	size_t k;
	for (k = 0; k < sizeof(reasons) / sizeof(reasons[0]); k++)
		if (reasons[k].status == status)
			return reasons[k].reason;
	return NULL;
}

/* ---- soft 404s ------------------------------------------------------------- */

/* Words a "not found" title is made of; any other word (a name, a topic)
 * means the title is about something and is left alone. */
static const char *const not_found_words[] = {
	"404", "410", "a", "an", "are", "available", "be", "been", "can", "can't", "cannot", "content",
	"could", "couldn't", "deleted", "document", "does", "doesn't", "error", "exist", "exists", "file",
	"find", "for", "found", "gone", "has", "here", "is", "isn't", "it", "item", "link", "longer", "looking",
	"moved", "no", "not", "of", "oh", "oops", "or", "page", "post", "removed", "requested", "resource",
	"sorry", "that", "the", "there", "this", "url", "was", "we", "we're", "were", "whoops", "you",
	"you're",
};

/* ... and the phrases one of which it must contain. */
static const char *const not_found_phrases[] = {
	"404", "410", "not found", "not be found", "does not exist", "doesn't exist", "no longer available",
	"no longer exists", "cannot be found", "can't be found", "couldn't be found", "can't find",
	"cannot find", "couldn't find", "could not find",
};

static bool known_word(const char *w)
{
	size_t k;
	for (k = 0; k < sizeof(not_found_words) / sizeof(not_found_words[0]); k++)
		if (strcmp(w, not_found_words[k]) == 0)
			return true;
	return false;
}

/* One part of a title, as lower-case words each followed by a space, with a
 * space before the first. */
static bool not_found_part(const char *words, int count)
{
	size_t k;
	if (count == 0 || count > 12)
		return false;
	for (k = 0; k < sizeof(not_found_phrases) / sizeof(not_found_phrases[0]); k++) {
		char phrase[40];
		snprintf(phrase, sizeof(phrase), " %s ", not_found_phrases[k]);
		if (strstr(words, phrase))
			return true;
	}
	return false;
}

/* The title in lower case with its parts (a site's name, a section) split
 * by '|': "Page not found – Example" -> "page not found | example". */
static size_t title_parts(char *out, size_t size, const char *s, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len && n + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		char put = ' ';
		if (isalnum(c) || c == '\'')
			put = (char)tolower(c);
		else if (c == '|' || (c == '-' && (i == 0 || s[i - 1] == ' ') && (i + 1 == len || s[i + 1] == ' ')))
			put = '|';
		else if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
			unsigned char d = (unsigned char)s[i + 2];
			put = d == 0x99 ? '\'' : d == 0x93 || d == 0x94 ? '|' : ' '; /* ’ – — */
			i += 2;
		} else if (c == 0xc2 && i + 1 < len) {
			unsigned char d = (unsigned char)s[i + 1];
			put = d == 0xb7 || d == 0xbb ? '|' : ' '; /* · » */
			i += 1;
		}
		out[n++] = put;
	}
	out[n] = '\0';
	return n;
}

bool cl_net_not_found_title(const char *text, size_t len)
{
	char parts[512], *part, *save = NULL;
	title_parts(parts, sizeof(parts), text, len);
	for (part = strtok_r(parts, "|", &save); part; part = strtok_r(NULL, "|", &save)) {
		char words[300], *w, *wsave = NULL;
		size_t n = 1;
		int count = 0;
		bool unknown = false;
		for (w = strtok_r(part, " ", &wsave); w && !unknown; w = strtok_r(NULL, " ", &wsave)) {
			size_t wl = strlen(w);
			unknown = !known_word(w) || n + wl + 2 > sizeof(words);
			if (!unknown) {
				memcpy(words + n, w, wl);
				n += wl;
				words[n++] = ' ';
				count++;
			}
		}
		words[0] = ' ';
		words[n] = '\0';
		if (!unknown && not_found_part(words, count))
			return true;
	}
	return false;
}

/* What an entity in a title stands for here: an apostrophe, a separator
 * between the parts of a title ('|'), or a space. */
static char entity_char(const char *name, size_t len)
{
	static const char *const apostrophes[] = { "#39", "#039", "#x27", "apos", "rsquo", "#8217" };
	static const char *const separators[] = { "ndash", "mdash", "#8211", "#8212", "#124", "middot", "raquo",
						  "#183", "#187", "vert" };
	size_t k;
	for (k = 0; k < sizeof(apostrophes) / sizeof(apostrophes[0]); k++)
		if (len == strlen(apostrophes[k]) && memcmp(name, apostrophes[k], len) == 0)
			return '\'';
	for (k = 0; k < sizeof(separators) / sizeof(separators[0]); k++)
		if (len == strlen(separators[k]) && memcmp(name, separators[k], len) == 0)
			return '|';
	return ' ';
}

/* The text of the first <tag>...</tag> of a page (tags inside it dropped,
 * entities read as a space or an apostrophe), into out. */
static bool element_text(const char *html, size_t len, const char *tag, char *out, size_t size)
{
	size_t tl = strlen(tag), i, n = 0;
	for (i = 0; i + tl + 1 < len; i++) {
		size_t j;
		bool in_tag = false;
		if (html[i] != '<' || strncasecmp(html + i + 1, tag, tl) != 0 ||
		    (html[i + 1 + tl] != '>' && !isspace((unsigned char)html[i + 1 + tl])))
			continue;
		for (j = i + 1 + tl; j < len && html[j] != '>'; j++)
			;
		for (j++; j < len && n + 1 < size; j++) {
			char c = html[j];
			if (c == '<' && j + 2 + tl < len && html[j + 1] == '/' && strncasecmp(html + j + 2, tag, tl) == 0)
				break;
			if (c == '<')
				in_tag = true;
			else if (c == '>' && in_tag)
				in_tag = false;
			else if (in_tag)
				continue;
			else if (c == '&') {
				size_t e = j + 1;
				while (e < len && e < j + 10 && html[e] != ';')
					e++;
				out[n++] = entity_char(html + j + 1, e - j - 1);
				if (e < len && html[e] == ';')
					j = e;
			} else
				out[n++] = isspace((unsigned char)c) ? ' ' : c;
		}
		out[n] = '\0';
		return true;
	}
	return false;
}

bool cl_net_soft404(const char *html, size_t len, char *what, size_t size)
{
	char text[512];
	const char *tags[] = { "title", "h1" };
	size_t k;
	for (k = 0; k < 2; k++)
		if (element_text(html, len, tags[k], text, sizeof(text)) && cl_net_not_found_title(text, strlen(text))) {
			const char *p = text;
			size_t n;
			while (*p == ' ')
				p++;
			n = strlen(p);
			while (n && p[n - 1] == ' ')
				n--;
			snprintf(what, size, "%.*s", (int)n, p);
			return true;
		}
	return false;
}

/* ---- one try ---------------------------------------------------------------- */

static void copy_value(char *out, size_t size, const char *v, size_t len, bool lower)
{
	size_t n = 0;
	while (len && (*v == ' ' || *v == '\t'))
		v++, len--;
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	for (; n < len && n + 1 < size; n++)
		out[n] = lower ? (char)tolower((unsigned char)v[n]) : v[n];
	out[n] = '\0';
}

static bool header_is(const char *line, size_t len, const char *name, const char **value, size_t *vlen)
{
	size_t nl = strlen(name);
	if (len <= nl || line[nl] != ':' || strncasecmp(line, name, nl) != 0)
		return false;
	*value = line + nl + 1;
	*vlen = len - nl - 1;
	return true;
}

static void parse_status(cl_net_transfer *t, const char *line, size_t len)
{
	size_t i = 5;
	long status = 0;
	int digits = 0;
	while (i < len && line[i] != ' ')
		i++;
	while (i < len && line[i] == ' ')
		i++;
	while (i < len && isdigit((unsigned char)line[i]) && digits < 3)
		status = status * 10 + (line[i++] - '0'), digits++;
	t->status = digits == 3 ? status : 0;
	t->reason[0] = t->content_type[0] = t->location[0] = t->retry_after[0] = '\0';
	t->location_long = false;
	t->encodings = 0;
	/* the reason phrase, printable ASCII only: it goes into messages */
	while (i < len && line[i] == ' ')
		i++;
	{
		size_t n = 0;
		for (; i < len && n + 1 < sizeof(t->reason); i++)
			if (line[i] >= 0x20 && line[i] < 0x7f)
				t->reason[n++] = line[i];
		t->reason[n] = '\0';
	}
}

static size_t on_header(char *data, size_t size, size_t count, void *payload)
{
	cl_net_transfer *t = payload;
	size_t total = size * count, len = total;
	const char *v;
	size_t vlen;
	t->header_bytes += total;
	if (t->header_bytes > CL_NET_MAX_HEADER_BYTES) {
		t->headers_too_big = true;
		return 0;
	}
	while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		parse_status(t, data, len);
		t->headers_done = false;
	} else if (len == 0) {
		/* an interim answer (100 Continue, 103) is followed by the real one */
		if (t->status >= 200)
			t->headers_done = true;
	} else if (header_is(data, len, "content-type", &v, &vlen)) {
		const char *semi = memchr(v, ';', vlen);
		copy_value(t->content_type, sizeof(t->content_type), v, semi ? (size_t)(semi - v) : vlen, true);
	} else if (header_is(data, len, "location", &v, &vlen)) {
		t->location_long = vlen >= sizeof(t->location);
		copy_value(t->location, sizeof(t->location), v, vlen, false);
	} else if (header_is(data, len, "retry-after", &v, &vlen)) {
		copy_value(t->retry_after, sizeof(t->retry_after), v, vlen, false);
	} else if (header_is(data, len, "content-encoding", &v, &vlen)) {
		/* count the codings ourselves: libcurl would decode a deep stack of them */
		size_t i = 0;
		while (i < vlen) {
			size_t b, e;
			while (i < vlen && (v[i] == ',' || v[i] == ' ' || v[i] == '\t'))
				i++;
			b = i;
			while (i < vlen && v[i] != ',')
				i++;
			e = i;
			while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\t'))
				e--;
			if (e > b && !(e - b == 8 && strncasecmp(v + b, "identity", 8) == 0))
				t->encodings++;
		}
		if (t->encodings > CL_NET_MAX_ENCODINGS) {
			t->too_many_encodings = true;
			return 0;
		}
	}
	return total;
}

static bool text_type(const char *type)
{
	return !*type || strcmp(type, "text/html") == 0 || strcmp(type, "application/xhtml+xml") == 0 ||
	       strcmp(type, "text/plain") == 0;
}

/* The cap is applied here, to decoded bytes: libcurl's own limit
 * (CURLOPT_MAXFILESIZE) sees neither unannounced nor decompressed sizes. */
static size_t on_body(char *data, size_t size, size_t count, void *payload)
{
	cl_net_transfer *t = payload;
	cl_net_request *req = t->req;
	size_t len = size * count, room;
	if (t->keep < 0)
		t->keep = !req->head && req->body_cap && t->status >= 200 && t->status < 300 &&
			  (req->any_type || text_type(t->content_type));
	if (!t->keep) {
		t->discarded += len;
		return t->discarded > DISCARD_MAX ? CURL_WRITEFUNC_ERROR : len;
	}
	room = req->body_cap - req->body.len;
	if (len > room) {
		if (room)
			cl_buf_put(&req->body, data, room);
		t->capped = true;
		return CURL_WRITEFUNC_ERROR;
	}
	if (cl_buf_put(&req->body, data, len) != CL_OK) {
		t->capped = true;
		return CURL_WRITEFUNC_ERROR;
	}
	return len;
}

static bool host_of(const char *url, char *host, size_t size)
{
	CURLU *u = curl_url();
	char *h = NULL;
	bool ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
		  curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && strlen(h) < size;
	if (ok)
		copy_value(host, size, h, strlen(h), true);
	curl_free(h);
	curl_url_cleanup(u);
	return ok;
}

static host_slot *host_find(cl_net *net, const char *host)
{
	size_t k;
	for (k = 0; k < net->hosts.len; k++)
		if (strcmp(net->hosts.items[k].host, host) == 0)
			return &net->hosts.items[k];
	return NULL;
}

static void finish(cl_net *net, cl_net_transfer *t, cl_net_outcome outcome);

#define SET(opt, val) (rc = rc != CURLE_OK ? rc : curl_easy_setopt(e, opt, val))

static bool start_try(cl_net *net, cl_net_transfer *t, long long now)
{
	cl_net_request *req = t->req;
	const cl_online_options *o = &net->opts;
	CURLcode rc = CURLE_OK;
	host_slot *slot;
	CURL *e;
	if (t->budget_ms <= 0) {
		snprintf(req->detail, sizeof(req->detail), "no answer within %ld s", (o->timeout_ms + 500) / 1000);
		req->out_of_time = true;
		finish(net, t, CL_NET_TIMEOUT);
		return false;
	}
	e = curl_easy_init();
	if (!e) {
		snprintf(req->detail, sizeof(req->detail), "libcurl could not start a request");
		finish(net, t, CL_NET_FAILED);
		return false;
	}
	t->status = 0;
	t->reason[0] = t->content_type[0] = t->location[0] = t->retry_after[0] = t->refused[0] = '\0';
	t->location_long = t->too_many_encodings = t->headers_too_big = t->headers_done = t->capped = false;
	t->encodings = 0;
	t->header_bytes = t->discarded = 0;
	t->keep = -1;
	cl_buf_free(&req->body);
	req->body.max = req->body_cap ? req->body_cap : 1;
	SET(CURLOPT_URL, t->url);
	SET(CURLOPT_PRIVATE, t);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 0L); /* followed here, hop by hop, to see the chain */
	SET(CURLOPT_PROXY, "");
	SET(CURLOPT_NOPROXY, "*");
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_USERAGENT, net->user_agent);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_NOBODY, req->head ? 1L : 0L);
	SET(CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, t->budget_ms);
	SET(CURLOPT_LOW_SPEED_LIMIT, (long)CL_NET_LOW_SPEED_LIMIT);
	SET(CURLOPT_LOW_SPEED_TIME, (long)CL_NET_LOW_SPEED_TIME);
	SET(CURLOPT_OPENSOCKETFUNCTION, open_socket);
	SET(CURLOPT_OPENSOCKETDATA, t);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, t);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, t);
	if (rc == CURLE_OK && CL_ARRAY_PUSH(net->running, t))
		rc = CURLE_OUT_OF_MEMORY;
	if (rc != CURLE_OK || curl_multi_add_handle(net->multi, e) != CURLM_OK) {
		if (rc == CURLE_OK)
			net->running.len--;
		/* never run without the guard and the protocol limits */
		snprintf(req->detail, sizeof(req->detail), "libcurl refused a setting: %s", curl_easy_strerror(rc));
		curl_easy_cleanup(e);
		finish(net, t, CL_NET_FAILED);
		return false;
	}
	t->easy = e;
	t->started = now;
	slot = host_find(net, t->host);
	if (slot)
		slot->active++;
	net->active++;
	return true;
}

#undef SET

static void end_try(cl_net *net, cl_net_transfer *t)
{
	host_slot *slot = host_find(net, t->host);
	size_t k;
	for (k = 0; k < net->running.len; k++)
		if (net->running.items[k] == t) {
			net->running.items[k] = net->running.items[--net->running.len];
			break;
		}
	curl_multi_remove_handle(net->multi, t->easy);
	curl_easy_cleanup(t->easy);
	t->easy = NULL;
	if (slot)
		slot->active--;
	net->active--;
	t->req->tries = t->tries;
	t->req->elapsed_ms = (long)(now_ms() - t->started);
	t->budget_ms -= t->req->elapsed_ms;
}

static void free_transfer(cl_net_transfer *t)
{
	size_t k;
	if (t->easy)
		curl_easy_cleanup(t->easy);
	for (k = 0; k < t->seen_len; k++)
		free(t->seen[k]);
	free(t->seen);
	free(t->url);
	free(t);
}

/* Hands the outcome to the request's owner and forgets the transfer. */
static void finish(cl_net *net, cl_net_transfer *t, cl_net_outcome outcome)
{
	cl_net_request *req = t->req;
	(void)net;
	req->outcome = outcome;
	req->tries = t->tries;
	if (!req->final_url)
		req->final_url = strdup(t->url);
	req->transfer = NULL;
	free_transfer(t);
	if (req->done)
		req->done(req, req->payload);
}

static int enqueue(cl_net *net, cl_net_transfer *t, long long not_before)
{
	t->not_before = not_before;
	return CL_ARRAY_PUSH(net->queue, t) ? CL_ERR_NOMEM : CL_OK;
}

/* Asks again after wait_ms, when a try is left and the time of the request
 * (retries included) allows it; false when it does not. */
static bool retry(cl_net *net, cl_net_transfer *t, long wait_ms)
{
	if (t->tries > net->opts.retries || wait_ms >= t->budget_ms)
		return false;
	t->tries++;
	t->budget_ms -= wait_ms;
	if (enqueue(net, t, now_ms() + wait_ms) != CL_OK) {
		snprintf(t->req->detail, sizeof(t->req->detail), "out of memory");
		finish(net, t, CL_NET_FAILED);
	}
	return true;
}

static long backoff_ms(const cl_net_transfer *t)
{
	long ms = CL_NET_BACKOFF_MS;
	int k;
	for (k = 1; k < t->tries && ms < CL_NET_MAX_RETRY_WAIT * 1000L; k++)
		ms *= 2;
	return ms < CL_NET_MAX_RETRY_WAIT * 1000L ? ms : CL_NET_MAX_RETRY_WAIT * 1000L;
}

/* Where a Location leads from `base`; NULL when it cannot be read. */
static char *resolve(const char *base, const char *location)
{
	CURLU *u = curl_url();
	char *got = NULL, *out = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, location, CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &got, 0) == CURLUE_OK && strlen(got) < CL_NET_MAX_URL)
		out = strdup(got);
	curl_free(got);
	curl_url_cleanup(u);
	return out;
}

static bool web_scheme(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0;
}

static void printable(char *out, size_t size, const char *s)
{
	size_t n = 0;
	for (; *s && n + 4 < size; s++)
		out[n++] = (unsigned char)*s > 0x20 && (unsigned char)*s < 0x7f ? *s : '?';
	if (*s)
		out[n++] = '.', out[n++] = '.', out[n++] = '.';
	out[n] = '\0';
}

static void follow(cl_net *net, cl_net_transfer *t)
{
	cl_net_request *req = t->req;
	char *next = t->location_long ? NULL : resolve(t->url, t->location);
	char **seen;
	size_t k = 0;
	while (isalpha((unsigned char)t->location[k]) ||
	       (k && (isdigit((unsigned char)t->location[k]) || strchr("+.-", t->location[k]))))
		k++;
	if (!next && k && t->location[k] == ':' && !(k == 4 && strncasecmp(t->location, "http", 4) == 0) &&
	    !(k == 5 && strncasecmp(t->location, "https", 5) == 0)) {
		/* javascript:, data: and the like, which the URL parser does not take */
		char shown[120];
		printable(shown, sizeof(shown), t->location);
		req->final_url = strdup(shown);
		finish(net, t, CL_NET_BAD_REDIRECT);
		return;
	}
	if (!next && t->location_long) {
		snprintf(req->detail, sizeof(req->detail), "it redirects to an address longer than %d bytes",
			 LOCATION_MAX - 1);
		finish(net, t, CL_NET_BAD_REDIRECT);
		return;
	}
	if (!next) {
		char shown[120];
		printable(shown, sizeof(shown), t->location);
		snprintf(req->detail, sizeof(req->detail), "it redirects to an address that cannot be read (%s)",
			 shown);
		finish(net, t, CL_NET_BAD_REDIRECT);
		return;
	}
	if (!web_scheme(next)) {
		req->final_url = next;
		finish(net, t, CL_NET_BAD_REDIRECT);
		return;
	}
	for (k = 0; k <= t->seen_len; k++)
		if (strcmp(k < t->seen_len ? t->seen[k] : t->url, next) == 0) {
			req->final_url = next;
			finish(net, t, CL_NET_REDIRECT_LOOP);
			return;
		}
	if (req->redirects >= net->opts.max_redirects) {
		free(next);
		finish(net, t, CL_NET_TOO_MANY_REDIRECTS);
		return;
	}
	seen = realloc(t->seen, (t->seen_len + 1) * sizeof(*seen));
	if (!seen) {
		free(next);
		snprintf(req->detail, sizeof(req->detail), "out of memory");
		finish(net, t, CL_NET_FAILED);
		return;
	}
	t->seen = seen;
	t->seen[t->seen_len++] = t->url;
	t->url = next;
	req->redirects++;
	req->permanent = req->permanent && (t->status == 301 || t->status == 308);
	t->tries = 1;
	if (!host_of(t->url, t->host, sizeof(t->host))) {
		snprintf(req->detail, sizeof(req->detail), "it redirects to an address without a host");
		finish(net, t, CL_NET_BAD_REDIRECT);
		return;
	}
	if (enqueue(net, t, now_ms()) != CL_OK) {
		snprintf(req->detail, sizeof(req->detail), "out of memory");
		finish(net, t, CL_NET_FAILED);
	}
}

static bool retry_status(const cl_net_request *req, long status)
{
	/* a HEAD that fails on the server is asked again with GET by the caller */
	return status == 429 || (!req->head && status >= 500 && status <= 599 && status != 501 && status != 505);
}

static cl_net_outcome failure_of(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		return CL_NET_DNS;
	case CURLE_COULDNT_CONNECT:
		return CL_NET_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return CL_NET_TIMEOUT;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
		return CL_NET_RESET;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return CL_NET_TLS;
	default:
		return CL_NET_FAILED;
	}
}

static void try_done(cl_net *net, cl_net_transfer *t, CURLcode rc)
{
	cl_net_request *req = t->req;
	cl_net_outcome failure;
	end_try(net, t);
	/* an answer, even when its encodings were refused before its headers ended */
	if ((t->headers_done || t->too_many_encodings) && t->status && !t->headers_too_big) {
		long status = t->status;
		req->status = status;
		snprintf(req->reason, sizeof(req->reason), "%s",
			 cl_net_reason(status) ? cl_net_reason(status) : t->reason);
		if (status >= 300 && status < 400 && status != 304 && (t->location[0] || t->location_long)) {
			follow(net, t);
			return;
		}
		if (retry_status(req, status)) {
			long wait = t->retry_after[0] ? cl_net_retry_after(t->retry_after, time(NULL)) : -1;
			if (retry(net, t, wait >= 0 ? wait * 1000 : backoff_ms(t)))
				return;
		}
		snprintf(req->content_type, sizeof(req->content_type), "%s", t->content_type);
		req->truncated = t->capped || (rc != CURLE_OK && t->keep == 1);
		if (t->too_many_encodings)
			snprintf(req->detail, sizeof(req->detail), "it stacks more than %d content encodings",
				 CL_NET_MAX_ENCODINGS);
		else if (rc == CURLE_BAD_CONTENT_ENCODING)
			snprintf(req->detail, sizeof(req->detail), "its compressed content is broken");
		req->final_url = strdup(t->url);
		finish(net, t, CL_NET_ANSWERED);
		return;
	}
	if (t->refused[0] && rc == CURLE_COULDNT_CONNECT) {
		snprintf(req->detail, sizeof(req->detail), "%s", t->refused);
		finish(net, t, CL_NET_REFUSED);
		return;
	}
	if (t->headers_too_big) {
		snprintf(req->detail, sizeof(req->detail), "the server sent more than %d KiB of headers",
			 CL_NET_MAX_HEADER_BYTES / 1024);
		finish(net, t, CL_NET_FAILED);
		return;
	}
	failure = failure_of(rc);
	if (failure == CL_NET_TIMEOUT && t->budget_ms <= 100) { /* the request's whole time */
		snprintf(req->detail, sizeof(req->detail), "no answer within %ld s",
			 (net->opts.timeout_ms + 500) / 1000);
		req->out_of_time = true;
	}
	else if (failure == CL_NET_TIMEOUT) /* the connect timeout, or too slow */
		snprintf(req->detail, sizeof(req->detail), "no answer within %ld s", (req->elapsed_ms + 500) / 1000);
	else if (rc == CURLE_WEIRD_SERVER_REPLY || rc == CURLE_UNSUPPORTED_PROTOCOL)
		snprintf(req->detail, sizeof(req->detail), "the server's answer is not HTTP");
	else
		snprintf(req->detail, sizeof(req->detail), "%s", curl_easy_strerror(rc));
	if ((failure == CL_NET_CONNECT || failure == CL_NET_RESET || failure == CL_NET_TIMEOUT) &&
	    retry(net, t, backoff_ms(t)))
		return;
	finish(net, t, failure);
}

/* ---- the fetcher -------------------------------------------------------------- */

int cl_net_new(cl_net **out, const cl_online_options *opts, cl_error *err)
{
	cl_net *net;
	*out = NULL;
	pthread_once(&curl_once, curl_init);
	if (curl_init_rc != CURLE_OK)
		return cl_error_set(err, CL_ERR_IO, "libcurl could not start: %s", curl_easy_strerror(curl_init_rc));
	net = calloc(1, sizeof(*net));
	if (!net)
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	cl_online_defaults(&net->opts, opts);
	snprintf(net->user_agent, sizeof(net->user_agent), "chronolint/" CL_VERSION);
	net->multi = curl_multi_init();
	if (!net->multi) {
		free(net);
		return cl_error_set(err, CL_ERR_NOMEM, "libcurl could not start");
	}
	/* our own limits decide what starts; these only back them up */
	curl_multi_setopt(net->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)net->opts.max_per_host);
	curl_multi_setopt(net->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)net->opts.max_total);
	*out = net;
	return CL_OK;
}

static void reset_outputs(cl_net_request *req)
{
	cl_net_request_clear(req);
	req->outcome = CL_NET_FAILED;
	req->status = 0;
	req->reason[0] = req->content_type[0] = req->detail[0] = '\0';
	req->redirects = 0;
	req->permanent = true;
	req->truncated = false;
	req->tries = 0;
	req->out_of_time = false;
	req->elapsed_ms = 0;
}

int cl_net_queue(cl_net *net, cl_net_request *req, long delay_ms)
{
	cl_net_transfer *t = calloc(1, sizeof(*t));
	reset_outputs(req);
	if (!t)
		return CL_ERR_NOMEM;
	t->net = net;
	t->req = req;
	t->tries = 1;
	t->budget_ms = net->opts.timeout_ms;
	t->url = strdup(req->url);
	if (!t->url || enqueue(net, t, now_ms() + (delay_ms > 0 ? delay_ms : 0)) != CL_OK) {
		free(t->url);
		free(t);
		return CL_ERR_NOMEM;
	}
	req->transfer = t;
	/* refused when it would start, with what is wrong */
	if (strlen(req->url) >= CL_NET_MAX_URL) {
		t->host[0] = '\0';
		snprintf(req->detail, sizeof(req->detail), "the address is longer than %d bytes", CL_NET_MAX_URL - 1);
	} else if (!web_scheme(req->url) || !host_of(req->url, t->host, sizeof(t->host))) {
		t->host[0] = '\0';
	}
	return CL_OK;
}

/* Starts what may start now; returns the ms until something waiting may. */
static long start_ready(cl_net *net)
{
	long long now = now_ms(), next = now + 1000;
	size_t k = 0;
	while (k < net->queue.len) {
		cl_net_transfer *t = net->queue.items[k];
		host_slot *slot;
		if (t->not_before > now) {
			if (t->not_before < next)
				next = t->not_before;
			k++;
			continue;
		}
		if (net->active >= (size_t)net->opts.max_total)
			break;
		if (!t->host[0]) {
			memmove(net->queue.items + k, net->queue.items + k + 1,
				(net->queue.len - k - 1) * sizeof(*net->queue.items));
			net->queue.len--;
			if (!t->req->detail[0])
				snprintf(t->req->detail, sizeof(t->req->detail), "not an http or https address with a host");
			finish(net, t, CL_NET_FAILED);
			continue;
		}
		slot = host_find(net, t->host);
		if (!slot) {
			host_slot s = { strdup(t->host), 0 };
			if (!s.host || CL_ARRAY_PUSH(net->hosts, s)) {
				free(s.host);
				break; /* out of memory: try again later */
			}
			slot = &net->hosts.items[net->hosts.len - 1];
		}
		if (slot->active >= net->opts.max_per_host) {
			k++;
			continue;
		}
		memmove(net->queue.items + k, net->queue.items + k + 1,
			(net->queue.len - k - 1) * sizeof(*net->queue.items));
		net->queue.len--;
		start_try(net, t, now);
	}
	return next > now ? (long)(next - now) : 0;
}

int cl_net_run(cl_net *net, cl_error *err)
{
	for (;;) {
		int running = 0, left = 0, finished = 0;
		long wait = start_ready(net);
		CURLMsg *msg;
		CURLMcode mc;
		if (!net->queue.len && !net->active)
			return CL_OK;
		mc = curl_multi_perform(net->multi, &running);
		if (mc != CURLM_OK)
			return cl_error_set(err, CL_ERR_IO, "libcurl: %s", curl_multi_strerror(mc));
		while ((msg = curl_multi_info_read(net->multi, &left))) {
			cl_net_transfer *t = NULL;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			if (t) {
				try_done(net, t, msg->data.result);
				finished++;
			}
		}
		if (finished)
			continue; /* a slot is free, or a hop or a retry is queued: look again first */
		mc = curl_multi_poll(net->multi, NULL, 0, (int)wait, NULL);
		if (mc != CURLM_OK)
			return cl_error_set(err, CL_ERR_IO, "libcurl: %s", curl_multi_strerror(mc));
	}
}

void cl_net_request_clear(cl_net_request *req)
{
	free(req->final_url);
	req->final_url = NULL;
	cl_buf_free(&req->body);
}

void cl_net_free(cl_net *net)
{
	size_t k;
	if (!net)
		return;
	for (k = 0; k < net->queue.len; k++) {
		net->queue.items[k]->req->transfer = NULL;
		free_transfer(net->queue.items[k]);
	}
	free(net->queue.items);
	/* transfers still running when a run failed */
	for (k = 0; k < net->running.len; k++) {
		cl_net_transfer *t = net->running.items[k];
		curl_multi_remove_handle(net->multi, t->easy);
		t->req->transfer = NULL;
		free_transfer(t);
	}
	free(net->running.items);
	for (k = 0; k < net->hosts.len; k++)
		free(net->hosts.items[k].host);
	free(net->hosts.items);
	curl_multi_cleanup(net->multi);
	free(net);
}
