/* pkg and shm memory with per-module accounting.
 *
 * Both pools sit on the C library's malloc (thread-safe; workers are threads of one
 * process). Each block carries a 32-byte header naming the pool and the module it is
 * charged to, so a block freed by someone else (the core freeing lump text a module
 * allocated) credits the right module, and a bad or double free is reported instead of
 * corrupting the heap. Counters are atomics: any thread may allocate or free.
 *
 * The header starts with 16 bytes of padding: glibc keeps its free-list links in the
 * first 16 bytes of a freed chunk (tcache next and key, fastbin/smallbin fd and bk), so
 * the magic after them still reads FREED after free() and a double free is reported as
 * one. Limits: the mark lasts only until malloc reuses or merges the chunk, and chunks
 * of 1 KiB and more that bypass the tcache get links at bytes 16..31 too (a double free
 * of one is still refused, reported as a bad pointer). A stale pointer freed again
 * after its chunk went to a new block frees that new block: the pointer cannot be told
 * from the new owner's. A block large enough to be mmapped (128 KiB by default) is
 * unmapped by free(), so freeing it again faults reading the header. */
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"

#define SB_MAGIC_PKG   0x504b4731u  /* "PKG1" */
#define SB_MAGIC_SHM   0x53484d31u  /* "SHM1" */
#define SB_MAGIC_FREED 0x46524545u  /* "FREE" */

struct sb_block {
	uint64_t malloc_links[2];   /* what free() overwrites first: never read */
	uint32_t magic;
	uint16_t owner;
	uint16_t reserved;
	uint64_t size;
};
_Static_assert(sizeof(struct sb_block) == 32, "keeps user memory 16-byte aligned");

struct sb_counters {
	long live_bytes;
	long live_blocks;
	long peak_bytes;
	long total_allocs;
	long failed_allocs;
	long bad_frees;
};

static struct sb_counters counters[2][SB_MAX_MODULES];

__thread int sb_current_module SB_TLS_HOT;

static void account_alloc(int pool, int owner, long size)
{
	struct sb_counters *c = &counters[pool][owner];
	long now = __atomic_add_fetch(&c->live_bytes, size, __ATOMIC_RELAXED);
	long peak = __atomic_load_n(&c->peak_bytes, __ATOMIC_RELAXED);
	__atomic_add_fetch(&c->live_blocks, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&c->total_allocs, 1, __ATOMIC_RELAXED);
	while (now > peak && !__atomic_compare_exchange_n(&c->peak_bytes, &peak, now, 1,
			__ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

static void account_free(int pool, int owner, long size)
{
	struct sb_counters *c = &counters[pool][owner];
	__atomic_sub_fetch(&c->live_bytes, size, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&c->live_blocks, 1, __ATOMIC_RELAXED);
}

static int owner_now(void)
{
	int m = sb_current_module;
	return (m >= 0 && m < SB_MAX_MODULES) ? m : SB_CORE_MODULE;
}

static void *block_alloc(int pool, int owner, size_t size)
{
	struct sb_block *b;
	if (size > (size_t)1 << 40 || (b = malloc(sizeof(*b) + size)) == NULL) {
		__atomic_add_fetch(&counters[pool][owner].failed_allocs, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	b->magic = pool == SB_POOL_PKG ? SB_MAGIC_PKG : SB_MAGIC_SHM;
	b->owner = (uint16_t)owner;
	b->reserved = 0;
	b->size = size;
	account_alloc(pool, owner, (long)size);
	return b + 1;
}

/* The header of a live block of the given pool, or NULL (reported) if p is not one. */
static struct sb_block *block_of(int pool, void *p, const char *what)
{
	struct sb_block *b = (struct sb_block *)p - 1;
	uint32_t want = pool == SB_POOL_PKG ? SB_MAGIC_PKG : SB_MAGIC_SHM;
	if (b->magic != want) {
		__atomic_add_fetch(&counters[pool][owner_now()].bad_frees, 1, __ATOMIC_RELAXED);
		sb_log(L_CRIT, sb_module_at(owner_now()) ? sb_module_at(owner_now())->name : "core",
				what, "BUG: %s of %p that is not a live %s block (%s)", what, p,
				pool == SB_POOL_PKG ? "pkg" : "shm",
				b->magic == SB_MAGIC_FREED ? "double free" : "bad pointer");
		return NULL;
	}
	return b;
}

/* A volatile store: the compiler would drop a plain one to memory free() releases. */
static void mark_freed(struct sb_block *b)
{
	*(volatile uint32_t *)&b->magic = SB_MAGIC_FREED;
}

static void block_free(int pool, void *p, const char *what)
{
	struct sb_block *b;
	if (p == NULL)
		return;
	if ((b = block_of(pool, p, what)) == NULL)
		return;
	account_free(pool, b->owner, (long)b->size);
	mark_freed(b);
	free(b);
}

static void *block_realloc(int pool, void *p, size_t size, const char *what)
{
	struct sb_block *b, *nb;
	int owner;
	uint64_t old;
	if (p == NULL)
		return block_alloc(pool, owner_now(), size);
	if (size == 0) {
		block_free(pool, p, what);
		return NULL;
	}
	if ((b = block_of(pool, p, what)) == NULL)
		return NULL;
	owner = b->owner;
	old = b->size;
	/* marked freed first: if realloc moves the block, the old chunk reads FREED */
	mark_freed(b);
	if ((nb = realloc(b, sizeof(*nb) + size)) == NULL) {
		b->magic = pool == SB_POOL_PKG ? SB_MAGIC_PKG : SB_MAGIC_SHM;
		__atomic_add_fetch(&counters[pool][owner].failed_allocs, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	nb->magic = pool == SB_POOL_PKG ? SB_MAGIC_PKG : SB_MAGIC_SHM;
	nb->size = size;
	account_free(pool, owner, (long)old);
	account_alloc(pool, owner, (long)size);
	__atomic_sub_fetch(&counters[pool][owner].total_allocs, 1, __ATOMIC_RELAXED);
	return nb + 1;
}

void *pkg_malloc(size_t size) { return block_alloc(SB_POOL_PKG, owner_now(), size); }
void *pkg_realloc(void *p, size_t size) { return block_realloc(SB_POOL_PKG, p, size, "pkg_realloc"); }
void pkg_free(void *p) { block_free(SB_POOL_PKG, p, "pkg_free"); }
void *shm_malloc(size_t size) { return block_alloc(SB_POOL_SHM, owner_now(), size); }
void *shm_realloc(void *p, size_t size) { return block_realloc(SB_POOL_SHM, p, size, "shm_realloc"); }
void shm_free(void *p) { block_free(SB_POOL_SHM, p, "shm_free"); }

void *sb_pkg_malloc_for(int module, size_t size)
{
	if (module < 0 || module >= SB_MAX_MODULES)
		module = SB_CORE_MODULE;
	return block_alloc(SB_POOL_PKG, module, size);
}

char *sb_pkg_strdup_for(int module, const char *s)
{
	size_t n = strlen(s);
	char *d = sb_pkg_malloc_for(module, n + 1);
	if (d)
		memcpy(d, s, n + 1);
	return d;
}

char *sb_pkg_strdup_tagged(int module, const char *s, uint16_t tag)
{
	char *d = sb_pkg_strdup_for(module, s);
	if (d)
		((struct sb_block *)d - 1)->reserved = tag;
	return d;
}

int sb_pkg_is_tagged(const void *p, uint16_t tag)
{
	const struct sb_block *b = (const struct sb_block *)p - 1;
	return p != NULL && b->magic == SB_MAGIC_PKG && b->reserved == tag;
}

static void log_status(int pool)
{
	int m = owner_now();
	struct sb_counters *c = &counters[pool][m];
	struct sb_module *mod = sb_module_at(m);
	sb_log(L_INFO, mod ? mod->name : "core", pool == SB_POOL_PKG ? "pkg_status" : "shm_status",
			"%s memory: %ld bytes in %ld blocks live, peak %ld bytes, %ld allocations",
			pool == SB_POOL_PKG ? "pkg" : "shm", c->live_bytes, c->live_blocks,
			c->peak_bytes, c->total_allocs);
}

void pkg_status(void) { log_status(SB_POOL_PKG); }
void pkg_info(void) { log_status(SB_POOL_PKG); }
void shm_status(void) { log_status(SB_POOL_SHM); }
unsigned long shm_available(void) { return 1UL << 40; }

int sb_mem_module_clean(int module)
{
	int pool;
	for (pool = 0; pool < 2; pool++) {
		struct sb_counters *c = &counters[pool][module];
		if (__atomic_load_n(&c->live_bytes, __ATOMIC_RELAXED) != 0 ||
				__atomic_load_n(&c->live_blocks, __ATOMIC_RELAXED) != 0)
			return 0;
	}
	return 1;
}

void sb_mem_forget(int module)
{
	memset(&counters[SB_POOL_PKG][module], 0, sizeof(struct sb_counters));
	memset(&counters[SB_POOL_SHM][module], 0, sizeof(struct sb_counters));
}

/* Java: the counters of one module and pool, in the order of struct sb_counters. */
SB_JAVA_API int sb_mem_counters(int module, int pool, long *out, int n)
{
	long *src;
	int i;
	if (module < 0 || module >= SB_MAX_MODULES || pool < 0 || pool > 1 || n > 6)
		return -1;
	src = (long *)&counters[pool][module];
	for (i = 0; i < n; i++)
		out[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
	return n;
}

/* Java: forget the peaks and totals of a module (a test starting a new measurement). */
SB_JAVA_API void sb_mem_reset_peaks(int module)
{
	int pool;
	if (module < 0 || module >= SB_MAX_MODULES)
		return;
	for (pool = 0; pool < 2; pool++) {
		struct sb_counters *c = &counters[pool][module];
		__atomic_store_n(&c->peak_bytes, __atomic_load_n(&c->live_bytes, __ATOMIC_RELAXED),
				__ATOMIC_RELAXED);
		__atomic_store_n(&c->total_allocs, 0, __ATOMIC_RELAXED);
	}
}

/* Java: allocate/free pkg memory charged to a module (parameters the core hands to
 * fixups, strings for modparam STR_PARAM). */
SB_JAVA_API char *sb_pkg_strdup(int module, const char *s)
{
	return sb_pkg_strdup_for(module, s);
}

SB_JAVA_API void sb_pkg_free(void *p) { pkg_free(p); }
