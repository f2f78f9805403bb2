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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
