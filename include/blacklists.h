/* sipbridge module SDK: IP blacklists (OpenSIPS 1.11 blacklists.h).
 *
 * Lists are created at start-up (mod_init: create_bl_head) and live until the process
 * ends. Which lists check_against_blacklist consults is per thread (mark_for_search,
 * reset_bl_markers), as it is per process in OpenSIPS; lists created with BL_BY_DEFAULT
 * are searched unless unmarked. A list that is not BL_READONLY_LIST may be changed at any
 * time (add_list_to_head) and is read under a reader/writer lock. Rules are shm. */
#ifndef SB_SDK_BLACKLISTS_H
#define SB_SDK_BLACKLISTS_H

#include "ip_addr.h"
#include "str.h"
#include "locking.h"

#define BL_READONLY_LIST (1 << 0)
#define BL_DO_EXPIRE     (1 << 1)
#define BL_BY_DEFAULT    (1 << 2)

#define BLR_APPLY_CONTRARY (1 << 0)

struct bl_rule {
	int flags;
	struct net ip_net;
	unsigned short port;    /* 0: any */
	unsigned short proto;   /* PROTO_NONE: any */
	str body;               /* fnmatch pattern for the message, or empty */
	struct bl_rule *next;
	unsigned int expire_end;
};

struct bl_head {
	str name;
	int owner;
	int flags;
	gen_lock_t *lock;
	int count_write;
	int count_read;
	struct bl_rule *first;
	struct bl_rule *last;
};

#define BL_CORE_ID 13

int preinit_black_lists(void);
int init_black_lists(void);
void destroy_black_lists(void);

/* A new list named name (copied) holding head..tail (taken over). NULL when the name is
 * taken, the table (32 lists) is full, or flags combine BL_READONLY_LIST and BL_DO_EXPIRE. */
struct bl_head *create_bl_head(int owner, int flags, struct bl_rule *head,
		struct bl_rule *tail, str *name);
/* Appends a rule (shm) to first..last; 1 when an identical one is there, 0 added, -1. */
int add_rule_to_list(struct bl_rule **first, struct bl_rule **last, struct net *ip_net,
		str *body, unsigned short port, unsigned short proto, int flags);
/* Adds first..last (taken over) to the list; truncate replaces its content; expiring
 * lists need expire_limit (seconds). 0, or -1. */
int add_list_to_head(struct bl_head *elem, struct bl_rule *first, struct bl_rule *last,
		int truncate, int expire_limit);
struct bl_head *get_bl_head_by_name(str *name);
/* Marks (set) or unmarks one list (NULL: all) for this thread's searches. 1, or 0. */
int mark_for_search(struct bl_head *list, unsigned int set);
void reset_bl_markers(void);
/* 1 when ip/port/proto/text match a rule of a marked list, 0 when not. */
int check_against_blacklist(struct ip_addr *ip, str *text, unsigned short port,
		unsigned short proto);

static inline int check_blacklists(unsigned short proto, union sockaddr_union *to,
		char *body_s, int body_len)
{
	str body;
	struct ip_addr ip;
	body.s = body_s;
	body.len = body_len;
	su2ip_addr(&ip, to);
	return check_against_blacklist(&ip, &body, su_getport(to), proto);
}

#endif
