/* sb_call alone, without JNI or the JVM: N calls of a C function that increments a counter,
 * through a locked module (module_lock_timeout set as a server sets it) and through one
 * declared thread-safe; five rounds, ns per call. Measures the native trampoline only
 * (breadcrumbs, lock, current module), so two builds of libsipbridge.so can be compared in
 * the same sitting on a busy machine (take the minimum of several runs):
 *
 *   gcc -O2 scripts/bench/sbcall-bench.c -o target/sbcall-bench -Ltarget/native -lsipbridge
 *   LD_LIBRARY_PATH=target/native target/sbcall-bench
 */
#include <stdio.h>
#include <time.h>

struct sb_frame;
extern int sb_module_new(const char *name, int thread_safe);
extern struct sb_frame *sb_frame_new(int module, void *function, int dialect, int param_no);
extern int sb_call(struct sb_frame *f, void *msg, int rtype);
extern void sb_set_lock_timeout(int ms);

static int counter;

static int bump(void *msg, char *a, char *b, char *c, char *d, char *e, char *f)
{
	return ++counter;
}

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(void)
{
	const int n = 20000000;
	int locked = sb_module_new("bench_locked", 0), safe = sb_module_new("bench_safe", 1);
	struct sb_frame *fl = sb_frame_new(locked, (void *)bump, 0, 0);
	struct sb_frame *fs = sb_frame_new(safe, (void *)bump, 0, 0);
	int round, i;
	if (fl == NULL || fs == NULL) {
		fprintf(stderr, "sbcall-bench: no frame\n");
		return 1;
	}
	sb_set_lock_timeout(3000);
	for (round = 0; round < 5; round++) {
		double a = now_ns(), b, c;
		for (i = 0; i < n; i++)
			sb_call(fl, NULL, 1);
		b = now_ns();
		for (i = 0; i < n; i++)
			sb_call(fs, NULL, 1);
		c = now_ns();
		printf("locked %.2f ns  thread-safe %.2f ns\n", (b - a) / n, (c - b) / n);
	}
	return 0;
}
