/* story.c - a manuscript: what the files read so far established (deaths,
 * executions, the birth years and deaths of the people the text invents),
 * carried into the next file so that chapter 7 is held to chapter 3. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

struct cl_story {
	CL_ARRAY(cl_doc_person) people;
	CL_ARRAY(cl_doc_death) deaths;
	cl_arena arena; /* names and file names */
};

int cl_story_new(cl_story **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? CL_OK : CL_ERR_NOMEM;
}

void cl_story_free(cl_story *story)
{
	if (!story)
		return;
	free(story->people.items);
	free(story->deaths.items);
	cl_arena_free(&story->arena);
	free(story);
}

int cl_story_preload(const cl_story *story, cl_doc *doc)
{
	size_t k;
	for (k = 0; k < story->people.len; k++)
		if (CL_ARRAY_PUSH(doc->people, story->people.items[k]))
			return CL_ERR_NOMEM;
	for (k = 0; k < story->deaths.len; k++)
		if (CL_ARRAY_PUSH(doc->deaths, story->deaths.items[k]))
			return CL_ERR_NOMEM;
	return CL_OK;
}

/* A fact from this file is named by this file from now on. */
static const char *file_of(cl_story *story, const char *file, const char **this_file, const char *name)
{
	if (file)
		return file;
	if (!*this_file)
		*this_file = cl_arena_strndup(&story->arena, name, strlen(name));
	return *this_file;
}

int cl_story_absorb(cl_story *story, const cl_doc *doc)
{
	const char *this_file = NULL;
	size_t k, before = story->people.len;
	story->deaths.len = 0;
	for (k = 0; k < doc->people.len; k++) {
		cl_doc_person p = doc->people.items[k];
		/* the names preloaded are the story's already (each section of a
		 * long text goes through here) */
		if (k >= before || p.name != story->people.items[k].name)
			p.name = cl_arena_strndup(&story->arena, p.name, strlen(p.name));
		if (k >= before || p.surname != story->people.items[k].surname)
			p.surname = cl_arena_strndup(&story->arena, p.surname, strlen(p.surname));
		if (p.born_known)
			p.born_file = file_of(story, p.born_file, &this_file, doc->name);
		if (p.died_known)
			p.died_file = file_of(story, p.died_file, &this_file, doc->name);
		if (!p.name || !p.surname || (p.born_known && !p.born_file) || (p.died_known && !p.died_file))
			return CL_ERR_NOMEM;
		if (k < before)
			story->people.items[k] = p;
		else if (CL_ARRAY_PUSH(story->people, p))
			return CL_ERR_NOMEM;
	}
	if (doc->people.len < before)
		story->people.len = doc->people.len;
	for (k = 0; k < doc->deaths.len; k++) {
		cl_doc_death d = doc->deaths.items[k];
		d.file = file_of(story, d.file, &this_file, doc->name);
		if (!d.file || CL_ARRAY_PUSH(story->deaths, d))
			return CL_ERR_NOMEM;
	}
	return CL_OK;
}
