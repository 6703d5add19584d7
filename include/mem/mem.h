/* sipbridge module SDK: "pkg" memory (OpenSIPS 1.11 interface).
 *
 * In OpenSIPS pkg memory is private to a process. sipbridge runs workers as threads of
 * one process, so pkg and shm are both visible to every thread; they stay separate
 * pools only for accounting. Every block is charged to the module whose code was running
 * when it was allocated (the core sets that around each call into a module) and freeing
 * it credits that module back, whoever frees it. A module may free with pkg_free what
 * the core allocated for it (fixup parameters, lump text) and vice versa. */
#ifndef SB_SDK_MEM_H
#define SB_SDK_MEM_H

#include <stddef.h>
#include "../dprint.h"

void *pkg_malloc(size_t size);
void *pkg_realloc(void *p, size_t size);
void pkg_free(void *p);

/* OpenSIPS reports; here they log the caller module's accounting. */
void pkg_status(void);
void pkg_info(void);

#define PKG_MEM_ERROR LM_ERR("No more pkg memory\n")

#endif
