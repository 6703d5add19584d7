/* sipbridge module SDK: the destination set (OpenSIPS 1.11 dset.h).
 *
 * The branches of the message being processed live in the Java core (the same set the
 * script's append_branch fills and t_relay forks to); these functions read and change that
 * set, so a branch C appends is seen by the script and by the relay, and the other way
 * round. Branch indexes here count the added branches only (0 = the first added one);
 * the bflag functions use 1.11's numbering instead: b_idx 0 is the Request-URI's branch,
 * b_idx n is added branch n-1. At most MAX_BRANCHES - 1 branches can be added.
 *
 * nr_branches is not a variable here: it reads the count of the message the calling
 * thread is processing (reading it is all 1.11 modules do with it).
 *
 * With no message on the thread (mod_init, a timer without a message) the set is empty:
 * additions and changes fail with -1 and an error in the log.
 *
 * Memory ownership:
 *  - strings passed in (uri, dst_uri, path) are copied; the caller keeps its memory.
 *  - get_branch returns text owned by the core, in a per-thread buffer kept per index:
 *    it stays valid until the same thread calls get_branch again with the same idx (or
 *    the thread ends). Never free it.
 *  - print_dset returns a per-thread buffer owned by the core, valid until the thread's
 *    next print_dset. Never free it.
 *  - force_socket pointers are the core's listening sockets (live as long as the server).
 *
 * Return values: append_branch 1 on success; update_branch/remove_branch 0; the bflag
 * functions 1 (isbflagset: 1 set, -1 not set); -1 on any error (bad index, set full,
 * no message), always with an LM_ERR. */
#ifndef SB_SDK_DSET_H
#define SB_SDK_DSET_H

#include "str.h"
#include "config.h"
#include "ip_addr.h"
#include "qvalue.h"

struct sip_msg;
struct socket_info;

/* the number of added branches of the calling thread's message */
unsigned int sb_dset_nr_branches(void);
#define nr_branches (sb_dset_nr_branches())

/* adds a branch; uri NULL or empty means the message's current Request-URI (and, if
 * dst_uri is NULL, its current destination URI) */
int append_branch(struct sip_msg *msg, str *uri, str *dst_uri, str *path,
		qvalue_t q, unsigned int flags, struct socket_info *force_socket);

/* changes the fields of branch idx whose pointers are not NULL */
int update_branch(unsigned int idx, str **uri, str **dst_uri, str **path,
		qvalue_t *q, unsigned int *flags, struct socket_info **force_socket);

/* branch idx: its URI (NULL and *len 0 past the end) and, for every non-NULL out
 * pointer, its q, destination URI, path, flags and socket (empty/NULL when it has none) */
char *get_branch(unsigned int idx, int *len, qvalue_t *q, str *dst_uri,
		str *path, unsigned int *flags, struct socket_info **force_socket);

int remove_branch(unsigned int idx);

/* 1.11 hides the set while a failure route runs (disable) and brings it back (enable);
 * sipbridge's tm keeps each transaction's branches itself, so this only logs. */
void set_dset_state(unsigned char enable);

/* removes every added branch and forgets the Request-URI's q */
void clear_branches(void);

/* "Contact: <ruri>;q=..,<branch>;q=..\r\n" for a redirect, or NULL when there is
 * nothing (no new_uri and no branch); *len is the text's length */
char *print_dset(struct sip_msg *msg, int *len);

/* the Request-URI's q (Q_UNSPECIFIED until set, and after clear_branches) */
void set_ruri_q(qvalue_t q);
qvalue_t get_ruri_q(void);

/* every added branch gets its URI moved to its destination URI and new_uri as URI */
int branch_uri2dset(str *new_uri);

/* the Request-URI's branch flags (b_idx 0) */
unsigned int getb0flags(void);
unsigned int setb0flags(unsigned int flags);

int setbflag(unsigned int b_idx, unsigned int mask);
int isbflagset(unsigned int b_idx, unsigned int mask);
int resetbflag(unsigned int b_idx, unsigned int mask);

#endif /* SB_SDK_DSET_H */
