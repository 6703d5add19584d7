/* Asynchronous MI replies for sipbridge's own transports (HTTP JSON-RPC, the CLI).
 *
 * A command flagged MI_ASYNC_RPL_FLAG gets a request tree whose async_hdl is a waiter's
 * handler. It may return MI_ROOT_ASYNC_RPL and answer later, from any thread, by calling
 * handler_f(reply, hdl, done). The transport thread waits for the final answer (done=1)
 * with a timeout:
 *  - a call with done=0 is an intermediate answer (tm's provisional replies): its tree is
 *    freed, JSON-RPC answers once;
 *  - done=1 with a tree: that tree is the answer, handed to the waiting thread, which
 *    converts and frees it; done=1 with NULL: the command failed;
 *  - when the wait times out the waiter is abandoned: the handler frees whatever comes
 *    later, and frees the waiter itself at done=1. A command that never answers leaves
 *    its waiter (under 200 bytes) allocated, as OpenSIPS would leave its handler.
 * Waiters are core memory (malloc), never module memory. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "sb_core.h"
#include "../include/mi/mi.h"

struct sb_mi_waiter {
	struct mi_handler hdl;    /* first: the command sees only this */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct mi_root *reply;
	int done;
	int abandoned;
};

static void waiter_free(struct sb_mi_waiter *w)
{
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}

static void waiter_answer(struct mi_root *rpl, struct mi_handler *h, int done)
{
	struct sb_mi_waiter *w = (struct sb_mi_waiter *)h;
	int release = 0;
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	if (w->done) {
		/* a buggy command answering twice: keep the first answer */
		pthread_mutex_unlock(&w->mu);
		if (rpl && rpl != MI_ROOT_ASYNC_RPL)
			free_mi_tree(rpl);
		return;
	}
	if (!done || w->abandoned) {
		if (done)
			release = w->abandoned;
		w->done = done;
		pthread_mutex_unlock(&w->mu);
		if (rpl && rpl != MI_ROOT_ASYNC_RPL)
			free_mi_tree(rpl);
		if (release)
			waiter_free(w);
		return;
	}
	w->reply = rpl == MI_ROOT_ASYNC_RPL ? NULL : rpl;
	w->done = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

/* Java: a waiter attached to request req (req->async_hdl), or 0 (no memory). */
SB_JAVA_API struct sb_mi_waiter *sb_mi_async_new(struct mi_root *req)
{
	struct sb_mi_waiter *w = calloc(1, sizeof(*w));
	pthread_condattr_t ca;
	if (w == NULL)
		return NULL;
	pthread_mutex_init(&w->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->cv, &ca);
	pthread_condattr_destroy(&ca);
	w->hdl.handler_f = waiter_answer;
	w->hdl.param = w;
	if (req)
		req->async_hdl = &w->hdl;
	return w;
}

/* Java: the command answered synchronously (or failed at once): nobody will call the
 * handler, free the waiter. */
SB_JAVA_API void sb_mi_async_free(struct sb_mi_waiter *w)
{
	if (w)
		waiter_free(w);
}

/* Java: waits up to timeout_ms for the final answer. Returns the reply tree (the caller
 * frees it with free_mi_tree), 0 when the command answered "failed", or -1 on timeout
 * (the waiter is then abandoned and freed by a late answer). On 0 or a tree the waiter
 * is freed here. */
SB_JAVA_API long sb_mi_async_wait(struct sb_mi_waiter *w, int timeout_ms)
{
	struct timespec until;
	struct mi_root *r;
	int rc = 0;
	if (w == NULL)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&w->mu);
	while (w->done != 1 && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&w->cv, &w->mu, &until);
	if (w->done != 1) {
		w->abandoned = 1;
		pthread_mutex_unlock(&w->mu);
		return -1;
	}
	r = w->reply;
	pthread_mutex_unlock(&w->mu);
	waiter_free(w);
	return (long)(intptr_t)r;
}
