/* Internal declarations of the core's network and process layer (native/net): not SDK. */
#ifndef SB_NET_H
#define SB_NET_H

#include <pthread.h>
#include "../sb_core.h"

/* The configured listener bound to ip:port over proto, NULL when none (the view uses it
 * for msg->rcv.bind_address). */
struct socket_info *sb_net_find_listener(const struct ip_addr *ip, unsigned short port, int proto);

/* Upcalls into Java run with cancellation disabled: a module process thread is cancelled
 * at shutdown, and must never be unwound through JVM frames. */
#define SB_UPCALL_BEGIN int sb_cancel_state_; \
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &sb_cancel_state_)
#define SB_UPCALL_END pthread_setcancelstate(sb_cancel_state_, NULL)

/* A module is unloaded: forget what it registered (evi.c, send.c). Called from
 * sb_module_release, after its library is closed: must not touch the module's memory. */
void sb_evi_forget_module(int module);
void sb_net_udp_forget_module(int module);
/* name_alias.c: a new configuration drops the alias= entries; an unloaded module's alias
 * checkers leave the list. */
void sb_alias_reset(void);
void sb_alias_forget(int module);

/* Process table (pt.c): makes the calling thread entry idx (desc copied). */
int sb_pt_enter_thread(int idx, const char *desc);
/* Index of the first module process entry. */
int sb_pt_first_module_proc(void);

/* ip_addr2he without static TLS buffers (native/thread_block.c) */
struct hostent;
struct ip_addr;
struct hostent *sb_ip_addr2he(str *name, struct ip_addr *ip);

#endif
