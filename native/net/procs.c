/* Module processes (module_exports.procs) as threads.
 *
 * OpenSIPS forks `no` processes per proc_export_t after the workers, each running
 * function(rank) for rank 0..no-1 (after child_init(PROC_MODULE) of every module when the
 * proc has PROC_FLAG_INITCHILD), with pre_fork_function/post_fork_function around the
 * forks. sipbridge starts a native thread per such process with its own process table
 * entry and process_no, charged to its module. The function runs WITHOUT the module's
 * lock: it usually loops forever (mi_datagram, mi_fifo), and in OpenSIPS it runs in
 * parallel with the workers too; shared data needs the module's own locks either way.
 * At shutdown the threads are cancelled (at their next cancellation point: recvfrom,
 * poll, sleep...) and joined before any destroy_f; upcalls into Java run with
 * cancellation disabled. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/sr_module.h"
#include "../../include/pt.h"
#pragma GCC visibility pop

#define SB_MAX_PROCS 128

/* child_init(PROC_MODULE) of every module, on the calling thread; <0 on failure */
typedef int (*sb_proc_child_init_f)(int rank);

struct sb_proc {
	int module;
	proc_export_t *exp;
	unsigned int rank;
	int pt_idx;
	pthread_t thread;
	int running;
	sem_t ready;
	int init_status;
	int origin;          /* sb_thread_id() of the starting thread: its globals are inherited */
};

static struct sb_proc procs[SB_MAX_PROCS];
static int nprocs;
static sb_proc_child_init_f child_init_cb;
static pthread_mutex_t procs_lock = PTHREAD_MUTEX_INITIALIZER;

static int sb_procs_running_locked(void)
{
	int n = 0;
	for (int i = 0; i < nprocs; i++)
		n += procs[i].running;
	return n;
}

SB_JAVA_API void sb_procs_set_callback(sb_proc_child_init_f cb) { child_init_cb = cb; }

/* Forgets the processes of the previous server (they were stopped). */
SB_JAVA_API void sb_procs_reset(void)
{
	pthread_mutex_lock(&procs_lock);
	if (sb_procs_running_locked() == 0)
		nprocs = 0;
	pthread_mutex_unlock(&procs_lock);
}

/* Adds the processes a module's procs array asks for; their count, or -1. */
SB_JAVA_API int sb_procs_register(int module, proc_export_t *list)
{
	int added = 0;
	if (list == NULL)
		return 0;
	pthread_mutex_lock(&procs_lock);
	for (proc_export_t *p = list; p->name; p++) {
		if (p->no == 0 || p->function == NULL)
			continue;
		for (unsigned int r = 0; r < p->no; r++) {
			if (nprocs == SB_MAX_PROCS) {
				pthread_mutex_unlock(&procs_lock);
				LM_ERR("too many module processes (at most %d)\n", SB_MAX_PROCS);
				return -1;
			}
			memset(&procs[nprocs], 0, sizeof(procs[nprocs]));
			procs[nprocs].module = module;
			procs[nprocs].exp = p;
			procs[nprocs].rank = r;
			procs[nprocs].pt_idx = -1;
			nprocs++;
			added++;
		}
	}
	pthread_mutex_unlock(&procs_lock);
	return added;
}

int sb_procs_count(int flags)
{
	int n = 0;
	for (int i = 0; i < nprocs; i++)
		if (!flags || (procs[i].exp->flags & (unsigned int)flags))
			n++;
	return n;
}

static void *proc_main(void *arg)
{
	struct sb_proc *p = arg;
	int old;

	pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, &old);
	sb_pt_enter_thread(p->pt_idx, p->exp->name);
	sb_image_origin = p->origin;   /* like fork: start from the starter's globals */
	sb_current_module = p->module;
	p->init_status = 0;
	if (p->exp->flags & PROC_FLAG_INITCHILD) {
		if (child_init_cb == NULL) {
			p->init_status = -1;
		} else {
			SB_UPCALL_BEGIN;
			p->init_status = child_init_cb(PROC_MODULE);
			SB_UPCALL_END;
		}
	}
	sb_current_module = p->module;
	if (p->init_status >= 0) {
		/* the function runs unlocked: make its globals live and keep them there */
		struct sb_module *m = sb_module_at(p->module);
		if (m) {
			struct sb_entry e = sb_enter(m);
			sb_module_image_pin(m);
			sb_leave(e);
		}
	}
	sem_post(&p->ready);
	if (p->init_status < 0)
		return NULL;
	p->exp->function((int)p->rank);
	LM_INFO("module process \"%s\" (rank %u) returned\n", p->exp->name, p->rank);
	return NULL;
}

static int call_wrapper(int module, mod_proc_wrapper f)
{
	struct sb_module *m = sb_module_at(module);
	struct sb_entry e;
	int r;
	if (f == NULL)
		return 0;
	if (m == NULL)
		return -1;
	e = sb_enter(m);
	r = f();
	sb_leave(e);
	return r;
}

/* OpenSIPS runs post_fork_function in the parent after the forks, to drop the parent's
 * copies of what the children inherited (mi_datagram closes its sockets there). Threads
 * share one file table, so it runs on a short-lived thread with a private copy of the
 * file table (unshare(CLONE_FILES)): what it closes is closed for that copy only, its
 * other effects are shared as before. When no private table can be had it is skipped
 * (logged) rather than close the process's descriptors. */
struct post_fork_job {
	int module;
	mod_proc_wrapper f;
	int origin;
	int result;
};

static void *post_fork_main(void *arg)
{
	struct post_fork_job *j = arg;
	sb_image_origin = j->origin;
	if (unshare(CLONE_FILES) != 0) {
		LM_WARN("no private file table for a post-fork function (%s): skipped\n", strerror(errno));
		j->result = 0;
		return NULL;
	}
	j->result = call_wrapper(j->module, j->f);
	return NULL;
}

static int call_post_fork(int module, mod_proc_wrapper f)
{
	struct post_fork_job j = { module, f, sb_thread_id(), -1 };
	pthread_t t;
	if (f == NULL)
		return 0;
	if (pthread_create(&t, NULL, post_fork_main, &j) != 0) {
		LM_WARN("cannot run a post-fork function on its own thread: skipped\n");
		return 0;
	}
	pthread_join(t, NULL);
	return j.result;
}

/* Starts every registered process, in registration order; returns when each one ran its
 * child_init (when asked for). 0, or -1 (logged) when a wrapper or a child_init failed. */
SB_JAVA_API int sb_procs_start(void)
{
	int idx = sb_pt_first_module_proc();
	for (int i = 0; i < nprocs; i++) {
		struct sb_proc *p = &procs[i];
		int first = p->rank == 0;
		if (first && call_wrapper(p->module, p->exp->pre_fork_function) != 0) {
			LM_ERR("pre-fork function of process \"%s\" failed\n", p->exp->name);
			return -1;
		}
		p->pt_idx = idx++;
		p->origin = sb_thread_id();
		sem_init(&p->ready, 0, 0);
		if (pthread_create(&p->thread, NULL, proc_main, p) != 0) {
			LM_ERR("cannot start a thread for process \"%s\"\n", p->exp->name);
			return -1;
		}
		p->running = 1;
		while (sem_wait(&p->ready) != 0 && errno == EINTR)
			;
		if (p->init_status < 0) {
			LM_ERR("child_init(PROC_MODULE) failed in process \"%s\"\n", p->exp->name);
			return -1;
		}
		if (p->rank + 1 == p->exp->no &&
				call_post_fork(p->module, p->exp->post_fork_function) != 0) {
			LM_ERR("post-fork function of process \"%s\" failed\n", p->exp->name);
			return -1;
		}
	}
	return 0;
}

/* Cancels and joins every running process thread (at most wait_ms each). The number
 * that did not end in time (left running, detached). */
SB_JAVA_API int sb_procs_stop(int wait_ms)
{
	int stuck = 0;
	for (int i = 0; i < nprocs; i++) {
		struct sb_proc *p = &procs[i];
		struct timespec until;
		if (!p->running)
			continue;
		pthread_cancel(p->thread);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += wait_ms / 1000;
		until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (pthread_timedjoin_np(p->thread, NULL, &until) != 0) {
			LM_WARN("module process \"%s\" did not stop in %d ms\n", p->exp->name, wait_ms);
			pthread_detach(p->thread);
			stuck++;
		}
		p->running = 0;
		sem_destroy(&p->ready);
	}
	nprocs = 0;
	return stuck;
}

SB_JAVA_API int sb_procs_running(void)
{
	return sb_procs_running_locked();
}
