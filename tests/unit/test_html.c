/* Unit tests for html.c: the prose view of a page (its text at its own
 * offsets), the plain text for quotations, and telling a page from prose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "helpers.h"
#include "internal.h"


static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *prose_n(const char *html, size_t len)
{
	char *prose = malloc(len + 1);
	assert_non_null(prose);
	assert_int_equal(cl_html_prose(prose, html, len), CL_OK);
	assert_int_equal(strlen(prose), len);
	return prose;
}

static char *prose_of(const char *html)
{
	return prose_n(html, strlen(html));
}

/* `text` is in the prose where it is in the page (its first occurrence at
 * or after `from`). */
static void assert_text_at(const char *html, const char *prose, const char *text, size_t from)
{
	const char *at = strstr(html + from, text);
	assert_non_null(at);
	assert_memory_equal(prose + (at - html), text, strlen(text));
}

static void assert_blank(const char *prose, size_t from, size_t to)
{
	for (; from < to; from++)
		if (prose[from] != ' ' && prose[from] != '\n' && prose[from] != '\r')
			fail_msg("byte %zu is '%c', not blank", from, prose[from]);
}

static char *text_of(const char *html)
{
	char *out;
	size_t len;
	assert_int_equal(cl_html_text(&out, &len, html, strlen(html)), CL_OK);
	assert_int_equal(strlen(out), len);
	return out;
}

static void test_prose_offsets(void **state)
{
	const char *html =
		"<!DOCTYPE html>\n<html lang=\"en\"><head><title>Geneva, 1955</title></head>\n"
		"<body><h1 class=\"headline\">The summit</h1>\n"
		"<p>On <b>18 July 1955</b> the four leaders met at the <a href=\"/palais\">Palais des Nations</a>.</p>\n"
		"</body></html>\n";
	char *prose = prose_of(html);
	(void)state;
	assert_text_at(html, prose, "Geneva, 1955", 0);
	assert_text_at(html, prose, "The summit", 0);
	assert_text_at(html, prose, "On ", 0);
	assert_text_at(html, prose, "18 July 1955", 0);
	assert_text_at(html, prose, " the four leaders met at the ", 0);
	assert_text_at(html, prose, "Palais des Nations", strstr(html, "<p>") - html);
	/* markup is blank: the doctype, attributes, the link's address */
	assert_blank(prose, 2, 15);
	assert_null(strstr(prose, "headline"));
	assert_null(strstr(prose, "palais"));
	assert_null(strstr(prose, "href"));
	free(prose);
}

static void test_prose_entities(void **state)
{
	const char *html = "<p>Bulganin &amp; Khrushchev&nbsp;came &#8212; &#x2014; &rsquo;tis &lt;b&gt; &copy; &#150;</p>";
	char *prose = prose_of(html);
	size_t at;
	(void)state;
	at = (size_t)(strstr(html, "&amp;") - html);
	assert_memory_equal(prose + at, "&    ", 5);
	at = (size_t)(strstr(html, "&nbsp;") - html);
	assert_memory_equal(prose + at, "      came", 10); /* a space in the prose */
	at = (size_t)(strstr(html, "&#8212;") - html);
	assert_memory_equal(prose + at, "\xE2\x80\x94    ", 7);
	at = (size_t)(strstr(html, "&#x2014;") - html);
	assert_memory_equal(prose + at, "\xE2\x80\x94     ", 8);
	at = (size_t)(strstr(html, "&rsquo;") - html);
	assert_memory_equal(prose + at, "\xE2\x80\x99    tis", 10);
	at = (size_t)(strstr(html, "&lt;") - html);
	assert_memory_equal(prose + at, "<   b>   ", 9);
	at = (size_t)(strstr(html, "&copy;") - html);
	assert_memory_equal(prose + at, "\xC2\xA9    ", 6);
	/* windows-1252 as pages mean it: &#150; is an en dash */
	at = (size_t)(strstr(html, "&#150;") - html);
	assert_memory_equal(prose + at, "\xE2\x80\x93   ", 6);
	free(prose);
}

/* A numeric reference without digits is text, as HTML reads it, at its own
 * offsets; one with digits still stands for its character. */
static void test_prose_digitless_references(void **state)
{
	const char *html = "<p>A&#xZZ;B and C&#;D and E&#x;F and G&#ZZ;H and &#65;&#x42; and I&#</p>";
	char *prose = prose_of(html), *text;
	size_t at;
	(void)state;
	assert_text_at(html, prose, "A&#xZZ;B", 0);
	assert_text_at(html, prose, "C&#;D", 0);
	assert_text_at(html, prose, "E&#x;F", 0);
	assert_text_at(html, prose, "G&#ZZ;H", 0);
	assert_text_at(html, prose, "I&#", 0);
	at = (size_t)(strstr(html, "&#65;") - html);
	assert_memory_equal(prose + at, "A    B     ", 11);
	free(prose);
	/* at the start and the end of an element's text, and alone */
	html = "<p>&#xZZ;</p><p>&#;</p><div>x &#;</div><b>&#x</b>";
	prose = prose_of(html);
	assert_text_at(html, prose, "&#xZZ;", 0);
	assert_text_at(html, prose, "&#;", 0);
	assert_text_at(html, prose, "x &#;", 0);
	assert_text_at(html, prose, "&#x", strstr(html, "<b>") - html);
	free(prose);
	/* hidden where the text around it is: in a script, a comment, an attribute, a template */
	html = "<script>a&#;b</script><!-- &#; --><p title=\"&#;\">t</p><template>&#;</template>";
	prose = prose_of(html);
	assert_null(strstr(prose, "&#"));
	free(prose);
	/* hard negatives: a reference to no character is still dropped, a real one decoded */
	html = "<p>x&#0;y&#x110000;z&#1;w</p>";
	prose = prose_of(html);
	assert_null(strstr(prose, "&"));
	assert_null(strstr(prose, "#"));
	free(prose);
	text = text_of("<p>A&#xZZ;B C&#;D &#65;&#x42; x&#0;y &amp;#; I&#</p>");
	assert_string_equal(text, "A&#xZZ;B C&#;D AB xy &#; I&#");
	free(text);
}

/* "<!-->" and "<!--->" are empty comments (closed abruptly), not the
 * start of one that takes the rest of the page. */
static void test_prose_abrupt_comments(void **state)
{
	const char *html = "<p>A<!-->C</p><p>D<!--->E</p><p>F<!---->G</p><p>H<!-- x --!>I</p>";
	char *prose = prose_of(html), *text;
	(void)state;
	assert_text_at(html, prose, "A", 0);
	assert_text_at(html, prose, "C", 0);
	assert_blank(prose, (size_t)(strstr(html, "<!-->") - html), (size_t)(strstr(html, "C<") - html));
	assert_text_at(html, prose, "E", 0);
	assert_text_at(html, prose, "G", 0);
	assert_text_at(html, prose, "I", 0);
	assert_non_null(strstr(prose, "C"));
	free(prose);
	text = text_of(html);
	assert_string_equal(text, "AC\nDE\nFG\nHI");
	free(text);
	/* "<!--->" ends at once, so a later "-->" is text; hard negatives: a longer
	 * opening is a comment that goes on, to its end or the page's */
	html = "<p>A<!--->x-->B</p><p>J<!-- -> K --> L<!--- M --->N</p><p>Kept<!--> <!-- never closed <p>Lost";
	prose = prose_of(html);
	assert_text_at(html, prose, "x-->B", 0);
	assert_null(strstr(prose, " K "));
	assert_null(strstr(prose, " M "));
	assert_text_at(html, prose, " L", 0);
	assert_text_at(html, prose, "N", strstr(html, "--->N") - html);
	assert_text_at(html, prose, "Kept", 0);
	assert_null(strstr(prose, "Lost"));
	free(prose);
	/* inside a comment, "<!-->" is where it ends */
	html = "<p>O<!-- a <!--> P</p>";
	prose = prose_of(html);
	assert_text_at(html, prose, " P", 0);
	assert_null(strstr(prose, " a "));
	free(prose);
	/* a page may open with one */
	html = "<!-->\n<html><body>x</body></html>";
	assert_true(cl_html_sniff(html, strlen(html)));
}

static void test_prose_hidden(void **state)
{
	const char *html =
		"<html><head><style>p > b { color: red } /* Stalin */</style>\n"
		"<script>if (a < b && c > d) { document.write('</p>Molotov<!-- x -->'); }</script></head>\n"
		"<body><!-- Beria was here -->Text<noscript>enable scripts</noscript> stays"
		"<template><p>Yezhov</p></template><![CDATA[ Yagoda ]]><?php echo 'Zhdanov'; ?>.</body></html>";
	char *prose = prose_of(html);
	(void)state;
	assert_null(strstr(prose, "Stalin"));
	assert_null(strstr(prose, "color"));
	assert_null(strstr(prose, "Molotov"));
	assert_null(strstr(prose, "document"));
	assert_null(strstr(prose, "Beria"));
	assert_null(strstr(prose, "scripts"));
	assert_null(strstr(prose, "Yezhov"));
	assert_null(strstr(prose, "Yagoda"));
	assert_null(strstr(prose, "Zhdanov"));
	assert_text_at(html, prose, "Text", strstr(html, "<body>") - html);
	assert_text_at(html, prose, " stays", 0);
	assert_int_equal(prose[strstr(html, ".</body>") - html], '.');
	free(prose);
	/* a '>' inside CDATA does not end it */
	prose = prose_of("<html><body>Before<![CDATA[ a > Yagoda ]]>after.</body></html>");
	assert_null(strstr(prose, "Yagoda"));
	assert_non_null(strstr(prose, "after."));
	free(prose);
}

static void test_prose_blocks_and_lines(void **state)
{
	const char *html = "<div>Geneva</div><div>Potsdam<br>Yalta</div>\r\n<ul><li>one<li>two</ul>"
			   "<p>Tehran</p>words<span>inline</span>more";
	char *prose = prose_of(html);
	size_t at;
	(void)state;
	assert_memory_equal(prose, "\n\n   Geneva\n\n    \n\n   Potsdam\n\n  Yalta\n\n    \r\n", 46);
	at = (size_t)(strstr(html, "<li>one") - html);
	assert_memory_equal(prose + at, "\n\n  one\n\n  two", 14);
	/* inline elements do not break */
	at = (size_t)(strstr(html, "words") - html);
	assert_memory_equal(prose + at, "words      inline       more", 28);
	free(prose);

	/* line ends stay where they are, inside tags and comments too */
	html = "<p\nclass=x>one\r\ntwo</p><!--\n-->\n<script>\nx\n</script>three";
	prose = prose_of(html);
	for (at = 0; html[at]; at++)
		if (html[at] == '\n' || html[at] == '\r')
			assert_int_equal(prose[at], html[at]);
	assert_text_at(html, prose, "one\r\ntwo", 0);
	assert_text_at(html, prose, "three", 0);
	free(prose);
}

static void test_prose_malformed(void **state)
{
	const char *html =
		"<p class=\"a>b\" title='it\"s'>Alpha<b>Beta<i>Gamma</b>Delta</i> 1 < 2 & 3 &bogus; &amp"
		"<div><p>Epsilon</span></span>Zeta<td>Eta</p></p></div></html>Theta<body>Iota";
	char *prose = prose_of(html);
	(void)state;
	assert_text_at(html, prose, "Alpha", 0);
	assert_text_at(html, prose, "Beta", 0);
	assert_text_at(html, prose, "Gamma", 0);
	assert_text_at(html, prose, "Delta", 0);
	assert_text_at(html, prose, " 1 < 2 & 3 &bogus; &amp", 0);
	assert_text_at(html, prose, "Epsilon", 0);
	assert_text_at(html, prose, "Zeta", 0);
	assert_text_at(html, prose, "Eta", strstr(html, "<td>") - html);
	assert_text_at(html, prose, "Theta", 0);
	assert_text_at(html, prose, "Iota", 0);
	assert_null(strstr(prose, "a>b"));
	assert_null(strstr(prose, "title"));
	free(prose);

	/* an unclosed comment or quote takes the rest, as the parser reads it */
	html = "<p>Kept</p><!-- never closed <p>Lost";
	prose = prose_of(html);
	assert_text_at(html, prose, "Kept", 0);
	assert_null(strstr(prose, "Lost"));
	free(prose);
}

static void test_prose_text_outside_elements(void **state)
{
	const char *html = "Plain words & more, with no markup at all.\nSecond line.";
	char *prose = prose_of(html);
	(void)state;
	assert_string_equal(prose, html);
	free(prose);
	prose = prose_of("");
	assert_string_equal(prose, "");
	free(prose);
	prose = prose_of("   <p></p>  ");
	assert_string_equal(prose, "   \n\n \n\n    ");
	free(prose);
}

static void test_prose_foreign_charset(void **state)
{
	/* the page says windows-1251, the bytes are UTF-8 (the input is always
	 * read as UTF-8): the text stays at its offsets, not transcoded */
	const char *html = "<html><head><meta charset=\"windows-1251\">"
			   "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head>"
			   "<body><p>Женевское совещание, 1955 — “дух Женевы”</p><p>Genève</p></body></html>";
	char *prose = prose_of(html);
	(void)state;
	assert_text_at(html, prose, "Женевское совещание, 1955 — “дух Женевы”", 0);
	assert_text_at(html, prose, "Genève", 0);
	free(prose);
}

static void test_prose_deep_nesting(void **state)
{
	const size_t depth = 100000;
	size_t len = 0, i;
	char *html = malloc(depth * 11 + 64), *prose;
	double t;
	(void)state;
	assert_non_null(html);
	for (i = 0; i < depth; i++)
		memcpy(html + len, "<div>", 5), len += 5;
	memcpy(html + len, "Deep text", 9), len += 9;
	for (i = 0; i < depth; i++)
		memcpy(html + len, "</div>", 6), len += 6;
	t = now();
	prose = prose_n(html, len);
	t = now() - t;
	assert_memory_equal(prose + depth * 5, "Deep text", 9);
	assert_true(t < 1.0 * TEST_SLOWDOWN);
	free(prose);

	/* never closed, and closed by end tags of elements that are not open */
	len = 0;
	for (i = 0; i < depth; i++)
		memcpy(html + len, "<span><b>", 9), len += 9;
	memcpy(html + len, "Deeper", 6), len += 6;
	for (i = 0; i < depth / 5; i++)
		memcpy(html + len, "</em>", 5), len += 5;
	t = now();
	prose = prose_n(html, len);
	t = now() - t;
	assert_memory_equal(prose + depth * 9, "Deeper", 6);
	assert_true(t < 1.0 * TEST_SLOWDOWN);
	free(prose);
	free(html);
}

static void test_prose_large_page(void **state)
{
	const char *para = "<p class=\"x\">The Geneva summit of 1955 &amp; the &ldquo;open skies&rdquo; plan.</p>\n";
	size_t plen = strlen(para), len = 0, n = (10u << 20) / plen + 1, i;
	char *html = malloc(n * plen + 1), *prose;
	double t;
	(void)state;
	assert_non_null(html);
	for (i = 0; i < n; i++)
		memcpy(html + len, para, plen), len += plen;
	html[len] = '\0';
	t = now();
	prose = prose_n(html, len);
	t = now() - t;
	/* the last paragraph, at its own offsets */
	assert_memory_equal(prose + len - plen + 13, "The Geneva summit of 1955 &     the \xE2\x80\x9C    open skies", 53);
	assert_true(t < 3.0 * TEST_SLOWDOWN);
	free(prose);
	free(html);
}

static void test_text_article(void **state)
{
	const char *html =
		"<!DOCTYPE html><html><head><title>The Geneva summit</title>"
		"<script>var tracker = 1;</script><style>nav { display: flex }</style></head><body>\n"
		"<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/history\">History</a></li></ul></nav>\n"
		"<article>\n  <h1>Four powers   at Geneva</h1>\n"
		"  <p>In July 1955 the leaders of the\n     four powers met at Geneva.\n</p>\n"
		"  <p>Eisenhower proposed &ldquo;open&nbsp;skies&rdquo;; Khrushchev called it\n"
		"  <em>espionage</em>.<br>He said so twice.</p>\n"
		"  <noscript>Enable JavaScript</noscript><template><p>later</p></template>\n"
		"</article>\n<footer><p>&copy; 2024 Example Press</p></footer>\n</body></html>";
	char *text = text_of(html);
	(void)state;
	assert_string_equal(text,
		"The Geneva summit\n"
		"Home\n"
		"History\n"
		"Four powers at Geneva\n"
		"In July 1955 the leaders of the four powers met at Geneva.\n"
		"Eisenhower proposed \xE2\x80\x9Copen skies\xE2\x80\x9D; Khrushchev called it espionage.\n"
		"He said so twice.\n"
		"\xC2\xA9 2024 Example Press");
	free(text);
	text = text_of("");
	assert_string_equal(text, "");
	free(text);
	text = text_of("just words &amp; an entity");
	assert_string_equal(text, "just words & an entity");
	free(text);
}

static void test_sniff(void **state)
{
	static const char *const pages[] = {
		"<!DOCTYPE html><html><body>x</body></html>",
		"<!doctype HTML>\n<title>x</title>",
		"\xEF\xBB\xBF  <!-- saved from url -->\n<html lang=\"en\">",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">",
		"<meta charset=\"utf-8\"><title>A page</title><body><p>Hi</p>",
		"<HEAD><TITLE>Old page</TITLE></HEAD>",
		"\n\n<body>text</body>",
	};
	static const char *const others[] = {
		"", "   ",
		"# The Geneva summit\n\nIn **1955** the <b>four powers</b> met.\n",
		"<b>Bold</b> start of a forum post about <html> tags.",
		"Some prose mentioning <!DOCTYPE html> in passing.",
		"<p>A fragment, not a page</p>",
		"<!-- a comment --> and then prose <html>",
		"<htmlx>not html</htmlx>",
		"<!-- never closed <html>",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(pages) / sizeof(*pages); i++)
		if (!cl_html_sniff(pages[i], strlen(pages[i])))
			fail_msg("not taken for a page: %s", pages[i]);
	for (i = 0; i < sizeof(others) / sizeof(*others); i++)
		if (cl_html_sniff(others[i], strlen(others[i])))
			fail_msg("taken for a page: %s", others[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prose_offsets),
		cmocka_unit_test(test_prose_entities),
		cmocka_unit_test(test_prose_digitless_references),
		cmocka_unit_test(test_prose_abrupt_comments),
		cmocka_unit_test(test_prose_hidden),
		cmocka_unit_test(test_prose_blocks_and_lines),
		cmocka_unit_test(test_prose_malformed),
		cmocka_unit_test(test_prose_text_outside_elements),
		cmocka_unit_test(test_prose_foreign_charset),
		cmocka_unit_test(test_prose_deep_nesting),
		cmocka_unit_test(test_prose_large_page),
		cmocka_unit_test(test_text_article),
		cmocka_unit_test(test_sniff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
