/* Chunked bump allocator (see arena.h). Chunks come from malloc: they are the core's
 * own memory, not a module's pkg memory. */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "arena.h"

struct sb_arena_chunk {
	struct sb_arena_chunk *next;
	size_t cap;
	size_t used;
	_Alignas(16) char data[];
};

static struct sb_arena_chunk *chunk_new(size_t cap)
{
	struct sb_arena_chunk *c = malloc(sizeof(*c) + cap);
	if (c == NULL)
		return NULL;
	c->next = NULL;
	c->cap = cap;
	c->used = 0;
	return c;
}

int sb_arena_init(struct sb_arena *a, size_t chunk_size)
{
	a->chunk_size = chunk_size < 1024 ? 1024 : chunk_size;
	a->head = a->cur = chunk_new(a->chunk_size);
	return a->head ? 0 : -1;
}

void *sb_arena_alloc(struct sb_arena *a, size_t size)
{
	struct sb_arena_chunk *c = a->cur;
	size = (size + 15) & ~(size_t)15;
	while (c) {
		if (c->cap - c->used >= size) {
			void *p = c->data + c->used;
			c->used += size;
			a->cur = c;
			memset(p, 0, size);
			return p;
		}
		if (c->next == NULL)
			break;
		c = c->next;
	}
	/* no room left: a new chunk, kept for the next messages */
	struct sb_arena_chunk *n = chunk_new(size > a->chunk_size ? size : a->chunk_size);
	if (n == NULL)
		return NULL;
	if (c)
		c->next = n;
	else
		a->head = n;
	a->cur = n;
	n->used = size;
	memset(n->data, 0, size);
	return n->data;
}

void sb_arena_reset(struct sb_arena *a)
{
	struct sb_arena_chunk *c;
	for (c = a->head; c; c = c->next)
		c->used = 0;
	a->cur = a->head;
}

int sb_arena_owns(const struct sb_arena *a, const void *p)
{
	const struct sb_arena_chunk *c;
	uintptr_t x = (uintptr_t)p;
	for (c = a->head; c; c = c->next)
		if (x >= (uintptr_t)c->data && x < (uintptr_t)c->data + c->cap)
			return 1;
	return 0;
}

void sb_arena_destroy(struct sb_arena *a)
{
	struct sb_arena_chunk *c = a->head, *n;
	while (c) {
		n = c->next;
		free(c);
		c = n;
	}
	a->head = a->cur = NULL;
}

size_t sb_arena_chunk_count(const struct sb_arena *a)
{
	size_t n = 0;
	const struct sb_arena_chunk *c;
	for (c = a->head; c; c = c->next)
		n++;
	return n;
}
