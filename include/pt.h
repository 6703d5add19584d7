/* sipbridge module SDK: the process table (OpenSIPS 1.11 pt.h).
 *
 * sipbridge runs OpenSIPS's processes as threads of one process, so the table has one
 * entry per such thread: 0 the main thread (OpenSIPS's attendant), 1..children the
 * workers (process_no == their child_init rank), then the timer thread, then one entry per
 * module process (module_exports.procs). process_no is per thread: every thread reads its
 * own index. pid is the thread's id (gettid), distinct per entry as OpenSIPS pids are.
 * The table is fixed before the first child_init and lives until the process ends. */
#ifndef SB_SDK_PT_H
#define SB_SDK_PT_H

#include <sys/types.h>
#include <unistd.h>
#include "globals.h"
#include "timer.h"
#include "socket_info.h"
#include "statistics.h"

#define MAX_PT_DESC 128

struct process_table {
	int pid;
	int unix_sock;   /* -1: no TCP main process to talk to in sipbridge */
	int idx;         /* -1 */
	char desc[MAX_PT_DESC];
	stat_var *load;  /* NULL: no per-process load statistic */
};

typedef void (*forked_proc_func)(int i);

extern struct process_table *pt;
/* The index of the calling thread's entry (0 on threads the core did not start). */
extern __thread int process_no;
/* Entries in pt: 1 + workers + 1 (timer) + module processes. */
extern unsigned int counted_processes;

/* Counts as OpenSIPS does: every process, or only those of the module procs with
 * one of flags set (flags != 0). */
int count_init_children(int flags);
/* Listeners (UDP and TCP) of the configuration. */
int count_sip_listeners(void);
/* Sets the description of the calling thread's entry (printf format). */
void set_proc_attrs(char *fmt, ...);
/* OpenSIPS forks here; sipbridge cannot fork a thread: -1 (logged). */
pid_t internal_fork(char *proc_desc);

static inline int my_pid(void)
{
	return (pt && process_no >= 0 && (unsigned int)process_no < counted_processes) ?
		pt[process_no].pid : getpid();
}

#endif
