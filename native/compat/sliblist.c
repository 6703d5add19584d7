/* sliblist.h: head/tail list, element and data in one allocation. */
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/sliblist.h"
#pragma GCC visibility pop

struct slinkedl_list {
	struct slinkedl_element *head;
	struct slinkedl_element *tail;
	slinkedl_alloc_f *alloc;
	slinkedl_dealloc_f *dealloc;
};

struct slinkedl_element {
	void *data;
	struct slinkedl_element *next;
};

slinkedl_list_t *slinkedl_init(slinkedl_alloc_f *alloc, slinkedl_dealloc_f *dealloc)
{
	slinkedl_list_t *l;
	if (alloc == NULL || dealloc == NULL)
		return NULL;
	l = alloc(sizeof(*l));
	if (l) {
		memset(l, 0, sizeof(*l));
		l->alloc = alloc;
		l->dealloc = dealloc;
	}
	return l;
}

static slinkedl_element_t *new_element(slinkedl_list_t *l, size_t e_size)
{
	slinkedl_element_t *e;
	if (l == NULL || e_size == 0)
		return NULL;
	e = l->alloc(sizeof(*e) + e_size);
	if (e) {
		e->data = e + 1;
		e->next = NULL;
	}
	return e;
}

void *slinkedl_prepend(slinkedl_list_t *l, size_t e_size)
{
	slinkedl_element_t *e = new_element(l, e_size);
	if (e == NULL)
		return NULL;
	e->next = l->head;
	l->head = e;
	if (l->tail == NULL)
		l->tail = e;
	return e->data;
}

void *slinkedl_append(slinkedl_list_t *l, size_t e_size)
{
	slinkedl_element_t *e = new_element(l, e_size);
	if (e == NULL)
		return NULL;
	if (l->tail)
		l->tail->next = e;
	else
		l->head = e;
	l->tail = e;
	return e->data;
}

int slinkedl_traverse(slinkedl_list_t *l, slinkedl_run_data_f f, void *data, void *r_data)
{
	slinkedl_element_t *e;
	int r;
	if (l == NULL)
		return -1;
	if (f == NULL)
		return -2;
	for (e = l->head; e; e = e->next)
		if ((r = f(e->data, data, r_data)) != 0)
			return r;
	return 0;
}

void slinkedl_list_destroy(slinkedl_list_t *l)
{
	slinkedl_element_t *e, *n;
	if (l == NULL)
		return;
	for (e = l->head; e; e = n) {
		n = e->next;
		l->dealloc(e);
	}
	l->dealloc(l);
}
