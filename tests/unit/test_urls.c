/* Unit tests for urls.c: where a link begins and ends as people write it, the
 * address checked for it, the rules about its form, and the quotations
 * attributed to it. */
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "internal.h"

/* The links of `text` as "written=address" joined by "|" ("?" for none). */
static void expect_links(const char *text, const char *expected)
{
	char *got = test_claims(text, CL_CLAIM_URL, NULL);
	assert_string_equal(got, expected);
	free(got);
}

static void expect_findings(const char *text, const char *expected)
{
	char *got = test_findings(text, NULL);
	assert_string_equal(got, expected);
	free(got);
}

/* The fix of the only finding of `text`. */
static void expect_fix(const char *text, const char *rule, const char *fix)
{
	cl_result *r = NULL;
	cl_error err;
	assert_int_equal(cl_check(&r, test_db(), "t", text, strlen(text), NULL, &err), CL_OK);
	assert_int_equal(cl_result_finding_count(r), 1);
	assert_string_equal(cl_result_finding(r, 0)->rule, rule);
	if (fix) {
		assert_non_null(cl_result_finding(r, 0)->fix);
		assert_string_equal(cl_result_finding(r, 0)->fix, fix);
	}
	else
		assert_null(cl_result_finding(r, 0)->fix);
	cl_result_free(r);
}

static void test_trailing_punctuation(void **state)
{
	(void)state;
	expect_links("See https://example.org/a.", "https://example.org/a=https://example.org/a");
	expect_links("See https://example.org/a, then", "https://example.org/a=https://example.org/a");
	expect_links("(see https://example.org/a)", "https://example.org/a=https://example.org/a");
	expect_links("(see https://example.org/wiki/A_(b))", "https://example.org/wiki/A_(b)=https://example.org/wiki/A_(b)");
	expect_links("\u201chttps://example.org/q\u201d", "https://example.org/q=https://example.org/q");
	expect_links("Read https://example.org/x...", "https://example.org/x=https://example.org/x");
	expect_links("*https://example.org/star", "https://example.org/star=https://example.org/star");
	expect_links("She said 'https://example.org/s'!", "https://example.org/s=https://example.org/s");
}

static void test_forms(void **state)
{
	(void)state;
	expect_links("at www.example.org/list today", "www.example.org/list=http://www.example.org/list");
	expect_links("[the list](https://example.org/l \"title\")", "https://example.org/l=https://example.org/l");
	expect_links("<https://example.org/auto>", "https://example.org/auto=https://example.org/auto");
	expect_links("[1]: https://example.org/ref", "https://example.org/ref=https://example.org/ref");
	expect_links("[url]https://example.org/b[/url]", "https://example.org/b=https://example.org/b");
	expect_links("[url=\"https://example.org/c\"]label[/url]", "https://example.org/c=https://example.org/c");
	expect_links("<a href='https://example.org/d?x=1&amp;y=2'>d</a>",
		     "https://example.org/d?x=1&amp;y=2=https://example.org/d?x=1&y=2");
	/* spaces around href's =, an unquoted value, a Markdown target in angle brackets */
	expect_links("<a href = \"https://example.org/sp\">x</a>", "https://example.org/sp=https://example.org/sp");
	expect_links("<a href=https://example.org/unq>x</a>", "https://example.org/unq=https://example.org/unq");
	expect_links("[text](<https://example.org/angle path>)",
		     "https://example.org/angle path=https://example.org/angle path");
	/* the fragment is not sent to the server */
	expect_links("https://example.org/e#part", "https://example.org/e#part=https://example.org/e");
	/* not links: inside a word, e-mail, code */
	expect_links("mywww.example.org and someone@www.example.org", "");
	expect_links("`https://example.org/code`", "");
	expect_links("ftp://example.org/file", "");
}

static void test_label_defers_to_target(void **state)
{
	(void)state;
	expect_links("[https://example.com/fo...thread.1/](https://example.com/forum/thread.1/)",
		     "https://example.com/forum/thread.1/=https://example.com/forum/thread.1/");
	expect_findings("[https://example.com/fo...thread.1/](https://example.com/forum/thread.1/)", "");
}

static void test_truncated(void **state)
{
	(void)state;
	expect_fix("Thread: https://www.example.com/fo...rad-who.442911/ here.", "url-truncated", NULL);
	expect_fix("Thread: https://www.example.com/news/arch\u2026e70e1b2b29d4/ here.", "url-truncated", NULL);
	/* hard negatives: a real title that begins with an ellipsis, a query, the sentence's ellipsis */
	expect_findings("https://en.wikipedia.org/wiki/..._And_Justice_for_All_(album) is an album page.", "");
	expect_findings("Search https://example.org/find?q=wait...what for it.", "");
	expect_findings("It is at https://example.org/essays...", "");
}

static void test_wrappers(void **state)
{
	(void)state;
	expect_fix("https://www.google.co.uk/url?sa=t&url=https%3A%2F%2Fexample.org%2Fa&usg=x", "url-wrapper",
		   "https://example.org/a");
	expect_fix("https://www.google.com/url?q=https://example.org/b&sa=D", "url-wrapper", "https://example.org/b");
	expect_fix("http://r.search.yahoo.com/_ylt=A;_ylu=B/RV=2/RE=1/RO=10/RU=https%3a%2f%2fexample.org%2fc/RK=0/RS=x-",
		   "url-wrapper", "https://example.org/c");
	expect_fix("https://www.bing.com/ck/a?!&&p=1&u=a1aHR0cHM6Ly9leGFtcGxlLm9yZy9k&ntb=1", "url-wrapper",
		   "https://example.org/d");
	expect_fix("https://lm.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fe&h=AT", "url-wrapper",
		   "https://example.org/e");
	expect_fix("https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Ff&data=1",
		   "url-wrapper", "https://example.org/f");
	expect_fix("https://www.youtube.com/redirect?event=x&q=https%3A%2F%2Fexample.org%2Fg", "url-wrapper",
		   "https://example.org/g");
	expect_fix("https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fexample.org%2Fh", "url-wrapper",
		   "https://example.org/h");
	expect_fix("https://vk.com/away.php?to=https%3A%2F%2Fexample.org%2Fi", "url-wrapper", "https://example.org/i");
	expect_fix("https://urldefense.proofpoint.com/v2/url?u=https-3A__example.org_j&d=x", "url-wrapper",
		   "https://example.org/j");
	expect_fix("https://urldefense.com/v3/__https://example.org/k__;!!abc", "url-wrapper", "https://example.org/k");
	expect_fix("https://l.instagram.com/?u=https%3A%2F%2Fexample.org%2Fig&e=1", "url-wrapper",
		   "https://example.org/ig");
	expect_fix("https://slack-redir.net/link?url=https%3A%2F%2Fexample.org%2Fsl", "url-wrapper",
		   "https://example.org/sl");
	/* a wrapper inside a wrapper: the innermost address */
	expect_fix("https://www.google.com/url?q=https%3A%2F%2Fl.facebook.com%2Fl.php%3Fu%3Dhttps%253A%252F%252Fexample.org%252Fm",
		   "url-wrapper", "https://example.org/m");
	/* hard negatives: look like wrappers, are not */
	expect_findings("https://www.google.com/search?q=url%3Dhttps%3A%2F%2Fexample.org", "");
	expect_findings("https://www.google.com/url?q=cats", "");
	expect_findings("https://support.example.com/url?q=https://example.org/", "");
	expect_findings("https://www.facebook.com/l.php?ref=nav", "");
	expect_findings("https://mygoogle.com/url?q=https://example.org/", "");
}

static void test_wrapper_target_is_checked(void **state)
{
	(void)state;
	expect_links("https://www.google.com/url?q=https://example.org/b%23sec&sa=D",
		     "https://www.google.com/url?q=https://example.org/b%23sec&sa=D=https://example.org/b");
}

static void test_malformed(void **state)
{
	(void)state;
	expect_fix("See htps://example.org/a for it.", "url-malformed", "https://example.org/a");
	expect_fix("See http:/example.org/a for it.", "url-malformed", "http://example.org/a");
	expect_fix("See https//example.org/a for it.", "url-malformed", "https://example.org/a");
	expect_fix("See http:\\\\example.org\\a for it.", "url-malformed", "http://example.org/a");
	expect_fix("See https://-example.org/ for it.", "url-malformed", NULL);
	expect_fix("See https://example..org/ for it.", "url-malformed", NULL);
	expect_fix("See https://300.1.2.3/ for it.", "url-malformed", NULL);
	expect_fix("See https://example.org:0x50/ for it.", "url-malformed", NULL);
	expect_fix("See https://example.org/%G1 for it.", "url-malformed", NULL);
	expect_fix("See https:///path for it.", "url-malformed", NULL);
	expect_fix("See https://example.org:/x for it.", "url-malformed", NULL);
	expect_fix("See https://.example.org/ for it.", "url-malformed", NULL);
	/* a label of 64 characters */
	expect_fix("See https://"
		   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   ".org/ for it.",
		   "url-malformed", NULL);
	/* 63 are allowed */
	expect_findings("See https://"
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			".org/ for it.",
			"");
	/* fine: a trailing dot of a fully qualified name, a port, an IPv6 literal, user information */
	expect_findings("See https://example.org./ and https://example.org:8080/x and https://[::1]:8080/ "
			"and https://user@example.org/.", "");
	/* a scheme-like word that is not a slip for http */
	expect_findings("The hypothesis//notes and hat://x are not links.", "");
}

/* Guillemets, curly quotes and an ellipsis end a bare link; brackets are kept when they pair up. */
static void test_bare_link_ends(void **state)
{
	(void)state;
	expect_links("\xC2\xABhttps://example.org/g\xC2\xBB and \xC2\xBBhttps://example.org/h\xC2\xAB",
		     "https://example.org/g=https://example.org/g|https://example.org/h=https://example.org/h");
	expect_links("\xE2\x80\x98https://example.org/s\xE2\x80\x99 here", "https://example.org/s=https://example.org/s");
	expect_links("See https://example.org/a\xE2\x80\xA6", "https://example.org/a=https://example.org/a");
	expect_links("See https://example.org/a\xE2\x80\xA6\xE2\x80\x9D here", "https://example.org/a=https://example.org/a");
	expect_links("see https://example.org/a{b} and https://example.org/{a}} and (https://example.org/x]",
		     "https://example.org/a{b}=https://example.org/a{b}|https://example.org/{a}=https://example.org/{a}"
		     "|https://example.org/x=https://example.org/x");
	expect_links("see <https://example.org/a b>", "https://example.org/a=https://example.org/a");
}

/* A link glued to a word (of any script) is part of that word. */
static void test_links_inside_words(void **state)
{
	(void)state;
	expect_links("\xD0\x96 https://example.org/cyr and \xD0\xB6https://example.org/inword and "
		     "\xC3\xA9www.example.org/x",
		     "https://example.org/cyr=https://example.org/cyr");
	expect_links("see www.x and www.", "www.x=http://www.x");
}

static void test_bbcode_forms(void **state)
{
	(void)state;
	expect_links("[url='https://example.org/c2']x[/url]", "https://example.org/c2=https://example.org/c2");
	expect_links("[url=https://example.org/c]x[/url]", "https://example.org/c=https://example.org/c");
	/* an opening tag without its closing one: the address is read as a bare link */
	expect_links("Link [url]https://example.org/b", "https://example.org/b=https://example.org/b");
	/* [url=...] left open: its ']' still ends the address */
	expect_links("[url=https://example.org/c3]x\n\nNext paragraph.", "https://example.org/c3=https://example.org/c3");
	expect_links("[url=https://example.org/c3]x", "https://example.org/c3=https://example.org/c3");
	expect_links("[url='https://example.org/c4']the text", "https://example.org/c4=https://example.org/c4");
	expect_links("[url=https://example.org/c5]x\n\n[/url]", "https://example.org/c5=https://example.org/c5");
	expect_findings("[url=https://example.org/c3]x\n\nNext paragraph.", "");
	/* the tag not closed by ']' on its line: the address is read as a bare link, up to the line's end */
	expect_links("[url=https://example.org/c6\nmore", "https://example.org/c6=https://example.org/c6");
}

static void test_markdown_targets(void **state)
{
	(void)state;
	expect_links("see [a](https://example.org/p(q)r) and [b](https://example.org/z \"t)",
		     "https://example.org/p(q)r=https://example.org/p(q)r|https://example.org/z=https://example.org/z");
	expect_links("see [c](<https://example.org/open and [d](<https://example.org/o> \"t\"",
		     "https://example.org/open=https://example.org/open|https://example.org/o=https://example.org/o");
	expect_links("see [x [y]](https://example.org/nested) here",
		     "https://example.org/nested=https://example.org/nested");
	expect_links("see [g](www.example.org/w) here", "www.example.org/w=http://www.example.org/w");
	expect_links("see [f](http", "");
	/* an autolink left open is a bare link; the scheme's case does not matter */
	expect_links("see <https://example.org/auto and <http://example.org/x>",
		     "https://example.org/auto=https://example.org/auto|http://example.org/x=http://example.org/x");
	expect_links("see <Https://example.org/caps>", "Https://example.org/caps=Https://example.org/caps");
}

/* The links of an HTML text: href values, quoted or not, with their entities decoded. */
static void expect_html_links(const char *text, const char *expected)
{
	cl_check_options o = CL_CHECK_OPTIONS_INIT;
	char *got;
	o.html = 1;
	got = test_claims(text, CL_CLAIM_URL, &o);
	assert_string_equal(got, expected);
	free(got);
}

static void test_html_hrefs(void **state)
{
	(void)state;
	expect_html_links("<p><a href=\"https://example.org/one\">one</a> and <a href='https://example.org/two'>two</a></p>",
			  "https://example.org/one=https://example.org/one|https://example.org/two=https://example.org/two");
	expect_html_links("<p><a href=\"https://example.org/q?a=1&#38;b=2\">x</a></p>",
			  "https://example.org/q?a=1&#38;b=2=https://example.org/q?a=1&b=2");
	expect_html_links("<p><a href=https://example.org/bare>bare</a></p>",
			  "https://example.org/bare=https://example.org/bare");
	expect_html_links("<p><a href = 'https://example.org/sp'>sp</a></p>", "https://example.org/sp=https://example.org/sp");
	/* not web links, an unclosed quote, no value */
	expect_html_links("<p><a href=\"mailto:x@example.org\">mail</a> and <a href=\"https://example.org/unclosed>u</a></p>",
			  "");
	expect_html_links("<p><a href>none</a> <a href=>empty</a></p>", "");
}

/* Only http and https (in any case) are links to check; a defanged address
 * is written so that it is not one, and another scheme is not the web's. */
static void test_defanged_and_other_schemes(void **state)
{
	(void)state;
	expect_links("See hxxps://example.org/a and hxxp://example.org/b.", "");
	expect_links("See hat://example.org/x and hxxps[:]//example.org/y.", "");
	expect_links("HXXPS://EXAMPLE.ORG/A", "");
	expect_links("[url]hxxps://example.org/bb[/url] and [url=hxxp://example.org/c]c[/url]", "");
	expect_links("[url=hxxps://example.org/c7]x", "");
	expect_links("<hxxps://example.org/auto> and [t](hxxps://example.org/md)", "");
	expect_findings("See hxxps://example.org/a, hxxp://example.org/b and hat://example.org/x.", "");
	expect_findings("Thread: hxxps://www.example.com/fo...rad-who.442911/ here.", "");
	/* the link a defanged address wraps is not read from inside it */
	expect_links("hxxp://www.example.org/w", "");
	expect_html_links("<p><a href=\"hxxps://example.org/h\">h</a></p>", "");
	/* hard negatives: http and https in any case are links, and slips of the keyboard stay findings */
	expect_links("HTTPS://example.org/u and Http://example.org/v",
		     "HTTPS://example.org/u=HTTPS://example.org/u|Http://example.org/v=Http://example.org/v");
	expect_links("[url=HTTPS://example.org/c8]x[/url]", "HTTPS://example.org/c8=HTTPS://example.org/c8");
	expect_fix("See http:/example.org/a for it.", "url-malformed", "http://example.org/a");
	expect_fix("See htps://example.org/a for it.", "url-malformed", "https://example.org/a");
	expect_links("See http:/example.org/a for it.", "http:/example.org/a=?");
	expect_links("at www.example.org/list today", "www.example.org/list=http://www.example.org/list");
}

static void test_more_wrappers(void **state)
{
	(void)state;
	expect_fix("https://duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.org%2Fddg&rut=x", "url-wrapper",
		   "https://example.org/ddg");
	expect_fix("https://out.reddit.com/t3_x?url=https%3A%2F%2Fexample.org%2Frd&token=y", "url-wrapper",
		   "https://example.org/rd");
	expect_fix("https://steamcommunity.com/linkfilter/?url=https://example.org/st", "url-wrapper",
		   "https://example.org/st");
	expect_fix("https://steamcommunity.com/linkfilter/?u=https://example.org/st2", "url-wrapper",
		   "https://example.org/st2");
	expect_fix("https://t.umblr.com/redirect?z=https%3A%2F%2Fexample.org%2Ftb&t=1", "url-wrapper",
		   "https://example.org/tb");
	expect_fix("https://m.vk.com/away.php?to=https%3A%2F%2Fexample.org%2Fmvk", "url-wrapper",
		   "https://example.org/mvk");
	expect_fix("https://youtube.com/redirect?q=https%3A%2F%2Fexample.org%2Fyt", "url-wrapper",
		   "https://example.org/yt");
	expect_fix("https://m.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fmf", "url-wrapper",
		   "https://example.org/mf");
	expect_fix("https://www.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fwf", "url-wrapper",
		   "https://example.org/wf");
	expect_fix("https://search.yahoo.com/RU=https%3a%2f%2fexample.org%2fy/RK=0", "url-wrapper",
		   "https://example.org/y");
	expect_fix("https://evil.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fsl2", "url-wrapper",
		   "https://example.org/sl2");
}

/* Where in a wrapper's query the target is: another parameter, after ';', before a fragment. */
static void test_wrapper_query_forms(void **state)
{
	(void)state;
	expect_fix("https://www.google.com/url?url=https%3A%2F%2Fexample.org%2Fgu&q=cats", "url-wrapper",
		   "https://example.org/gu");
	expect_fix("https://www.google.com/url?sa=t;url=https%3A%2F%2Fexample.org%2Fsemi", "url-wrapper",
		   "https://example.org/semi");
	expect_fix("https://www.google.com/url?q=https%3A%2F%2Fexample.org%2Fhash#frag", "url-wrapper",
		   "https://example.org/hash");
	expect_fix("https://www.google.com/url?qq=1&q=https://example.org/after", "url-wrapper",
		   "https://example.org/after");
	expect_fix("https://www.google.com:443/url?q=https://example.org/port", "url-wrapper", "https://example.org/port");
	/* Bing's base64: the URL-safe and the standard alphabet ('+' escaped as %2B, '/') */
	expect_fix("https://www.bing.com/ck/a?u=a1aHR0cHM6Ly9leGFtcGxlLm9yZy9%2BeA==", "url-wrapper",
		   "https://example.org/~x");
	expect_fix("https://www.bing.com/ck/a?u=a1aHR0cHM6Ly9leGFtcGxlLm9yZy8/YT0x", "url-wrapper",
		   "https://example.org/?a=1");
}

/* Addresses on a wrapper's host that do not lead anywhere else are fetched as they are. */
static void test_wrapper_hosts_without_target(void **state)
{
	static const char *const links[] = {
		"https://www.google.com/url?q#x",
		"https://google.co1/url?q=https://example.org/digit",
		"https://google./url?q=https://example.org/empty",
		"https://www.bing.com/ck/a?u=b1xyz",
		"https://www.bing.com/ck/a?u=a1aHR0cHM6Ly9leGFtcGxlLm9yZy9k*bad",
		"https://www.bing.com/ck/a?p=1",
		"https://urldefense.com/v3/__https://example.org/k",
		"https://urldefense.proofpoint.com/v2/url?d=x",
		"https://search.yahoo.com/RU=/RK=0",
		"https://t.umblr.com/other?z=https://example.org/no",
		"https://out.reddit.com/x?url=ftp://example.org/no",
		"https://www.youtube.com/watch?q=https://example.org/no",
		"https://www.linkedin.com/feed?url=https://example.org/no",
		"https://vk.com/wall?to=https://example.org/no",
		"https://slack-redir.net/other?url=https://example.org/no",
		"https://steamcommunity.com/id/x?url=https://example.org/no",
		"https://duckduckgo.com/?uddg=https://example.org/no",
		"https://www.bing.com/search?u=a1aHR0cHM6Ly9leGFtcGxlLm9yZy9k",
		"https://xsearch.yahoo.com/RU=https%3a%2f%2fexample.org%2fy/RK=0",
	};
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(links) / sizeof(links[0]); k++) {
		char want[256];
		char *address = strchr(links[k], '#') ? strndup(links[k], (size_t)(strchr(links[k], '#') - links[k]))
						      : strdup(links[k]);
		snprintf(want, sizeof(want), "%s=%s", links[k], address);
		expect_links(links[k], want);
		expect_findings(links[k], "");
		free(address);
	}
}

static void test_more_malformed(void **state)
{
	(void)state;
	expect_fix("see http;//example.org/b here", "url-malformed", "http://example.org/b");
	expect_fix("see https;//example.org/b here", "url-malformed", "https://example.org/b");
	expect_fix("see http:/\\\\example.org/a here", "url-malformed", "http://example.org/a");
	expect_fix("see https://example.org/%4 here", "url-malformed", NULL);
	expect_fix("see https://example.org/%4g here", "url-malformed", NULL);
	expect_fix("see https://example.org/a%2 here", "url-malformed", NULL);
}

/* The quotations attributed to a link, as "words>link" joined by "|". */
static char *attributed(const char *text)
{
	cl_result *r = NULL;
	cl_error err;
	cl_doc *doc;
	char *out = calloc(1, 1);
	size_t k, len = 0;
	assert_int_equal(cl_check(&r, test_db(), "t", text, strlen(text), NULL, &err), CL_OK);
	doc = cl_result_doc(r);
	for (k = 0; k < doc->quotes.len; k++) {
		const cl_doc_quote *q = &doc->quotes.items[k];
		const cl_doc_url *u = &doc->urls.items[q->url];
		size_t n = q->len + strlen(u->url) + 3;
		out = realloc(out, len + n + 1);
		assert_non_null(out);
		len += (size_t)snprintf(out + len, n + 1, "%s%.*s>%s", len ? "|" : "", (int)q->len, text + q->off, u->url);
	}
	cl_result_free(r);
	return out;
}

static void expect_quotes(const char *text, const char *expected)
{
	char *got = attributed(text);
	assert_string_equal(got, expected);
	free(got);
}

static void test_quotations(void **state)
{
	(void)state;
	expect_quotes("He wrote \"the treaty will hold\" https://example.org/a and left.",
		      "the treaty will hold>https://example.org/a");
	expect_quotes("As the Post reported, 'the talks broke down at noon' [link](https://example.org/b).",
		      "the talks broke down at noon>https://example.org/b");
	expect_quotes("According to [the Times](https://example.org/c), \u201cthe border stays closed tonight.\u201d",
		      "the border stays closed tonight.>https://example.org/c");
	/* not attributed: too short, another sentence in between, a truncated link */
	expect_quotes("He said \"no\" https://example.org/d", "");
	expect_quotes("He wrote \"the treaty will hold\". Later he left. https://example.org/e", "");
	expect_quotes("He wrote \"the treaty will hold\" https://example.com/fo...thread.1/", "");
}

/* Single quotation marks, straight and curly; an apostrophe inside a word closes nothing. */
static void test_quotation_marks(void **state)
{
	(void)state;
	expect_quotes("He said 'the treaty will hold' https://example.org/a and left.",
		      "the treaty will hold>https://example.org/a");
	expect_quotes("He wrote \xE2\x80\x98the treaty will hold\xE2\x80\x99 https://example.org/a and left.",
		      "the treaty will hold>https://example.org/a");
	expect_quotes("He wrote \xE2\x80\x98the treaty won\xE2\x80\x99t hold\xE2\x80\x99 https://example.org/a and left.",
		      "the treaty won\xE2\x80\x99t hold>https://example.org/a");
	expect_quotes("Rock'n'roll 'the treaty will hold' https://example.org/a",
		      "the treaty will hold>https://example.org/a");
	/* never closed */
	expect_quotes("He wrote 'the treaty will hold https://example.org/a", "");
	/* a paragraph ends a quotation */
	expect_quotes("He wrote \"the treaty will hold\n\nand more\" https://example.org/a here.", "");
}

/* How near the link must be: in the sentence, and within a few words. */
static void test_quotation_distance(void **state)
{
	(void)state;
	expect_quotes("See https://example.org/a, which said \"the treaty will hold\".",
		      "the treaty will hold>https://example.org/a");
	expect_quotes("See https://example.org/a and (\"the treaty will hold\" it said).",
		      "the treaty will hold>https://example.org/a");
	expect_quotes("See https://example.org/a. It said \"the treaty will hold\".", "");
	expect_quotes("He wrote \"the treaty will hold\" and more words here! https://example.org/a here.", "");
	expect_quotes("He wrote \"the treaty will hold\" and then a very long stretch of words that goes on and on "
		      "https://example.org/a",
		      "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trailing_punctuation),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_label_defers_to_target),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_wrappers),
		cmocka_unit_test(test_wrapper_target_is_checked),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_quotations),
		cmocka_unit_test(test_bare_link_ends),
		cmocka_unit_test(test_links_inside_words),
		cmocka_unit_test(test_bbcode_forms),
		cmocka_unit_test(test_defanged_and_other_schemes),
		cmocka_unit_test(test_markdown_targets),
		cmocka_unit_test(test_html_hrefs),
		cmocka_unit_test(test_more_wrappers),
		cmocka_unit_test(test_wrapper_query_forms),
		cmocka_unit_test(test_wrapper_hosts_without_target),
		cmocka_unit_test(test_more_malformed),
		cmocka_unit_test(test_quotation_marks),
		cmocka_unit_test(test_quotation_distance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
