/* Per-thread module data: OpenSIPS's "one process, one set of globals" on threads.
 *
 * An OpenSIPS module's globals (.data and .bss) belong to one process: every worker got
 * its own copy at fork (after mod_init and the fixups), child_init(rank) writes its own
 * rank and handles there, and a value a function leaves in a global is still there at the
 * next call for the same message. Shared state lives in shm. sipbridge runs workers as
 * threads over one mapping of the module, so it keeps one copy of the module's writable
 * segments per thread and swaps them in when a thread takes the module's lock: the live
 * globals are always those of the thread running the module's code.
 *
 * - The swap happens when a thread takes a lock group (sb_enter, depth 0 -> 1) that the
 *   thread did not hold last: the live bytes are saved as the previous thread's copy and
 *   the taking thread's copy is loaded. Modules of one group (they call each other's code
 *   directly) swap together. Same thread again (one worker, or affinity) = no copy.
 * - A thread's first copy is the state of the module's first thread (the one that loaded
 *   it and ran mod_init and the fixups: the "main process" before the fork) as it was
 *   before that thread ran child_init(PROC_MAIN) (1.11 forks the timer and the workers
 *   first, so what the main process's child_init opens, e.g. dispatcher's DB handle, is
 *   not theirs: sb_module_image_fork_point), or, for a module process, the state of the
 *   thread that started it (sb_image_origin: what a forked child inherits, e.g. the
 *   sockets mi_datagram's pre_fork_function opened).
 * - A module process runs its function without the module's lock, so once one runs the
 *   module's image is pinned to that process's copy (sb_module_image_pin): every thread
 *   then shares those globals, as docs/core-net.md describes; switching under a thread
 *   that reads them unlocked would swap its state away.
 * - Only modules that are not thread-safe have images: a module declared thread-safe
 *   shares its globals between threads, as the operator declared it can.
 * - The writable ranges are the module's PT_LOAD segments with write permission, minus
 *   the RELRO part (read-only after relocation); they hold .data, .bss and .got.plt
 *   (the latter identical in every copy).
 * - Not swapped: pkg memory (one heap for all threads: a block allocated in mod_init is
 *   shared, as is a pkg block one thread hands to another), libraries' own globals.
 *
 * Memory: one malloc'd copy per thread that entered the module, freed at unload. */
#define _GNU_SOURCE
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"

#define SB_IMAGE_MAX_RANGES 4

struct sb_image_copy {
	int thread;          /* sb_thread_id() of the owner */
	char *data;          /* total bytes: the ranges, concatenated */
};

struct sb_image {
	int nranges;
	char *start[SB_IMAGE_MAX_RANGES];
	size_t len[SB_IMAGE_MAX_RANGES];
	size_t total;
	int creator;         /* the thread whose state new threads start from */
	int forked;          /* 1: the copy of SB_IMAGE_FORK holds that state (fork point) */
	int live;            /* the thread whose state the ranges hold now */
	int pinned;          /* a module process runs it without the lock: no more switching */
	struct sb_image_copy *copies;
	int ncopies, capcopies;
	unsigned long swaps; /* for tests and the summary */
};

struct find_ctx {
	uintptr_t symbol;
	struct sb_image *img;
	int found;
};

static int add_range(struct sb_image *img, uintptr_t lo, uintptr_t hi)
{
	if (img->nranges == SB_IMAGE_MAX_RANGES)
		return -1;
	img->start[img->nranges] = (char *)lo;
	img->len[img->nranges] = hi - lo;
	img->total += hi - lo;
	img->nranges++;
	return 0;
}

static int find_object(struct dl_phdr_info *info, size_t size, void *data)
{
	struct find_ctx *fc = data;
	uintptr_t relro_lo = 0, relro_hi = 0;
	int i, contains = 0;
	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
		if (ph->p_type == PT_LOAD && fc->symbol >= lo && fc->symbol < lo + ph->p_memsz)
			contains = 1;
		if (ph->p_type == PT_GNU_RELRO) {
			relro_lo = lo;
			relro_hi = lo + ph->p_memsz;
		}
	}
	if (!contains)
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
			continue;
		if (relro_hi > lo && relro_lo < hi) {
			/* the loader makes RELRO read-only from its page start: keep what lies
			 * before that page and what follows RELRO */
			uintptr_t page_lo = relro_lo & ~(uintptr_t)4095;
			if (page_lo > lo && add_range(fc->img, lo, page_lo) < 0)
				return -1;
			lo = relro_hi;
		}
		if (hi > lo && add_range(fc->img, lo, hi) < 0)
			return -1;
	}
	fc->found = 1;
	return 1;
}

/* Java, after loading a module that is not thread-safe: give it per-thread data. symbol is
 * any address inside the module (its exports). Returns the bytes per copy (0: nothing
 * writable), -1 when the module was not found or has too many writable segments. */
SB_JAVA_API long sb_module_image_init(int index, void *symbol)
{
	struct sb_module *m = sb_module_at(index);
	struct find_ctx fc;
	if (m == NULL || symbol == NULL || m->image != NULL)
		return -1;
	fc.symbol = (uintptr_t)symbol;
	fc.found = 0;
	fc.img = calloc(1, sizeof(*fc.img));
	if (fc.img == NULL)
		return -1;
	if (dl_iterate_phdr(find_object, &fc) < 0 || !fc.found) {
		free(fc.img);
		return -1;
	}
	fc.img->creator = fc.img->live = sb_thread_id();
	m->image = fc.img;
	sb_module_groups_changed();
	return (long)fc.img->total;
}

/* the owner id of the fork-point copy: no thread has it */
#define SB_IMAGE_FORK (-1000)

static struct sb_image_copy *copy_of(struct sb_image *img, int thread)
{
	int i;
	for (i = 0; i < img->ncopies; i++)
		if (img->copies[i].thread == thread)
			return &img->copies[i];
	return NULL;
}

static struct sb_image_copy *new_copy(struct sb_image *img, int thread)
{
	struct sb_image_copy *c;
	if (img->ncopies == img->capcopies) {
		int cap = img->capcopies ? img->capcopies * 2 : 8;
		struct sb_image_copy *bigger = realloc(img->copies, cap * sizeof(*bigger));
		if (bigger == NULL)
			return NULL;
		img->copies = bigger;
		img->capcopies = cap;
	}
	c = &img->copies[img->ncopies];
	c->data = malloc(img->total ? img->total : 1);
	if (c->data == NULL)
		return NULL;
	c->thread = thread;
	img->ncopies++;
	return c;
}

static void save_live(struct sb_image *img, char *to)
{
	int i;
	for (i = 0; i < img->nranges; i++) {
		memcpy(to, img->start[i], img->len[i]);
		to += img->len[i];
	}
}

static void load_live(struct sb_image *img, const char *from)
{
	int i;
	for (i = 0; i < img->nranges; i++) {
		memcpy(img->start[i], from, img->len[i]);
		from += img->len[i];
	}
}

/* Makes the module's globals those of thread self. Called with the module's lock held and
 * none of its code on any stack. On no memory the live state stays (logged): the module
 * then runs on another thread's globals rather than not at all. */
static void image_switch(struct sb_module *m, int self)
{
	struct sb_image *img = m->image;
	struct sb_image_copy *prev, *mine, *origin;
	if (img->live == self || img->pinned)
		return;
	prev = copy_of(img, img->live);
	if (prev == NULL)
		prev = new_copy(img, img->live);
	if (prev == NULL)
		goto oom;
	save_live(img, prev->data);
	mine = copy_of(img, self);
	if (mine == NULL) {
		int from = sb_image_origin && copy_of(img, sb_image_origin) ? sb_image_origin
				: img->forked ? SB_IMAGE_FORK : img->creator;
		origin = copy_of(img, from);   /* saved above or earlier */
		mine = new_copy(img, self);
		if (mine == NULL || origin == NULL)
			goto oom;
		origin = copy_of(img, from);   /* new_copy may have moved the array */
		memcpy(mine->data, origin->data, img->total);
	}
	load_live(img, mine->data);
	img->live = self;
	img->swaps++;
	return;
oom:
	LM_ERR("no memory for the per-thread globals of module %s: running on another thread's\n",
			m->name);
}

__thread int sb_image_origin;

/* Called on the thread that loaded the module, with its lock held, just before its
 * child_init(PROC_MAIN): the live globals (mod_init and the fixups done, nothing of the
 * main process's child_init yet) become the state every later thread starts from. Once. */
void sb_module_image_fork_point(struct sb_module *m)
{
	struct sb_image *img = m->image;
	struct sb_image_copy *c;
	if (img == NULL || img->forked || img->pinned || img->live != img->creator)
		return;
	c = new_copy(img, SB_IMAGE_FORK);
	if (c == NULL) {
		LM_ERR("no memory for the fork-point globals of module %s: threads start from the "
				"main thread's state\n", m->name);
		return;
	}
	save_live(img, c->data);
	img->forked = 1;
}

void sb_module_image_pin(struct sb_module *m)
{
	if (m->image)
		m->image->pinned = 1;
}

void sb_group_switch(struct sb_lock_group *g, int self)
{
	struct sb_module *m;
	for (m = g->members; m; m = m->next_member)
		if (m->image)
			image_switch(m, self);
	g->live_thread = self;
}

void sb_module_image_free(struct sb_module *m)
{
	struct sb_image *img = m->image;
	int i;
	if (img == NULL)
		return;
	for (i = 0; i < img->ncopies; i++)
		free(img->copies[i].data);
	free(img->copies);
	free(img);
	m->image = NULL;
}

/* Java (tests, summary): bytes per copy, copies held, swaps so far; -1 without image. */
SB_JAVA_API long sb_module_image_info(int index, int what)
{
	struct sb_module *m = sb_module_at(index);
	if (m == NULL || m->image == NULL)
		return -1;
	switch (what) {
	case 0: return (long)m->image->total;
	case 1: return m->image->ncopies - m->image->forked;   /* copies of threads */
	case 2: return (long)m->image->swaps;
	default: return -1;
	}
}
