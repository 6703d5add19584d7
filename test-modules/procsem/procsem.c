/* Relies on what an OpenSIPS module may rely on: its globals belong to its process.
 * - child_init(rank) keeps rank and the thread it ran on in globals; ps_rank() returns
 *   that rank only if the globals it reads are the ones child_init wrote on this thread.
 * - ps_mark() leaves the message id in a global (and lingers, lock held, so another
 *   worker waits to get in); ps_check(), a later call for the same message, finds it
 *   there unless another worker's call changed it in between.
 * - Shared counters live in shm (one per rank that served a message, mismatches), as an
 *   OpenSIPS module shares state between processes.
 * - child_init_once=1: child_init fails when it finds the globals another child_init
 *   already wrote, as a module that opens a handle per process does (1.11's dispatcher
 *   refuses a DB handle already open): the timer and the workers must not inherit what the
 *   main thread's child_init(PROC_MAIN) wrote (1.11 forks them before it runs). */
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include "../../sr_module.h"
#include "../../mem/shm_mem.h"

#define PS_MAX_RANK 64

struct ps_shared {
	int served[PS_MAX_RANK + 1];   /* messages per rank */
	int mismatches;                /* ps_check found another message's mark */
	int wrong_rank;                /* ps_rank found another thread's child_init */
};

static struct ps_shared *shared;
static int my_rank = -1000;
static pthread_t my_thread;
static int my_thread_set;
static unsigned int mark;
static int linger_us = 2000;
static int child_init_once;

static int mod_init(void)
{
	shared = shm_malloc(sizeof(*shared));
	if (shared == NULL)
		return -1;
	memset(shared, 0, sizeof(*shared));
	return 0;
}

static int child_init(int rank)
{
	if (child_init_once && my_rank != -1000) {
		LM_ERR("child_init(%d) found the globals of child_init(%d)\n", rank, my_rank);
		return -1;
	}
	my_rank = rank;
	my_thread = pthread_self();
	my_thread_set = 1;
	return 0;
}

static void mod_destroy(void)
{
	if (shared)
		shm_free(shared);
	shared = NULL;
}

static int ps_mark(struct sip_msg *msg)
{
	mark = msg->id;
	if (linger_us > 0)
		usleep(linger_us);
	return 1;
}

static int ps_check(struct sip_msg *msg)
{
	if (mark == msg->id)
		return 1;
	shared->mismatches++;
	return -1;
}

/* This thread's rank (> 0) when the globals are its own, else -1. */
static int ps_rank(struct sip_msg *msg)
{
	if (!my_thread_set || !pthread_equal(my_thread, pthread_self()) || my_rank < 1 ||
			my_rank > PS_MAX_RANK) {
		shared->wrong_rank++;
		return -1;
	}
	shared->served[my_rank]++;
	return my_rank;
}

/* "m": mismatches + 1, "w": wrong ranks + 1, "r": ranks that served a message + 1. */
static int ps_report(struct sip_msg *msg, char *what)
{
	int i, n = 0;
	switch (what ? what[0] : 0) {
	case 'm': return shared->mismatches + 1;
	case 'w': return shared->wrong_rank + 1;
	case 'r':
		for (i = 1; i <= PS_MAX_RANK; i++)
			n += shared->served[i] > 0;
		return n + 1;
	default: return -1;
	}
}

static cmd_export_t cmds[] = {
	{"ps_mark", (cmd_function)ps_mark, 0, 0, 0, REQUEST_ROUTE},
	{"ps_check", (cmd_function)ps_check, 0, 0, 0, REQUEST_ROUTE},
	{"ps_rank", (cmd_function)ps_rank, 0, 0, 0, REQUEST_ROUTE},
	{"ps_report", (cmd_function)ps_report, 1, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"linger_us", INT_PARAM, &linger_us},
	{"child_init_once", INT_PARAM, &child_init_once},
	{0, 0, 0}
};

struct module_exports exports = {
	"procsem", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, params, 0, 0, 0, 0, mod_init, 0, mod_destroy, child_init
};
