/* Unit tests for net.c and the link cache of linkcheck.c: the address guard,
 * Retry-After, soft 404 titles, the cache. The fetching itself is tested
 * against a local server by tests/online.sh. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "helpers.h"
#include "internal.h"
#include "net.h"

/* The guard's answer for an address written as text. */
static const char *classify(const char *ip)
{
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
	memset(&in, 0, sizeof(in));
	memset(&in6, 0, sizeof(in6));
	if (inet_pton(AF_INET, ip, &in.sin_addr) == 1) {
		in.sin_family = AF_INET;
		return cl_net_address_class((const struct sockaddr *)&in, sizeof(in));
	}
	if (inet_pton(AF_INET6, ip, &in6.sin6_addr) == 1) {
		in6.sin6_family = AF_INET6;
		return cl_net_address_class((const struct sockaddr *)&in6, sizeof(in6));
	}
	fail_msg("not an address: %s", ip);
	return NULL;
}

static void expect_class(const char *ip, const char *what)
{
	const char *got = classify(ip);
	if (!got || !strstr(got, what))
		fail_msg("%s: expected %s, got %s", ip, what, got ? got : "(public)");
}

static void test_ipv4_refused(void **state)
{
	(void)state;
	expect_class("127.0.0.1", "loopback");
	expect_class("127.255.255.254", "loopback");
	expect_class("0.0.0.0", "unspecified");
	expect_class("0.1.2.3", "this-network");
	expect_class("0.0.0.2", "this-network");
	expect_class("192.0.2.1", "documentation");
	expect_class("198.51.100.7", "documentation");
	expect_class("203.0.113.255", "documentation");
	expect_class("10.0.0.1", "private");
	expect_class("10.255.255.255", "private");
	expect_class("172.16.0.1", "private");
	expect_class("172.31.255.255", "private");
	expect_class("192.168.1.1", "private");
	expect_class("100.64.0.1", "shared");
	expect_class("100.127.255.255", "shared");
	expect_class("169.254.0.1", "link-local");
	expect_class("169.254.169.254", "link-local");
	expect_class("224.0.0.1", "multicast");
	expect_class("239.255.255.250", "multicast");
	expect_class("255.255.255.255", "broadcast");
	expect_class("240.0.0.1", "reserved");
	expect_class("198.18.0.1", "reserved");
}

static void test_ipv6_refused(void **state)
{
	(void)state;
	expect_class("::1", "loopback");
	expect_class("::", "unspecified");
	expect_class("fe80::1", "link-local");
	expect_class("febf:ffff::1", "link-local");
	expect_class("fec0::1", "site-local");
	expect_class("fc00::1", "unique-local");
	expect_class("fd12:3456:789a::1", "unique-local");
	expect_class("ff02::1", "multicast");
	/* IPv4 inside IPv6: mapped, compatible, translated, NAT64, 6to4 */
	expect_class("::ffff:127.0.0.1", "loopback");
	expect_class("::ffff:10.1.2.3", "private");
	expect_class("::ffff:169.254.169.254", "link-local");
	expect_class("::ffff:192.168.0.1", "private");
	expect_class("::ffff:0.0.0.0", "unspecified");
	expect_class("::127.0.0.1", "loopback");
	expect_class("::10.0.0.1", "private");
	expect_class("::ffff:0:127.0.0.1", "loopback");
	expect_class("64:ff9b::7f00:1", "loopback");
	expect_class("64:ff9b::a9fe:a9fe", "link-local");
	expect_class("64:ff9b:1::1", "private");
	expect_class("2002:7f00:1::", "loopback");
	expect_class("2002:c0a8:101::1", "private");
}

/* IPv4-compatible addresses (::/96, deprecated) are judged by the IPv4
 * address they end in: ::2 is 0.0.0.2, which is on "this network". */
static void test_ipv6_compatible(void **state)
{
	(void)state;
	expect_class("::2", "this-network");
	expect_class("::0.1.2.3", "this-network");
	expect_class("::ff:ffff", "this-network");
	expect_class("::127.0.0.1", "loopback");
	expect_class("::7f00:2", "loopback");
	expect_class("::10.0.0.1", "private");
	expect_class("::169.254.169.254", "link-local");
	expect_class("::192.168.1.1", "private");
	expect_class("::224.0.0.1", "multicast");
	expect_class("::255.255.255.255", "broadcast");
	/* the two that are not IPv4 keep their own meaning */
	expect_class("::", "unspecified");
	expect_class("::1", "loopback");
	expect_class("0:0:0:0:0:0:0:1", "loopback");
	/* the IPv4 address decides: a public one passes */
	assert_null(classify("::8.8.8.8"));
	assert_null(classify("::1.0.0.1"));
}

/* The special IPv6 ranges: each refused, and its nearest neighbours outside it passing. */
static void test_ipv6_special_ranges(void **state)
{
	static const char *const outside[] = {
		"2001:1::1", "2001:3::1", "2001:db7:ffff::1", "2001:db9::1", "3ffe:ffff::1",
		"3fff:1000::1", "100:0:0:1::1", "2003::1", "2001:4860::1", "64:ff9b::8.8.4.4",
		"2002:5db8:d822::1", "fbff:ffff::1",
	};
	size_t k;
	(void)state;
	/* IPv4-mapped, translated, NAT64 and 6to4 take their IPv4 address's class */
	expect_class("::ffff:0.0.0.2", "this-network");
	expect_class("::ffff:192.0.2.1", "documentation");
	expect_class("::ffff:0:10.0.0.1", "private");
	expect_class("64:ff9b::10.0.0.1", "private");
	expect_class("64:ff9b::0.0.0.2", "this-network");
	expect_class("64:ff9b::c0a8:101", "private");
	expect_class("2002:a00:1::1", "private");
	expect_class("2002:a9fe:a9fe::1", "link-local");
	expect_class("2002:0:2::", "this-network");
	/* Teredo: the IPv4 host behind it is hidden */
	expect_class("2001::1", "Teredo");
	expect_class("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo");
	expect_class("2001:0:ffff:ffff:ffff:ffff:ffff:ffff", "Teredo");
	expect_class("fec0::1", "site-local");
	expect_class("feff:ffff::1", "site-local");
	expect_class("ff00::1", "multicast");
	expect_class("ff05::1:3", "multicast");
	expect_class("2001:db8::1", "documentation");
	expect_class("2001:db8:ffff:ffff::1", "documentation");
	expect_class("3fff::1", "documentation");
	expect_class("3fff:fff::1", "documentation");
	expect_class("100::", "discard-only");
	expect_class("100::ffff:ffff:ffff:ffff", "discard-only");
	expect_class("2001:2::1", "reserved");
	for (k = 0; k < sizeof(outside) / sizeof(outside[0]); k++) {
		const char *got = classify(outside[k]);
		if (got)
			fail_msg("%s should pass, got %s", outside[k], got);
	}
}

static void test_public_pass(void **state)
{
	static const char *const public[] = {
		"8.8.8.8", "1.1.1.1", "93.184.216.34", "11.0.0.1", "9.255.255.255", "172.15.255.255",
		"172.32.0.1", "192.169.0.1", "192.167.255.255", "100.63.255.255", "100.128.0.1",
		"169.253.255.255", "169.255.0.1", "126.255.255.255", "128.0.0.1", "223.255.255.255",
		"2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001::1", "::ffff:8.8.8.8",
		"64:ff9b::808:808", "2002:808:808::1", "fbff::1", "fe7f::1",
	};
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(public) / sizeof(public[0]); k++) {
		const char *got = classify(public[k]);
		if (got)
			fail_msg("%s should pass, got %s", public[k], got);
	}
}

static void test_other_families_refused(void **state)
{
	struct sockaddr_un un;
	struct sockaddr_in in;
	(void)state;
	memset(&un, 0, sizeof(un));
	un.sun_family = AF_UNIX;
	assert_non_null(cl_net_address_class((const struct sockaddr *)&un, sizeof(un)));
	/* a truncated IPv4 address is not taken for a public one */
	memset(&in, 0, sizeof(in));
	in.sin_family = AF_INET;
	assert_non_null(cl_net_address_class((const struct sockaddr *)&in, 4));
}

static void test_retry_after(void **state)
{
	/* 784111777 is Sun, 06 Nov 1994 08:49:37 GMT */
	const time_t now = 784111777;
	(void)state;
	assert_int_equal(cl_net_retry_after("1", now), 1);
	assert_int_equal(cl_net_retry_after(" 5 ", now), 5);
	assert_int_equal(cl_net_retry_after("0", now), 0);
	assert_int_equal(cl_net_retry_after("120", now), CL_NET_MAX_RETRY_WAIT);
	assert_int_equal(cl_net_retry_after("99999999999999999999999", now), CL_NET_MAX_RETRY_WAIT);
	assert_int_equal(cl_net_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now), 10);
	assert_int_equal(cl_net_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now), 10);
	assert_int_equal(cl_net_retry_after("Sun Nov  6 08:49:47 1994", now), 10);
	assert_int_equal(cl_net_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), 0);
	assert_int_equal(cl_net_retry_after("Mon, 07 Nov 1994 08:49:37 GMT", now), CL_NET_MAX_RETRY_WAIT);
	assert_int_equal(cl_net_retry_after("", now), -1);
	assert_int_equal(cl_net_retry_after("soon", now), -1);
	assert_int_equal(cl_net_retry_after("1.5", now), -1);
	assert_int_equal(cl_net_retry_after("-1", now), -1);
	assert_int_equal(cl_net_retry_after("5 seconds", now), -1);
}

static bool title_says_not_found(const char *title)
{
	return cl_net_not_found_title(title, strlen(title));
}

static void test_not_found_titles(void **state)
{
	static const char *const yes[] = {
		"404", "404 Not Found", "Error 404", "Not Found", "Page not found",
		"Page Not Found | Example History Archive", "Example Site \xe2\x80\x93 Page not found",
		"404 - Page not found - The Archive", "Error 404: Page not found", "410 Gone",
		"Sorry, the page you requested could not be found", "This page does not exist",
		"Oops! That page can\xe2\x80\x99t be found.", "This page doesn't exist",
		"The page you are looking for is no longer available", "File not found",
		"We can't find that page", "  page   NOT   found  ",
	};
	static const char *const no[] = {
		"", "Welcome", "Error", "Page", "The year 404", "Events of 410 AD", "Amelia Earhart's plane not found",
		"Not found: the lost army of Cambyses", "The night of the pact",
		"Why the treaty does not exist in Soviet archives", "Gone with the Wind",
		"Lost and not found - a history of missing persons",
		"404 Squadron RAF", "Page 404 of the minutes",
	};
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(yes) / sizeof(yes[0]); k++)
		if (!title_says_not_found(yes[k]))
			fail_msg("should say not found: \"%s\"", yes[k]);
	for (k = 0; k < sizeof(no) / sizeof(no[0]); k++)
		if (title_says_not_found(no[k]))
			fail_msg("should not say not found: \"%s\"", no[k]);
}

static bool page_is_soft404(const char *html)
{
	char what[200];
	return cl_net_soft404(html, strlen(html), what, sizeof(what));
}

static void test_soft404_pages(void **state)
{
	char what[200];
	const char *page = "<html><head><TITLE>Page not found &#8211; Archive</TITLE></head><body></body></html>";
	(void)state;
	assert_true(cl_net_soft404(page, strlen(page), what, sizeof(what)));
	assert_string_equal(what, "Page not found | Archive");
	assert_true(page_is_soft404("<html><head><title>Example</title></head><body>"
				    "<h1 class=\"big\">Oops! That page can&rsquo;t be found.</h1></body></html>"));
	assert_true(page_is_soft404("<title>\n  404\n</title>"));
	assert_false(page_is_soft404("<html><head><title>The night of the pact</title></head>"
				     "<body><h1>The night of the pact</h1><p>404 not found</p></body></html>"));
	assert_false(page_is_soft404("<p>Page not found</p>"));
	assert_false(page_is_soft404("<title>Not</title><titled>found</titled>"));
	assert_false(page_is_soft404(""));
	/* an unclosed title at the end of what was read */
	assert_true(page_is_soft404("<title>Page not found"));
	assert_false(page_is_soft404("<title"));
}

static void test_retry_after_spacing(void **state)
{
	const time_t now = 784111777; /* Sun, 06 Nov 1994 08:49:37 GMT */
	char long_date[100];
	(void)state;
	assert_int_equal(cl_net_retry_after("\t5\t", now), 5);
	assert_int_equal(cl_net_retry_after(" \tSun, 06 Nov 1994 08:49:47 GMT", now), 10);
	/* longer than any HTTP date: not read as one */
	snprintf(long_date, sizeof(long_date), "Sun, 06 Nov 1994 08:49:47 GMT%60s", "x");
	assert_int_equal(cl_net_retry_after(long_date, now), -1);
}

/* The separators between a title's parts: spaced hyphens, dashes, middle dots, guillemets. */
static void test_not_found_title_separators(void **state)
{
	static const char *const yes[] = {
		"Page not found - Example Archive", "- Page not found", "Page not found -",
		"Error 404 \xe2\x80\x94 Archive", "Not found \xc2\xb7 Archive", "Archive \xc2\xbb Page not found",
		"We can\xe2\x80\x99t find that page",
	};
	static const char *const no[] = {
		/* a hyphen inside a word, a guillemet that does not separate, too many words */
		"Self-service not found", "Not found \xc2\xab Archive", "Page not found\xe2\x80\xa6 Archive",
		"Sorry we could not find the page you were looking for it is not here or there",
	};
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(yes) / sizeof(yes[0]); k++)
		if (!title_says_not_found(yes[k]))
			fail_msg("should say not found: \"%s\"", yes[k]);
	for (k = 0; k < sizeof(no) / sizeof(no[0]); k++)
		if (title_says_not_found(no[k]))
			fail_msg("should not say not found: \"%s\"", no[k]);
}

/* The words of a title or heading: tags inside it dropped, entities read as separators or spaces. */
static void test_soft404_element_text(void **state)
{
	char what[200];
	const char *nested = "<title>Page <b>not</b> found</title>";
	const char *entities = "<title>Page&nbsp;not&nbsp;found&ndash;Archive</title>";
	const char *unended = "<title>Page not found &amp Archive</title>";
	const char *capitals = "<TITLE>Not Found</TITLE> Archive";
	(void)state;
	assert_true(cl_net_soft404(nested, strlen(nested), what, sizeof(what)));
	assert_string_equal(what, "Page not found");
	assert_true(cl_net_soft404(entities, strlen(entities), what, sizeof(what)));
	assert_string_equal(what, "Page not found|Archive");
	/* an entity without its ';' is a space and the name after '&' stays: "amp" is not a word of a missing page */
	assert_false(cl_net_soft404(unended, strlen(unended), what, sizeof(what)));
	/* another element whose name begins like the one looked for */
	assert_false(page_is_soft404("<h1x>Page not found</h1x><h1>Annual report</h1>"));
	assert_true(page_is_soft404("<titles>x</titles><h1\n>Page not found</h1>"));
	/* a closing tag with the name in capitals ends the element */
	assert_true(cl_net_soft404(capitals, strlen(capitals), what, sizeof(what)));
	assert_string_equal(what, "Not Found");
}

static void test_reason_and_defaults(void **state)
{
	cl_online_options in = CL_ONLINE_OPTIONS_INIT, o;
	(void)state;
	assert_string_equal(cl_net_reason(404), "Not Found");
	assert_string_equal(cl_net_reason(410), "Gone");
	assert_null(cl_net_reason(299));
	cl_online_defaults(&o, &in);
	assert_string_equal(o.archive_api, "https://archive.org/wayback/available");
	assert_int_equal(o.connect_timeout_ms, 10000);
	assert_int_equal(o.timeout_ms, 30000);
	assert_int_equal(o.max_redirects, 10);
	assert_int_equal(o.retries, 2);
	assert_int_equal(o.max_per_host, 2);
	assert_int_equal(o.max_total, 16);
	assert_int_equal(o.body_cap, 4 << 20);
	assert_int_equal(o.cache_ttl, 86400);
	in.retries = -1;
	cl_online_defaults(&o, &in);
	assert_int_equal(o.retries, 0);
}

/* ---- the cache ----------------------------------------------------------- */

static char cache_dir[64];

static int make_cache_dir(void **state)
{
	(void)state;
	snprintf(cache_dir, sizeof(cache_dir), "/tmp/cl-test-net-XXXXXX");
	return mkdtemp(cache_dir) ? 0 : -1;
}

static int remove_cache_dir(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", cache_dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The one entry file of the cache directory. */
static void entry_path(char *out, size_t size, const char *url)
{
	snprintf(out, size, "%s/%016llx.link", cache_dir, (unsigned long long)cl_fnv1a(url, strlen(url)));
}

static void test_cache_round_trip(void **state)
{
	cl_link_cache_entry e, got;
	char body[] = "<html><title>A page</title>\n\0binary\n</html>";
	(void)state;
	memset(&e, 0, sizeof(e));
	e.url = "http://example.org/a";
	e.final_url = "https://example.org/a/";
	e.checked = 1700000000;
	e.status = 200;
	e.permanent = true;
	snprintf(e.content_type, sizeof(e.content_type), "text/html");
	e.body = body;
	e.body_len = sizeof(body) - 1;
	assert_int_equal(cl_link_cache_put(cache_dir, &e), CL_OK);
	assert_int_equal(cl_link_cache_get(&got, cache_dir, e.url, 3600, 1700000100), CL_OK);
	assert_string_equal(got.url, e.url);
	assert_string_equal(got.final_url, e.final_url);
	assert_int_equal(got.checked, 1700000000);
	assert_int_equal(got.status, 200);
	assert_true(got.permanent);
	assert_string_equal(got.content_type, "text/html");
	assert_int_equal(got.body_len, sizeof(body) - 1);
	assert_memory_equal(got.body, body, sizeof(body) - 1);
	cl_link_cache_entry_free(&got);
	/* without a body, and replaced in place */
	e.body = NULL;
	e.body_len = 0;
	e.permanent = false;
	e.content_type[0] = '\0';
	assert_int_equal(cl_link_cache_put(cache_dir, &e), CL_OK);
	assert_int_equal(cl_link_cache_get(&got, cache_dir, e.url, 3600, 1700000100), CL_OK);
	assert_null(got.body);
	assert_false(got.permanent);
	assert_string_equal(got.content_type, "");
	cl_link_cache_entry_free(&got);
	/* another address is not there */
	assert_int_equal(cl_link_cache_get(&got, cache_dir, "http://example.org/b", 3600, 1700000100),
			 CL_ERR_NOTFOUND);
	/* no stray temporary files */
	{
		char cmd[160];
		snprintf(cmd, sizeof(cmd), "test $(ls -A '%s' | wc -l) -eq 1", cache_dir);
		assert_int_equal(system(cmd), 0);
	}
}

static void test_cache_expiry(void **state)
{
	cl_link_cache_entry e, got;
	(void)state;
	memset(&e, 0, sizeof(e));
	e.url = "http://example.org/expiring";
	e.final_url = e.url;
	e.checked = 1700000000;
	e.status = 204;
	assert_int_equal(cl_link_cache_put(cache_dir, &e), CL_OK);
	assert_int_equal(cl_link_cache_get(&got, cache_dir, e.url, 60, 1700000060), CL_OK);
	cl_link_cache_entry_free(&got);
	assert_int_equal(cl_link_cache_get(&got, cache_dir, e.url, 60, 1700000061), CL_ERR_NOTFOUND);
	/* an entry from the future (a clock set back) is not trusted */
	assert_int_equal(cl_link_cache_get(&got, cache_dir, e.url, 60, 1699990000), CL_ERR_NOTFOUND);
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void test_cache_corrupt(void **state)
{
	static const char *const bad[] = {
		"",
		"garbage",
		"chronolint-link-cache 2\nurl http://example.org/c\nchecked 1700000000\nstatus 200\nfinal x\n"
		"permanent 0\ntype -\nbody 0\n",
		/* another address with the same file name */
		"chronolint-link-cache 1\nurl http://example.org/other\nchecked 1700000000\nstatus 200\n"
		"final x\npermanent 0\ntype -\nbody 0\n",
		/* a failure is never cached */
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 404\nfinal x\n"
		"permanent 0\ntype -\nbody 0\n",
		/* body shorter than announced */
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 200\nfinal x\n"
		"permanent 0\ntype -\nbody 10\nabc",
		/* body longer than announced */
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 200\nfinal x\n"
		"permanent 0\ntype -\nbody 1\nabc",
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked soon\nstatus 200\nfinal x\n"
		"permanent 0\ntype -\nbody 0\n",
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 200\nfinal x\n"
		"permanent 7\ntype -\nbody 0\n",
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 200\nfinal x\n"
		"permanent 0\ntype -\nbody -1\n",
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 200\n",
		"chronolint-link-cache 1\nurl http://example.org/c",
		/* numbers out of range, cut short or followed by more */
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 99999999999999999999999\nstatus 200\n"
		"final x\npermanent 0\ntype -\nbody 0\n",
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked \nstatus 200\nfinal x\npermanent 0\n"
		"type -\nbody 0\n",
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000x\nstatus 200\nfinal x\n"
		"permanent 0\ntype -\nbody 0\n",
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 199\nfinal x\n"
		"permanent 0\ntype -\nbody 0\n",
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 300\nfinal x\n"
		"permanent 0\ntype -\nbody 0\n",
		/* a line under another name, a name without its value */
		"chronolint-link-cache 1\nuri http://example.org/c\nchecked 1700000000\nstatus 200\nfinal x\n"
		"permanent 0\ntype -\nbody 0\n",
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 200\nfinal x\n"
		"permanent 0\ntypes -\nbody 0\n",
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 200\nfinal x\n"
		"permanent 0\ntype -\nbody",
		/* a content type longer than any kept */
		"chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 200\nfinal x\n"
		"permanent 0\ntype text/"
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"\nbody 0\n",
	};
	const char *good = "chronolint-link-cache 1\nurl http://example.org/c\nchecked 1700000000\nstatus 200\n"
			   "final x\npermanent 0\ntype -\nbody 3\nabc";
	char path[160];
	cl_link_cache_entry got;
	size_t k;
	(void)state;
	entry_path(path, sizeof(path), "http://example.org/c");
	write_file(path, good, strlen(good));
	assert_int_equal(cl_link_cache_get(&got, cache_dir, "http://example.org/c", 60, 1700000001), CL_OK);
	assert_string_equal(got.body, "abc");
	cl_link_cache_entry_free(&got);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		write_file(path, bad[k], strlen(bad[k]));
		if (cl_link_cache_get(&got, cache_dir, "http://example.org/c", 60, 1700000001) != CL_ERR_NOTFOUND)
			fail_msg("corrupt entry %zu was read", k);
	}
	unlink(path);
}

static void test_cache_refuses_lines(void **state)
{
	cl_link_cache_entry e;
	(void)state;
	memset(&e, 0, sizeof(e));
	e.url = "http://example.org/a\nstatus 200";
	e.final_url = "http://example.org/a";
	e.status = 200;
	assert_int_not_equal(cl_link_cache_put(cache_dir, &e), CL_OK);
	/* a carriage return, a content type on two lines, no final address */
	e.url = "http://example.org/a\rstatus 200";
	assert_int_not_equal(cl_link_cache_put(cache_dir, &e), CL_OK);
	e.url = "http://example.org/a";
	snprintf(e.content_type, sizeof(e.content_type), "text/html\nstatus 200");
	assert_int_not_equal(cl_link_cache_put(cache_dir, &e), CL_OK);
	e.content_type[0] = '\0';
	e.final_url = "";
	assert_int_not_equal(cl_link_cache_put(cache_dir, &e), CL_OK);
	e.final_url = "http://example.org/a";
	/* a directory that cannot be made */
	e.url = "http://example.org/a";
	assert_int_equal(cl_link_cache_put("/proc/no/such/dir", &e), CL_ERR_IO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4_refused),
		cmocka_unit_test(test_ipv6_refused),
		cmocka_unit_test(test_ipv6_compatible),
		cmocka_unit_test(test_ipv6_special_ranges),
		cmocka_unit_test(test_public_pass),
		cmocka_unit_test(test_other_families_refused),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_not_found_titles),
		cmocka_unit_test(test_soft404_pages),
		cmocka_unit_test(test_retry_after_spacing),
		cmocka_unit_test(test_not_found_title_separators),
		cmocka_unit_test(test_soft404_element_text),
		cmocka_unit_test(test_reason_and_defaults),
		cmocka_unit_test(test_cache_round_trip),
		cmocka_unit_test(test_cache_expiry),
		cmocka_unit_test(test_cache_corrupt),
		cmocka_unit_test(test_cache_refuses_lines),
	};
	int failed;
	if (make_cache_dir(NULL) != 0)
		return 1;
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	remove_cache_dir(NULL);
	return failed;
}
