/* The process table (pt.h) over sipbridge's threads: 0 main, 1..W workers, W+1 timer,
 * then module processes. Java sizes it (sb_pt_init) once the modules are loaded and
 * before any child_init; each thread the core starts enters its entry (sb_pt_enter), which
 * sets its process_no. A new server start makes a new table; the old one is kept (a
 * thread of an older server in the same JVM may still read it). */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/pt.h"
#include "../../include/sr_module.h"
#pragma GCC visibility pop

struct process_table *pt;
__thread int process_no;
unsigned int counted_processes;

static int workers;
static int module_procs;

int sb_procs_count(int flags);

SB_JAVA_API int sb_pt_init(int worker_count)
{
	struct process_table *t;
	unsigned int n;
	int procs = sb_procs_count(0);

	if (worker_count < 0 || procs < 0)
		return -1;
	n = (unsigned int)(1 + worker_count + 1 + procs);
	t = calloc(n, sizeof(*t));
	if (t == NULL)
		return -1;
	for (unsigned int i = 0; i < n; i++) {
		t[i].unix_sock = -1;
		t[i].idx = -1;
	}
	snprintf(t[0].desc, MAX_PT_DESC, "main");
	for (int i = 1; i <= worker_count; i++)
		snprintf(t[i].desc, MAX_PT_DESC, "SIP worker %d", i);
	snprintf(t[worker_count + 1].desc, MAX_PT_DESC, "time_keeper");
	workers = worker_count;
	module_procs = procs;
	/* the count first: my_pid() checks process_no against it before reading pt */
	counted_processes = 0;
	__atomic_store_n(&pt, t, __ATOMIC_RELEASE);
	__atomic_store_n(&counted_processes, n, __ATOMIC_RELEASE);
	return (int)n;
}

int sb_pt_enter_thread(int idx, const char *desc)
{
	if (pt == NULL || idx < 0 || (unsigned int)idx >= counted_processes) {
		LM_ERR("no process table entry %d (table of %u)\n", idx, counted_processes);
		return -1;
	}
	process_no = idx;
	pt[idx].pid = (int)syscall(SYS_gettid);
	if (desc && *desc)
		snprintf(pt[idx].desc, MAX_PT_DESC, "%s", desc);
	return 0;
}

/* Java threads: main (0), worker rank r (r), timer (-1 = PROC_TIMER). */
SB_JAVA_API int sb_pt_enter(int rank)
{
	int idx = rank == PROC_TIMER ? workers + 1 : rank;
	if (rank != PROC_TIMER && (rank < 0 || rank > workers))
		return -1;
	return sb_pt_enter_thread(idx, NULL);
}

SB_JAVA_API int sb_pt_process_no(void) { return process_no; }
SB_JAVA_API int sb_pt_pid(int idx)
{
	return (pt && idx >= 0 && (unsigned int)idx < counted_processes) ? pt[idx].pid : -1;
}

int sb_pt_first_module_proc(void) { return workers + 2; }

int count_init_children(int flags)
{
	int n = sb_procs_count(flags);
	if (flags)
		return n;
	return 1 + workers + 1 + n;
}

int count_sip_listeners(void)
{
	int n = 0;
	for (struct socket_info *si = udp_listen; si; si = si->next)
		n++;
	for (struct socket_info *si = tcp_listen; si; si = si->next)
		n++;
	return n;
}

void set_proc_attrs(char *fmt, ...)
{
	va_list ap;
	if (pt == NULL || fmt == NULL || process_no < 0 || (unsigned int)process_no >= counted_processes)
		return;
	va_start(ap, fmt);
	vsnprintf(pt[process_no].desc, MAX_PT_DESC, fmt, ap);
	va_end(ap);
}

pid_t internal_fork(char *proc_desc)
{
	LM_ERR("cannot fork \"%s\": sipbridge runs processes as threads; export the "
			"function in module_exports.procs instead\n", proc_desc ? proc_desc : "?");
	return -1;
}

/* The description of entry idx, or NULL (for the core's MI `ps`). */
const char *sb_pt_desc(int idx)
{
	return (pt && idx >= 0 && (unsigned int)idx < counted_processes) ? pt[idx].desc : NULL;
}
