/* Unit tests for citations.c: works named, bibliographic references, footnote
 * markers, and cite-before-publication with its hard negatives. */
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

static void expect_claims(const char *text, const char *want, const cl_check_options *o)
{
	char *got = test_claims(text, CL_CLAIM_CITATION, o);
	if (strcmp(got, want) != 0)
		fail_msg("%s\n  expected: %s\n  got:      %s", text, want, got);
	free(got);
}

static void expect(const char *text, const char *want, const cl_check_options *o)
{
	char *got = test_findings(text, o);
	if (strcmp(got, want) != 0)
		fail_msg("%s\n  expected: %s\n  got:      %s", text, want, got);
	free(got);
}

static void known_titles(void **state)
{
	(void)state;
	expect_claims("Orwell's Animal Farm mocked the Soviet regime.", "Animal Farm=animal-farm", NULL);
	expect_claims("Nineteen Eighty-Four appeared in June.", "Nineteen Eighty-Four=nineteen-eighty-four", NULL);
	expect_claims("Students read the Communist Manifesto.", "Communist Manifesto=communist-manifesto", NULL);
	/* written as a title, not as words */
	expect_claims("The animal farm was poor.", "", NULL);
	expect_claims("Hitler, the Great Dictator, spoke.", "", NULL);
	/* a one-word title needs a word that makes it a work */
	expect_claims("Foundation stones were laid.", "", NULL);
	expect_claims("She read Lolita in a week.", "Lolita=lolita", NULL);
	expect_claims("Nabokov's novel Lolita shocked readers.", "Lolita=lolita", NULL);
	/* a novel and its film: the verb decides, else the earlier */
	expect_claims("They watched Lolita.", "Lolita=lolita-1962", NULL);
	expect_claims("Lolita is often discussed.", "", NULL);
	expect_claims("They discussed The Godfather at length.", "The Godfather=the-godfather-novel", NULL);
}

static void titles_are_not_other_claims(void **state)
{
	char *got;
	(void)state;
	got = test_claims("In 1941 they read The Communist Manifesto.", CL_CLAIM_TERM, NULL);
	assert_string_equal(got, "");
	free(got);
	got = test_claims("In 1941 they read The Communist Manifesto.", CL_CLAIM_EVENT, NULL);
	assert_string_equal(got, "");
	free(got);
}

static void references(void **state)
{
	(void)state;
	expect_claims("Excerpt from Vozhd by Roy Medvedev\n\nStalin lived on.", "Vozhd=?", NULL);
	expect_claims("Excerpt from The Second Great Terror by Robert Conquest\n\nThe purge began.",
		      "The Second Great Terror=?", NULL);
	expect_claims("The Sino-Soviet War by William Clinton\n\nWar came.", "The Sino-Soviet War=?", NULL);
	expect_claims("**The Long Winter by Anna Kovacs**\n\nSnow fell.", "The Long Winter=?", NULL);
	expect_claims("Robert Conquest, The Great Terror (1968), is still read.", "The Great Terror=?", NULL);
	expect_claims("He cites Conquest's The Great Terror (1968) often.", "The Great Terror=?", NULL);
	expect_claims("Stalin's Great Terror (1937) killed many.", "", NULL);
	expect_claims("According to historian Richard Overy in \xE2\x80\x9CThe Road to War,\xE2\x80\x9D Stalin hesitated.",
		      "The Road to War=?", NULL);
	expect_claims("A Pravda article titled \"Failings Within the Security Organs\" followed.",
		      "Failings Within the Security Organs=?", NULL);
	expect_claims("She quoted from *Homage to Catalonia* often.", "Homage to Catalonia=?", NULL);
	expect_claims("He enjoyed The Gathering Storm by Winston Churchill.", "The Gathering Storm=?", NULL);
	/* a title that is an event's name yields to the event, unless set off */
	expect_claims("He enjoyed The Second World War by Winston Churchill.", "", NULL);
	expect_claims("Excerpt from Animal Farm by George Orwell\n\nThe pigs ruled.", "Animal Farm=animal-farm", NULL);
}

static void not_references(void **state)
{
	(void)state;
	expect_claims("Kirov was killed by Stalin's agents.", "", NULL);
	expect_claims("The army was led by Zhukov.", "", NULL);
	expect_claims("The Battle of Kursk by July was lost.", "", NULL);
	expect_claims("The purge of the Red Army by Marshal Voroshilov went on.", "", NULL);
	expect_claims("He said \"Vyrodok\" and fell silent.", "", NULL);
	expect_claims("They accused him of \"usurping authority\" in public.", "", NULL);
	expect_claims("*Note by Mary Holt, 1988.* The warden stayed on.", "", NULL);
	expect_claims("Originally Posted by Ivan Petrov\n\nI agree.", "", NULL);
	expect_claims("Written by Anna Kovacs\n\nIt rained.", "", NULL);
}

static void footnotes(void **state)
{
	(void)state;
	expect_claims("He hanged himself in his dacha[1]. The purge went on.\n\n[1] A note.", "[1]=1", NULL);
	/* the note itself, a marker without a note, and a link are not markers */
	expect_claims("He hanged himself[2].\n\n[1] A note.", "", NULL);
	expect_claims("See [1](http://example.org/) for more.\n\n[1] A note.", "", NULL);
}

static void read_before_publication(void **state)
{
	(void)state;
	expect("In 1940 Stalin read Animal Farm.", "cite-before-publication:read Animal Farm", NULL);
	expect("On 3 May 1941 the colonel quoted Animal Farm to his staff.",
	       "cite-before-publication:quoted Animal Farm", NULL);
	expect("In 1938 she was reading Nineteen Eighty-Four on the train.",
	       "cite-before-publication:reading Nineteen Eighty-Four", NULL);
	expect("In 1920 the professor borrowed a copy of The Magic Mountain.",
	       "cite-before-publication:copy of The Magic Mountain", NULL);
	expect("In 1941 Animal Farm was read aloud in the mess.", "cite-before-publication:Animal Farm was read", NULL);
	expect("In 1939 he read *Nineteen Eighty-Four* twice.", "cite-before-publication:read *Nineteen Eighty-Four*",
	       NULL);
	expect("In 1935 the choir sang the State Anthem of the Soviet Union.",
	       "cite-before-publication:sang the State Anthem of the Soviet Union", NULL);
	/* a film is watched: the film's date, not the novel's */
	expect("In 1960 she watched Lolita.", "cite-before-publication:watched Lolita", NULL);
	/* the author, too young to have written it */
	expect("In 1910 George Orwell read Animal Farm to his sister.", "cite-before-publication:read Animal Farm", NULL);
}

static void hard_negatives(void **state)
{
	(void)state;
	expect("Orwell's Animal Farm (1945) satirised the purges of 1937.", "", NULL);
	expect("In 1943 Orwell began writing Animal Farm.", "", NULL);
	expect("In 1943 Orwell finished the book that would become Animal Farm.", "", NULL);
	expect("Had Stalin read Animal Farm in 1940, he would have raged.", "", NULL);
	expect("In 1940 Stalin could not have read Animal Farm.", "", NULL);
	expect("\"In 1940 none of us had read Animal Farm,\" he told me in 1990.", "", NULL);
	expect("In 1945 Stalin read Animal Farm.", "", NULL);
	expect("In 1960 she read Lolita.", "", NULL);
	expect("In 1960 he quoted Lolita to his students.", "", NULL);
	expect("In 1940 Stalin read The Second Great Terror by Robert Conquest.", "", NULL);
	expect("In 1940 Stalin read Vozhd.", "", NULL);
	/* the author may read the manuscript; so may its publishers, close to publication */
	expect("In 1944 Orwell read Animal Farm aloud to his wife.", "", NULL);
	expect("In 1944 T. S. Eliot read Animal Farm and turned it down.", "", NULL);
	expect("In 1926 the OGPU seized and read Heart of a Dog.", "", NULL);
	/* chapters and passages are read from a novel in progress */
	expect("In 1947 friends read the first chapters of Doctor Zhivago at Peredelkino.", "", NULL);
	/* an essay's narrator: a date carried from another sentence is not the reading's */
	expect("In 1940 Stalin was at the height of his power. He read Animal Farm.", "", NULL);
	expect("According to Animal Farm, the pigs of 1937 were more equal than others.", "", NULL);
	expect("In 1938 Europe saw the Great Dictator at his worst.", "", NULL);
}

static void scenes_and_divergence(void **state)
{
	cl_check_options o = CL_CHECK_OPTIONS_INIT;
	(void)state;
	o.kind = CL_KIND_MANUSCRIPT;
	/* a scene's date holds in the sentences after it */
	expect("## 12 June 1941\n\nThe colonel sat by the window. He was reading Animal Farm again.",
	       "cite-before-publication:reading Animal Farm", &o);
	expect("## 12 June 1947\n\nThe colonel sat by the window. He was reading Animal Farm again.", "", &o);
	expect("## 1938\n\nOrwell read Animal Farm to Eileen in the kitchen.", "", &o);
	o.kind = CL_KIND_ESSAY;
	if (cl_date_parse(&o.pod, "1953-03-01") != CL_OK)
		fail();
	expect("In 1954 Khrushchev quoted Doctor Zhivago.", "divergence:quoted Doctor Zhivago", &o);
	expect("In 1950 Molotov read Doctor Zhivago.", "cite-before-publication:read Doctor Zhivago", &o);
}

/* A title has at most MAX_TITLE_TOKENS (14) words: one of 15 is not a citation. */
static void titles_have_a_maximum_length(void **state)
{
	static const char *const words[] = { "Red", "Winter", "Over", "Seven", "Rivers", "North", "Stone",
		"Bridges", "Silent", "Harbour", "Iron", "Gardens", "Burning", "Towers", "Cold" };
	char title[256], text[512], want[300];
	size_t k, n = 0;
	(void)state;
	for (k = 0; k < 14; k++)
		n += (size_t)snprintf(title + n, sizeof(title) - n, "%s%s", k ? " " : "", words[k]);
	snprintf(text, sizeof(text), "Excerpt from %s by Roy Medvedev\n\nStalin lived on.", title);
	snprintf(want, sizeof(want), "%s=?", title);
	expect_claims(text, want, NULL);
	snprintf(text, sizeof(text), "Excerpt from %s %s by Roy Medvedev\n\nStalin lived on.", title, words[14]);
	expect_claims(text, "", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_titles), cmocka_unit_test(titles_are_not_other_claims),
		cmocka_unit_test(references), cmocka_unit_test(not_references), cmocka_unit_test(footnotes),
		cmocka_unit_test(read_before_publication), cmocka_unit_test(hard_negatives),
		cmocka_unit_test(scenes_and_divergence),
		cmocka_unit_test(titles_have_a_maximum_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
