/* lexicon.c - the closed word classes the extractors rely on.
 * Every list is sorted, lower case, and searched by halves. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* The word s[0, len) against a lower-case entry, ignoring the word's case:
 * <0, 0 or >0 as strcmp would order the lower-cased word. */
static int cmp_folded(const char *s, size_t len, const char *entry)
{
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)entry[i];
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a + 32);
		if (a != b)
			return a < b ? -1 : 1; /* the entry's end (NUL) sorts first */
	}
	return entry[len] ? -1 : 0;
}

/* Every lexicon question goes through here, for nearly every word: a binary
 * search that folds case as it compares, with no copy. */
static bool in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t lo = 0, hi = n;
	if (len == 0 || len >= 48)
		return false;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = cmp_folded(s, len, list[mid]);
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

#define IN(list, s, len) in_list(list, sizeof(list) / sizeof(*list), s, len)

int cl_month_from_word(const char *s, size_t len)
{
	static const char *const full[] = { "january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december" };
	static const char *const abbr[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
		"oct", "nov", "dec" };
	char w[16];
	int i;
	/* asked of nearly every word: most fail on their length or first letter */
	if (len < 3 || len > 9 || !strchr("jfmasondJFMASOND", s[0]))
		return 0;
	cl_ascii_lower(w, s, len);
	for (i = 0; i < 12; i++)
		if (strcmp(w, full[i]) == 0 || strcmp(w, abbr[i]) == 0)
			return i + 1;
	if (strcmp(w, "sept") == 0)
		return 9;
	return 0;
}

static const char *const units_words[] = { "zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen" };
static const char *const tens_words[] = { "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
	"eighty", "ninety" };
static const char *const units_ordinals[] = { "", "first", "second", "third", "fourth", "fifth", "sixth",
	"seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
	"sixteenth", "seventeenth", "eighteenth", "nineteenth" };
static const char *const tens_ordinals[] = { "", "", "twentieth", "thirtieth", "fortieth", "fiftieth",
	"sixtieth", "seventieth", "eightieth", "ninetieth" };

static int lookup(const char *const *list, int n, const char *w)
{
	int i;
	for (i = 0; i < n; i++)
		if (list[i][0] && strcmp(w, list[i]) == 0)
			return i;
	return -1;
}

/* "twenty-five", "twenty five" is two tokens and handled by the caller. */
static int compound(const char *s, size_t len, bool ordinal)
{
	char w[32];
	char *dash;
	int v;
	/* every number word begins with one of these letters */
	if (len == 0 || len >= sizeof(w) || !strchr("aefhnostzAEFHNOSTZ", s[0]))
		return -1;
	cl_ascii_lower(w, s, len);
	if (!ordinal && strcmp(w, "hundred") == 0)
		return 100;
	if (!ordinal && (strcmp(w, "a") == 0 || strcmp(w, "an") == 0))
		return 1;
	dash = strchr(w, '-');
	if (dash) {
		int t, u;
		*dash = '\0';
		t = lookup(tens_words, 10, w);
		u = lookup(ordinal ? units_ordinals : units_words, 10, dash + 1);
		return t >= 2 && u >= 1 ? t * 10 + u : -1;
	}
	v = lookup(ordinal ? units_ordinals : units_words, 20, w);
	if (v >= 0)
		return v;
	v = lookup(ordinal ? tens_ordinals : tens_words, 10, w);
	return v >= 2 ? v * 10 : -1;
}

int cl_number_word(const char *s, size_t len)
{
	return compound(s, len, false);
}

int cl_ordinal_word(const char *s, size_t len)
{
	return compound(s, len, true);
}

bool cl_is_abbreviation(const char *s, size_t len)
{
	static const char *const list[] = { "adm", "approx", "apr", "assn", "aug", "ave", "b", "brig", "c",
		"ca", "capt", "cf", "cmdr", "co", "col", "comdr", "corp", "cpl", "d", "dec", "dept", "dr", "e.g",
		"esq", "est", "etc", "feb", "fig", "fl", "fr", "gen", "gov", "hon", "i.e", "inc", "jan", "jr", "jul",
		"jun", "lt", "ltd", "maj", "mar", "messrs", "mme", "mr", "mrs", "ms", "msgr", "mt", "n.s", "no",
		"nos", "nov", "o.s", "oct", "op", "p", "pp", "pres", "prof", "pte", "pvt", "rep", "rev", "sen", "sep",
		"sept", "sgt", "sr", "st", "supt", "vol", "vols", "vs" };
	return IN(list, s, len);
}

bool cl_is_title_word(const char *s, size_t len)
{
	static const char *const list[] = { "admiral", "ambassador", "archduke", "brigadier", "captain",
		"chairman", "chancellor", "colonel", "commissar", "comrade", "dr", "duce", "emperor", "empress",
		"field", "fuhrer", "führer", "general", "generalissimo", "generalissimus", "governor", "kaiser",
		"king", "lieutenant", "lord", "marshal", "minister", "mr", "mrs", "ms", "police", "pope", "premier",
		"president", "prince", "professor", "queen", "secretary", "senator", "sir", "tsar", "vice-president" };
	return IN(list, s, len);
}

bool cl_is_private_title(const char *s, size_t len)
{
	static const char *const list[] = { "aunt", "auntie", "corporal", "cousin", "grandad", "grandfather",
		"grandma", "grandmother", "grandpa", "granny", "gunner", "matron", "nanny", "nurse", "private",
		"sapper", "sergeant", "sister", "trooper", "uncle" };
	return IN(list, s, len);
}

bool cl_is_depiction_word(const char *s, size_t len)
{
	static const char *const list[] = { "badge", "badges", "banknote", "banknotes", "banner", "banners", "body",
		"bust", "busts", "coffin", "corpse", "effigy", "embalmed", "film", "icon", "icons", "image", "images",
		"likeness", "mausoleum", "monument", "mural", "painting", "photo", "photograph", "picture", "portrait",
		"portraits", "poster", "posters", "statue", "statues", "tomb" };
	return IN(list, s, len);
}

bool cl_is_preposition(const char *s, size_t len)
{
	static const char *const list[] = { "about", "after", "around", "as", "at", "before", "between", "by",
		"c", "ca", "circa", "during", "from", "in", "into", "of", "on", "since", "than", "through",
		"throughout", "till", "to", "until", "upon", "within" };
	return IN(list, s, len);
}

bool cl_is_function_word(const char *s, size_t len)
{
	static const char *const list[] = { "a", "after", "again", "ago", "all", "also", "an", "and", "are",
		"as", "at", "be", "became", "before", "began", "brought", "but", "by", "came", "did", "during",
		"each", "ended", "for", "from", "had", "has", "have", "he", "her", "his", "however", "i", "if", "in",
		"is", "it", "its", "marked", "might", "more", "must", "neither", "nor", "not", "now", "of", "on",
		"onward", "onwards", "or", "our", "saw", "shall", "she", "should", "so", "still", "than", "that",
		"the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "till", "to",
		"too", "under", "until", "was", "we", "were", "what", "when", "whence", "where", "which", "while",
		"who", "whose", "will", "with", "would", "yet", "you" };
	return IN(list, s, len);
}

bool cl_is_quantity_noun(const char *s, size_t len)
{
	static const char *const list[] = { "acres", "aircraft", "airplanes", "artillery", "barrels",
		"battalions", "bombers", "bombs", "casualties", "cavalry", "copies", "dead", "deaths", "delegates",
		"dollars", "feet", "fighters", "guns", "horses", "hours", "infantry", "kilometers", "kilometres",
		"km", "kms", "lbs", "marks", "members", "men", "meters", "metres", "miles", "minutes", "people",
		"planes", "pounds", "prisoners", "rifles", "roubles", "rubles", "seats", "ships", "soldiers", "tanks",
		"tonnes", "tons", "troops", "trucks", "vehicles", "votes", "women", "wounded", "yards" };
	return IN(list, s, len);
}

bool cl_is_unit_noun(const char *s, size_t len)
{
	static const char *const list[] = { "air", "airborne", "amendment", "anniversary", "armies", "armored",
		"armoured", "army", "article", "battalion", "battery", "birthday", "bomber", "brigade", "cavalry",
		"centuries", "century", "chapter", "command", "congress", "corps", "dalai", "district", "division",
		"dynasty", "fighter", "fleet", "floor", "flotilla", "front", "group", "guards", "infantry", "legion",
		"mechanized", "minute", "mountain", "panzer", "parallel", "parliament", "party", "plenum", "precinct",
		"regiment", "rifle", "session", "shock", "squadron", "street", "tank", "ward", "wing" };
	return IN(list, s, len);
}

bool cl_is_eponym_head(const char *s, size_t len)
{
	static const char *const list[] = { "academy", "administration", "archive", "avenue", "boulevard",
		"bridge", "canal", "cathedral", "center", "centre", "class", "college", "constitution", "cult",
		"doctrine", "era", "foundation", "institute", "library", "line", "mausoleum", "medal", "memorial",
		"museum", "note", "order", "pact", "peace", "plan", "prize", "prospekt", "school", "square",
		"station", "statue", "street", "tank", "university", "youth" };
	return IN(list, s, len);
}

bool cl_is_common_word_name(const char *s, size_t len)
{
	static const char *const list[] = { "baker", "bell", "bird", "black", "brown", "bush", "carter",
		"church", "cook", "eden", "ford", "frank", "grant", "gray", "green", "grey", "hall", "hill", "hull",
		"jackson", "king", "law", "lee", "li", "lin", "long", "major", "marshall", "may", "miller", "moore",
		"park", "pope", "powell", "rice", "rose", "short", "smith", "stone", "wallace", "white", "wilson",
		"wood", "young" };
	return IN(list, s, len);
}

bool cl_is_subordinator(const char *s, size_t len)
{
	static const char *const list[] = { "after", "although", "as", "because", "before", "if", "once",
		"since", "though", "unless", "until", "when", "whenever", "where", "whereas", "whether", "while",
		"whom" };
	return IN(list, s, len);
}


/* Words that can open a date or an age expression: triggers, months, weekdays,
 * seasons, number and ordinal words. Every other word is skipped by those
 * extractors after this one lookup. */
bool cl_is_timex_trigger(const char *s, size_t len)
{
	static const char *const list[] = { "a", "ad", "age", "aged", "an", "apr", "april", "at", "aug",
		"august", "autumn", "b", "between", "dec", "december", "earlier", "early", "eight", "eighteen",
		"eighteenth", "eighth", "eightieth", "eighty", "eleven", "eleventh", "fall", "feb", "february",
		"fifteen", "fifteenth", "fifth", "fiftieth", "fifty", "first", "five", "fortieth", "forty", "four",
		"fourteen", "fourteenth", "fourth", "friday", "from", "her", "his", "hundred", "in", "is", "jan",
		"january", "jul", "july", "jun", "june", "late", "later", "many", "mar", "march", "may", "mid",
		"monday", "nine", "nineteen", "nineteenth", "ninetieth", "ninety", "ninth", "nov", "november", "oct",
		"october", "one", "saturday", "second", "sep", "sept", "september", "seven", "seventeen",
		"seventeenth", "seventh", "seventieth", "seventy", "several", "six", "sixteen", "sixteenth", "sixth",
		"sixtieth", "sixty", "some", "spring", "summer", "sunday", "ten", "tenth", "that", "the", "their",
		"then", "third", "thirteen", "thirteenth", "thirtieth", "thirty", "three", "thursday", "tuesday",
		"turned", "turns", "twelfth", "twelve", "twentieth", "twenty", "two", "was", "wednesday", "will",
		"winter", "would", "zero" };
	return IN(list, s, len);
}

/* Verbs whose subject acts at the time of the clause (simple past and present). */
bool cl_is_action_verb(const char *s, size_t len)
{
	static const char *const list[] = { "addressed", "addresses", "agreed", "agrees", "announced",
		"announces", "answered", "answers", "appointed", "appoints", "approved", "approves", "argued", "argues",
		"arrived", "arrives", "asked", "asks", "attended", "attends", "began", "boarded", "called", "calls",
		"came", "chaired", "chairs", "comes", "commanded", "commands", "complained", "convened", "cried",
		"decided", "decides", "declared", "declares", "demanded", "demands", "demoted", "departed", "dictated",
		"dictates", "dismissed", "dismisses", "drove", "fired", "flew", "flies", "gave", "gives", "glanced",
		"goes", "greeted", "greets", "grinned", "hosted", "insisted", "insists", "inspected", "inspects",
		"interrupted", "laughed", "laughs", "launched", "leads", "leaned", "led", "left", "lit", "looked",
		"looks", "meets", "met", "nodded", "nods", "opened", "ordered", "orders", "paced", "phoned", "presided",
		"promised", "promises", "proposed", "proposes", "purged", "recalled", "received", "receives", "refused",
		"refuses", "rejected", "rejects", "replied", "replies", "returned", "returns", "rose", "said", "sat",
		"says", "sends", "sent", "shouted", "shrugged", "signed", "signs", "smiled", "smiles", "snapped",
		"speaks", "spoke", "stood", "summoned", "summons", "telephoned", "tells", "told", "took", "toured",
		"traveled", "travelled", "turned", "visited", "visits", "waited", "walked", "warned", "warns", "waved",
		"welcomed", "went", "whispered", "wrote" };
	return IN(list, s, len);
}

/* Verbs that need the person they name as object alive: "met Stalin". */
bool cl_is_meeting_verb(const char *s, size_t len)
{
	static const char *const list[] = { "greeted", "greets", "interviewed", "interviews", "meet", "meeting",
		"meets", "met", "phoned", "saluted", "telephoned", "visited", "visiting", "visits" };
	return IN(list, s, len);
}

/* Words that make a clause look back or forward from its own time, or name
 * something by a later or earlier name on purpose: "the future president",
 * "the city now called Volgograd", "who would later found". */
bool cl_is_retrospective_word(const char *s, size_t len)
{
	static const char *const list[] = { "afterwards", "became", "become", "becomes", "eventual",
		"eventually", "ex", "former", "formerly", "future", "later", "modern", "now", "nowadays",
		"present-day", "renamed", "subsequently", "today", "would", "yet" };
	return IN(list, s, len);
}

/* Words about an organisation's or a place's coming into being or end:
 * "the roots of NATO", "the founding of the KGB". */
bool cl_is_origin_word(const char *s, size_t len)
{
	static const char *const list[] = { "birth", "breakup", "collapse", "created", "creation",
		"dissolution", "dissolved", "established", "fall", "forerunner", "formation", "formed", "founded",
		"founding", "origin", "origins", "precursor", "predecessor", "predecessors", "renaming", "roots",
		"successor", "successors" };
	return IN(list, s, len);
}

/* Words before "of PLACE" that make it part of an event's name: "the siege of Leningrad". */
bool cl_is_event_head(const char *s, size_t len)
{
	static const char *const list[] = { "battle", "blockade", "defence", "defense", "encirclement",
		"liberation", "relief", "siege", "treaty" };
	return IN(list, s, len);
}
