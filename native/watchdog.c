/* Breadcrumbs: per thread, which module function it is running (see sb_core.h). They live
 * in one region: static memory until the server opens its crumb file, then a MAP_SHARED
 * mapping of that file, so that after any death of the process (SIGSEGV, abort(),
 * SIGKILL, a watchdog kill) the file still says which module and function each worker
 * was in. The next start reads it (Java, CrashReport) and logs it. No signal handler is
 * needed for that, so nothing interferes with the JVM's own use of signals.
 *
 * Region layout (little-endian, fixed; CrashReport.java reads it):
 *   header   64 bytes   magic "SBCRUMB1", int32 version, pid, clean, threads, labels,
 *                       label_len, modules, module_name_len, int64 start time (s)
 *   crumbs   SB_CRUMB_THREADS x struct sb_crumb (32 bytes), indexed by sb_thread_id()
 *   modules  SB_MAX_MODULES x SB_CRUMB_NAME_LEN   module names by index
 *   labels   SB_CRUMB_LABELS x SB_CRUMB_LABEL_LEN "module:function" by label id
 * Old mappings are never unmapped: a thread may still write to the one it started in. */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "sb_core.h"

#define SB_CRUMB_THREADS 512
#define SB_CRUMB_LABELS 8192
#define SB_CRUMB_LABEL_LEN 64
#define SB_CRUMB_NAME_LEN 32
#define SB_CRUMB_HEADER 64

struct sb_crumb_header {
	char magic[8];
	int32_t version, pid, clean, threads, labels, label_len, modules, name_len;
	int64_t started;
};

#define OFF_CRUMBS SB_CRUMB_HEADER
#define OFF_NAMES (OFF_CRUMBS + SB_CRUMB_THREADS * (int)sizeof(struct sb_crumb))
#define OFF_LABELS (OFF_NAMES + SB_MAX_MODULES * SB_CRUMB_NAME_LEN)
#define REGION_SIZE (OFF_LABELS + SB_CRUMB_LABELS * SB_CRUMB_LABEL_LEN)

static char static_region[REGION_SIZE] __attribute__((aligned(64)));
static char *volatile region = static_region;
/* The same pointer, for sb_crumb_self_fast's check (sb_core.h); written with region. */
char *volatile sb_crumb_region = static_region;
__thread struct sb_crumb *sb_crumb_mine SB_TLS_HOT;
__thread char *sb_crumb_mine_in SB_TLS_HOT;
static int next_label = 1;
static pthread_mutex_t crumb_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread struct sb_crumb overflow_crumb;   /* threads past SB_CRUMB_THREADS */

typedef char sb_crumb_is_32_bytes[sizeof(struct sb_crumb) == 32 ? 1 : -1];
typedef char sb_header_fits[sizeof(struct sb_crumb_header) <= SB_CRUMB_HEADER ? 1 : -1];

struct sb_crumb *sb_crumb_self(void)
{
	int tid = sb_thread_id();
	if (tid <= 0 || tid >= SB_CRUMB_THREADS)
		return &overflow_crumb;
	return (struct sb_crumb *)(region + OFF_CRUMBS) + tid;
}

/* sb_crumb_self, remembered for the calling thread with the region it points into. The
 * region is read first: if the file opens meanwhile, the next call sees the new one. */
struct sb_crumb *sb_crumb_self_cache(void)
{
	char *r = __atomic_load_n(&sb_crumb_region, __ATOMIC_ACQUIRE);
	int tid = sb_thread_id();
	struct sb_crumb *c = tid <= 0 || tid >= SB_CRUMB_THREADS ? &overflow_crumb
			: (struct sb_crumb *)(r + OFF_CRUMBS) + tid;
	sb_crumb_mine = c;
	sb_crumb_mine_in = r;
	return c;
}

static void fill_header(char *r)
{
	struct sb_crumb_header *h = (struct sb_crumb_header *)r;
	memcpy(h->magic, "SBCRUMB1", 8);
	h->version = 1;
	h->pid = (int32_t)getpid();
	h->clean = 0;
	h->threads = SB_CRUMB_THREADS;
	h->labels = SB_CRUMB_LABELS;
	h->label_len = SB_CRUMB_LABEL_LEN;
	h->modules = SB_MAX_MODULES;
	h->name_len = SB_CRUMB_NAME_LEN;
	h->started = (int64_t)time(NULL);
}

int sb_crumb_label_new(const char *text)
{
	int id;
	pthread_mutex_lock(&crumb_lock);
	id = next_label < SB_CRUMB_LABELS ? next_label++ : 0;
	if (id > 0 && text)
		strncpy(region + OFF_LABELS + id * SB_CRUMB_LABEL_LEN, text, SB_CRUMB_LABEL_LEN - 1);
	pthread_mutex_unlock(&crumb_lock);
	return id;
}

void sb_crumb_module_named(int index, const char *name)
{
	if (index <= 0 || index >= SB_MAX_MODULES || !name)
		return;
	pthread_mutex_lock(&crumb_lock);
	memset(region + OFF_NAMES + index * SB_CRUMB_NAME_LEN, 0, SB_CRUMB_NAME_LEN);
	strncpy(region + OFF_NAMES + index * SB_CRUMB_NAME_LEN, name, SB_CRUMB_NAME_LEN - 1);
	pthread_mutex_unlock(&crumb_lock);
}

/* Java: from now on the crumbs live in file path (created or truncated, mode 0600), with
 * what is known so far (module names, labels, threads' crumbs) copied in. 0 or -1. */
SB_JAVA_API int sb_crumbs_open(const char *path)
{
	int fd;
	char *r;
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (ftruncate(fd, REGION_SIZE) != 0) {
		close(fd);
		return -1;
	}
	r = mmap(NULL, REGION_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (r == MAP_FAILED)
		return -1;
	pthread_mutex_lock(&crumb_lock);
	memcpy(r, region, REGION_SIZE);
	fill_header(r);
	__atomic_store_n(&region, r, __ATOMIC_RELEASE);
	__atomic_store_n(&sb_crumb_region, r, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&crumb_lock);
	return 0;
}

/* Java, at a clean stop: the file says so (it is then deleted by Java). */
SB_JAVA_API void sb_crumbs_mark_clean(void)
{
	struct sb_crumb_header *h = (struct sb_crumb_header *)region;
	h->clean = 1;
	if (region != static_region)
		msync(region, SB_CRUMB_HEADER, MS_SYNC);
}

/* Java: the calling thread is worker rank; returns its thread id (its crumb's index). */
SB_JAVA_API int sb_crumb_register_worker(int rank)
{
	sb_crumb_self()->worker = rank;
	return sb_thread_id();
}

/* Java (the watchdog): one field of thread tid's crumb: 0 label, 1 module, 2 kind,
 * 3 depth, 4 worker. */
SB_JAVA_API int sb_crumb_field(int tid, int field)
{
	struct sb_crumb *c;
	if (tid <= 0 || tid >= SB_CRUMB_THREADS)
		return 0;
	c = (struct sb_crumb *)(region + OFF_CRUMBS) + tid;
	switch (field) {
	case 0: return c->label;
	case 1: return c->module;
	case 2: return c->kind;
	case 3: return c->depth;
	case 4: return c->worker;
	default: return 0;
	}
}

SB_JAVA_API long sb_crumb_calls(int tid)
{
	if (tid <= 0 || tid >= SB_CRUMB_THREADS)
		return 0;
	return (long)((struct sb_crumb *)(region + OFF_CRUMBS) + tid)->calls;
}

SB_JAVA_API const char *sb_crumb_label_text(int label)
{
	if (label <= 0 || label >= SB_CRUMB_LABELS)
		return "";
	return region + OFF_LABELS + label * SB_CRUMB_LABEL_LEN;
}

SB_JAVA_API const char *sb_crumb_module_name(int index)
{
	if (index <= 0 || index >= SB_MAX_MODULES)
		return "";
	return region + OFF_NAMES + index * SB_CRUMB_NAME_LEN;
}

/* Layout facts for the Java reader of an old file. */
SB_JAVA_API int sb_crumb_layout(int what)
{
	switch (what) {
	case 0: return OFF_CRUMBS;
	case 1: return OFF_NAMES;
	case 2: return OFF_LABELS;
	case 3: return REGION_SIZE;
	default: return 0;
	}
}
