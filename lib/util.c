/* util.c - errors, bounded buffers, arrays, an arena for result strings, UTF-8. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "internal.h"

#define CL_BUF_DEFAULT_MAX ((size_t)1 << 30)

int cl_error_set(cl_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
	}
	return code;
}

int cl_array_grow(void **items, size_t *cap, size_t size, size_t need)
{
	size_t n;
	void *p;
	if (need <= *cap)
		return 0;
	n = *cap ? *cap : 16;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			return -1;
		n *= 2;
	}
	p = realloc(*items, n * size);
	if (!p)
		return -1;
	*items = p;
	*cap = n;
	return 0;
}

static int buf_reserve(cl_buf *buf, size_t extra)
{
	size_t max = buf->max ? buf->max : CL_BUF_DEFAULT_MAX;
	size_t need;
	if (extra > max || buf->len > max - extra)
		return CL_ERR_LIMIT;
	need = buf->len + extra + 1;
	if (need > buf->cap) {
		size_t n = buf->cap ? buf->cap : 256;
		char *p;
		while (n < need)
			n *= 2;
		p = realloc(buf->ptr, n);
		if (!p)
			return CL_ERR_NOMEM;
		buf->ptr = p;
		buf->cap = n;
	}
	return CL_OK;
}

int cl_buf_put(cl_buf *buf, const void *data, size_t len)
{
	int rc = buf_reserve(buf, len);
	if (rc)
		return rc;
	memcpy(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
	return CL_OK;
}

int cl_buf_putc(cl_buf *buf, char c)
{
	return cl_buf_put(buf, &c, 1);
}

int cl_buf_printf(cl_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int n, rc;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return CL_ERR_INVALID;
	if ((rc = buf_reserve(buf, (size_t)n)) != CL_OK)
		return rc;
	va_start(ap, fmt);
	vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf->len += (size_t)n;
	return CL_OK;
}

void cl_buf_free(cl_buf *buf)
{
	free(buf->ptr);
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
}

struct cl_arena_block {
	cl_arena_block *next;
	size_t used, size;
	_Alignas(max_align_t) char data[];
};

static char *arena_alloc(cl_arena *arena, size_t n)
{
	cl_arena_block *b = arena->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > 16384 ? n : 16384;
		b = malloc(sizeof(*b) + size);
		if (!b) {
			arena->failed = true;
			return NULL;
		}
		b->size = size;
		b->used = 0;
		b->next = arena->head;
		arena->head = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

void *cl_arena_copy(cl_arena *arena, const void *items, size_t size)
{
	/* round up so that a copied array of pointers or structs stays aligned */
	size_t aligned = (size + 15) & ~(size_t)15;
	char *p;
	cl_arena_block *b = arena->head;
	if (size == 0)
		return NULL;
	if (b) {
		size_t pad = (16 - ((uintptr_t)(b->data + b->used) & 15)) & 15;
		/* a fresh block starts aligned, so pad only when this one has room */
		if (b->size - b->used >= pad + aligned)
			b->used += pad;
	}
	p = arena_alloc(arena, aligned);
	if (p)
		memcpy(p, items, size);
	return p;
}

char *cl_arena_strndup(cl_arena *arena, const char *s, size_t len)
{
	char *p = arena_alloc(arena, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *cl_arena_printf(cl_arena *arena, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(p = arena_alloc(arena, (size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void cl_arena_free(cl_arena *arena)
{
	cl_arena_block *b = arena->head;
	while (b) {
		cl_arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena->head = NULL;
	arena->failed = false;
}

size_t cl_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c;
	size_t n, i;
	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

bool cl_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	if (cp == 0xD7 || cp == 0xF7)
		return false;
	return (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x370 && cp <= 0x3FF && cp != 0x37E) ||
	       (cp >= 0x400 && cp <= 0x52F) || (cp >= 0x1E00 && cp <= 0x1FFF) ||
	       (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x5D0 && cp <= 0x6FF);
}

bool cl_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if (cp >= 0x100 && cp <= 0x17F)
		return (cp & 1) == 0;
	if (cp >= 0x410 && cp <= 0x42F)
		return true;
	if (cp >= 0x391 && cp <= 0x3AB)
		return true;
	return false;
}

bool cl_starts_ci(const char *s, size_t len, size_t at, const char *word)
{
	size_t n = strlen(word);
	return at <= len && len - at >= n && cl_word_eqn(s + at, word, n);
}

bool cl_word_eqn(const char *s, const char *word, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		char a = s[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (a != word[i])
			return false;
	}
	return true;
}

void cl_ascii_lower(char *out, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	out[len] = '\0';
}

uint64_t cl_fnv1a(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}
