/* sipbridge module SDK: a singly linked list with caller-chosen allocators (OpenSIPS
 * 1.11 sliblist.h). Each element's data block (e_size bytes) is allocated together with
 * the element and belongs to the list; slinkedl_list_destroy frees everything with the
 * list's dealloc. */
#ifndef SB_SDK_SLIBLIST_H
#define SB_SDK_SLIBLIST_H

#include <sys/types.h>
#include <stddef.h>

typedef struct slinkedl_list slinkedl_list_t;
typedef struct slinkedl_element slinkedl_element_t;

typedef void *(slinkedl_alloc_f)(size_t size);
typedef void (slinkedl_dealloc_f)(void *ptr);
/* called per element; a non-zero result stops the walk and is returned */
typedef int (slinkedl_run_data_f)(void *e_data, void *data, void *r_data);

/* NULL when an allocator is missing or out of memory */
slinkedl_list_t *slinkedl_init(slinkedl_alloc_f *alloc, slinkedl_dealloc_f *dealloc);
/* a new zero-sized-header element at the head / tail: its data block, or NULL */
void *slinkedl_prepend(slinkedl_list_t *list, size_t e_size);
void *slinkedl_append(slinkedl_list_t *list, size_t e_size);
/* 0 after every element, -1 no list, -2 no function, else func's result */
int slinkedl_traverse(slinkedl_list_t *list, slinkedl_run_data_f run_data, void *data,
		void *r_data);
void slinkedl_list_destroy(slinkedl_list_t *list);

#endif
