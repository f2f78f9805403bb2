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

/* The message of the only finding of `text`. */
static void expect_message(const char *text, const char *message)
{
	cl_result *r = NULL;
	cl_error err;
	assert_int_equal(cl_check(&r, test_db(), "t", text, strlen(text), NULL, &err), CL_OK);
	assert_int_equal(cl_result_finding_count(r), 1);
	assert_string_equal(cl_result_finding(r, 0)->message, message);
	cl_result_free(r);
}

/* A speech is delivered, a song published and sung, a film released and watched. */
static void publication_verb_follows_the_kind_of_work(void **state)
{
	(void)state;
	expect_message("In 1940 Stalin quoted On Coalition Government at length.",
		       "On Coalition Government was first delivered on 24 April 1945; it cannot be quoted in 1940");
	expect_message("In 1930 the choir sang the State Anthem of the Soviet Union.",
		       "State Anthem of the Soviet Union was first published on 1 January 1944; it cannot be sung in 1930");
	expect_message("In 1960 she watched Lolita.",
		       "Lolita (the film) was first released in 1962; it cannot be watched in 1960");
}

/* The words that tie a reading to a title: marks around it, adverbs, a passive, "as ... puts it". */
static void reading_words_and_marks(void **state)
{
	(void)state;
	expect("In 1940 he read 'Animal Farm' quickly.", "cite-before-publication:read 'Animal Farm'", NULL);
	expect("In 1940 he read \xE2\x80\x98" "Animal Farm\xE2\x80\x99 aloud.",
	       "cite-before-publication:read \xE2\x80\x98" "Animal Farm\xE2\x80\x99", NULL);
	expect("In 1940 he read \xE2\x80\x9C" "Animal Farm\xE2\x80\x9D aloud.",
	       "cite-before-publication:read \xE2\x80\x9C" "Animal Farm\xE2\x80\x9D", NULL);
	expect("In 1940 he read _Animal Farm_ twice.", "cite-before-publication:read _Animal Farm_", NULL);
	expect("In 1940 he eagerly read Animal Farm.", "cite-before-publication:read Animal Farm", NULL);
	expect("In 1940 he read from Animal Farm.", "cite-before-publication:read from Animal Farm", NULL);
	expect("In 1940 he read the pamphlet Animal Farm.", "cite-before-publication:read the pamphlet Animal Farm", NULL);
	expect("In 1940 he quietly read out his copy of Orwell's satire Animal Farm.",
	       "cite-before-publication:copy of Orwell's satire Animal Farm", NULL);
	expect("In 1940 Animal Farm was being read in the camps.", "cite-before-publication:Animal Farm was being read",
	       NULL);
	expect("In 1840 he read Das Kapital.", "cite-before-publication:read Das Kapital", NULL);
	/* the narrator's citation, and a reading that is denied */
	expect("In 1940, as Animal Farm puts it, all animals were equal.", "", NULL);
	expect("In 1940, as Animal Farm says, all animals were equal.", "", NULL);
	expect("In 1940, as Animal Farm has it, all animals were equal.", "", NULL);
	expect("In 1940 he never read Animal Farm.", "", NULL);
	expect("In 1940 copies of Animal Farm circulated.", "", NULL);
	expect_claims("In 1940, as Animal Farm puts it, all animals were equal.", "Animal Farm=animal-farm", NULL);
}

/* A one-word title is checked only when set off or named as a work; a film's title after "quoted" is not. */
static void one_word_titles_need_context(void **state)
{
	(void)state;
	expect("In 1940 he quoted Lolita.", "", NULL);
	expect("In 1940 he quoted the novel Lolita.", "cite-before-publication:quoted the novel Lolita", NULL);
	expect("In 1940 he quoted *Lolita*.", "cite-before-publication:quoted *Lolita*", NULL);
	/* "watched" names the film whatever noun comes before the title */
	expect_claims("In 1940 he watched the novel Lolita.", "Lolita=lolita-1962", NULL);
	expect_claims("In 1940 he read the film Lolita.", "Lolita=lolita", NULL);
}

/* "AUTHOR, TITLE (YEAR)" with a publisher or more in the brackets, or the year after a comma */
static void author_title_year_forms(void **state)
{
	(void)state;
	expect_claims("(Robert Conquest, The Great Terror (1968)) is cited.", "The Great Terror=?", NULL);
	expect_claims("See Robert Conquest, \"The Great Terror\", 1968.", "The Great Terror=?", NULL);
	expect_claims("Robert Conquest, The Great Terror (Oxford, 1968), is still read.", "The Great Terror=?", NULL);
	expect_claims("Robert Conquest, The Great Terror (1968 and 1990 editions), is read.", "The Great Terror=?", NULL);
	/* too much in the brackets, no brackets, or a subtitle */
	expect_claims("Robert Conquest, The Great Terror (Oxford University Press, London, England, 1968), is read.", "",
		      NULL);
	expect_claims("Robert Conquest, The Great Terror 1968 is read.", "", NULL);
	expect_claims("Conquest, The Great Terror: A Reassessment (1990), is long.", "", NULL);
}

/* "TITLE by AUTHOR" ended by punctuation or a line; titles with capitals, hyphens, and "Excerpts from" */
static void title_by_author_forms(void **state)
{
	(void)state;
	expect_claims("The Harvest of Sorrow by Robert Conquest: a review.", "The Harvest of Sorrow=?", NULL);
	expect_claims("The Harvest of Sorrow by Robert Conquest; a review.", "The Harvest of Sorrow=?", NULL);
	expect_claims("The Harvest of Sorrow by Robert Conquest (1986) is read.", "The Harvest of Sorrow=?", NULL);
	expect_claims("The Harvest Of Sorrow And Pain by Robert Conquest\n\nIt was long.", "The Harvest Of Sorrow And Pain=?",
		      NULL);
	expect_claims("The Harvest of Sorrow-Bound by Robert Conquest\n\nIt was long.", "The Harvest of Sorrow-Bound=?",
		      NULL);
	expect_claims("Excerpts from The Harvest of Sorrow by Robert Conquest\n\nIt was long.", "The Harvest of Sorrow=?",
		      NULL);
	expect_claims("## Excerpt from The Harvest of Sorrow by Robert Conquest\n\nIt was long.",
		      "The Harvest of Sorrow=?", NULL);
	/* a year in the title, a one-word title by a surname alone */
	expect_claims("The Harvest of 1932 by Robert Conquest\n\nIt was long.", "", NULL);
	expect_claims("Harvest by Conquest\n\nIt was long.", "", NULL);
}

/* A possessive before "The TITLE (YEAR)": three capitals and "The" written as a title's */
static void possessive_title_year_forms(void **state)
{
	(void)state;
	expect_claims("He cites Conquest's The Harvest Of Sorrow (1986) often.", "The Harvest Of Sorrow=?", NULL);
	expect_claims("He cites Conquest's the Harvest of Sorrow (1986) often.", "", NULL);
	expect_claims("He cites Conquest's The Harvest (1986) often.", "", NULL);
}

/* Titles in quotation marks or emphasis after a word that cites, or after "called" and "named" */
static void set_off_titles(void **state)
{
	(void)state;
	expect_claims("He wrote a novel called \"The Long Winter\" in exile.", "The Long Winter=?", NULL);
	expect_claims("He wrote a poem named \"Snow Falls Slowly\" in exile.", "Snow Falls Slowly=?", NULL);
	expect_claims("He wrote a novel called \"the long winter\" in exile.", "", NULL);
	expect_claims("In \"The Road to War\" Overy argues the point.", "The Road to War=?", NULL);
	expect_claims("From \"The Road to War\": Stalin hesitated.", "The Road to War=?", NULL);
	expect_claims("She read *The Road to War* often.", "The Road to War=?", NULL);
	expect_claims("She quoted \"The Road\" often.", "The Road=?", NULL);
	/* not set off: too long, not a title's capitals, never closed */
	expect_claims("She read \"The Road To War And Beyond The Mountains Of The Moon And More Words Here Now\" often.",
		      "", NULL);
	expect_claims("She read \"The road to war\" often.", "", NULL);
	expect_claims("She read \"The Road to War often.", "", NULL);
}

/* Notes: a marker after a space, two markers together; "[1]:" is a Markdown link definition, not a note */
static void footnote_forms(void **state)
{
	(void)state;
	expect_claims("He died in 1938 [1]. The purge went on.\n\n[1] A note.", "[1]=1", NULL);
	expect_claims("He died[1][2]. The purge went on.\n\n[1] A note.\n[2] Another.", "[1]=1|[2]=2", NULL);
	expect_claims("He died in 1938 [1]. The purge went on.\n\n[1]: A note.", "", NULL);
	expect_claims("He died in 1938 [100]. The purge went on.\n\n[100] A note.", "", NULL);
	/* the note comes before the marker */
	expect_claims("[1] A note first.\n\nHe died[1].", "", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_titles), cmocka_unit_test(titles_are_not_other_claims),
		cmocka_unit_test(references), cmocka_unit_test(not_references), cmocka_unit_test(footnotes),
		cmocka_unit_test(read_before_publication), cmocka_unit_test(hard_negatives),
		cmocka_unit_test(scenes_and_divergence),
		cmocka_unit_test(titles_have_a_maximum_length),
		cmocka_unit_test(publication_verb_follows_the_kind_of_work),
		cmocka_unit_test(reading_words_and_marks),
		cmocka_unit_test(one_word_titles_need_context),
		cmocka_unit_test(author_title_year_forms),
		cmocka_unit_test(title_by_author_forms),
		cmocka_unit_test(possessive_title_year_forms),
		cmocka_unit_test(set_off_titles),
		cmocka_unit_test(footnote_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
