/* IP blacklists (blacklists.h). Up to 32 lists, created at start-up; rules are shm. A
 * list that may change (not BL_READONLY_LIST) is guarded by a reader/writer lock; which
 * lists a search consults is per thread (OpenSIPS keeps it per process). */
#include <fnmatch.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/blacklists.h"
#include "../../include/timer.h"
#pragma GCC visibility pop

#define SB_MAX_BL 32

static struct bl_head heads[SB_MAX_BL];
static pthread_rwlock_t locks[SB_MAX_BL];
static unsigned int used;
static unsigned int default_marker;
static __thread unsigned int marker;
static __thread int marker_set;
static pthread_mutex_t create_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned int my_marker(void)
{
	if (!marker_set) {
		marker = __atomic_load_n(&default_marker, __ATOMIC_ACQUIRE);
		marker_set = 1;
	}
	return marker;
}

int preinit_black_lists(void) { return 0; }
int init_black_lists(void) { return 0; }

static void free_rules(struct bl_rule *r)
{
	while (r) {
		struct bl_rule *n = r->next;
		shm_free(r);
		r = n;
	}
}

void destroy_black_lists(void)
{
	pthread_mutex_lock(&create_lock);
	for (unsigned int i = 0; i < used; i++) {
		free_rules(heads[i].first);
		shm_free(heads[i].name.s);
		pthread_rwlock_destroy(&locks[i]);
	}
	memset(heads, 0, sizeof(heads));
	used = 0;
	default_marker = 0;
	pthread_mutex_unlock(&create_lock);
}

struct bl_head *get_bl_head_by_name(str *name)
{
	if (name == NULL || name->s == NULL)
		return NULL;
	for (unsigned int i = 0; i < used; i++)
		if (heads[i].name.len == name->len && memcmp(heads[i].name.s, name->s, (size_t)name->len) == 0)
			return &heads[i];
	return NULL;
}

struct bl_head *create_bl_head(int owner, int flags, struct bl_rule *head,
		struct bl_rule *tail, str *name)
{
	struct bl_head *h;

	if (name == NULL || name->s == NULL || name->len <= 0) {
		LM_ERR("a blacklist needs a name\n");
		return NULL;
	}
	if ((flags & BL_READONLY_LIST) && (flags & BL_DO_EXPIRE)) {
		LM_CRIT("a read-only list cannot expire\n");
		return NULL;
	}
	pthread_mutex_lock(&create_lock);
	if (used == SB_MAX_BL) {
		pthread_mutex_unlock(&create_lock);
		LM_ERR("too many blacklists (%d)\n", SB_MAX_BL);
		return NULL;
	}
	if (get_bl_head_by_name(name)) {
		pthread_mutex_unlock(&create_lock);
		LM_CRIT("duplicated blacklist name %.*s\n", name->len, name->s);
		return NULL;
	}
	h = &heads[used];
	memset(h, 0, sizeof(*h));
	h->name.s = shm_malloc((size_t)name->len + 1);
	if (h->name.s == NULL) {
		pthread_mutex_unlock(&create_lock);
		LM_ERR("no more shm memory\n");
		return NULL;
	}
	memcpy(h->name.s, name->s, (size_t)name->len);
	h->name.s[name->len] = 0;
	h->name.len = name->len;
	h->owner = owner;
	h->flags = flags;
	h->first = head;
	h->last = tail;
	pthread_rwlock_init(&locks[used], NULL);
	if (flags & BL_BY_DEFAULT)
		__atomic_or_fetch(&default_marker, 1u << used, __ATOMIC_RELEASE);
	used++;
	pthread_mutex_unlock(&create_lock);
	return h;
}

static int same_net(struct net *a, struct net *b)
{
	return a->ip.af == b->ip.af && a->ip.len == b->ip.len &&
		memcmp(a->ip.u.addr, b->ip.u.addr, a->ip.len) == 0 &&
		memcmp(a->mask.u.addr, b->mask.u.addr, a->mask.len) == 0;
}

int add_rule_to_list(struct bl_rule **first, struct bl_rule **last, struct net *ip_net,
		str *body, unsigned short port, unsigned short proto, int flags)
{
	struct bl_rule *r;
	if (first == NULL || last == NULL || ip_net == NULL) {
		LM_ERR("bad arguments\n");
		return -1;
	}
	if (body && body->len == 0)
		body = NULL;
	for (r = *first; r; r = r->next)
		if (r->flags == flags && r->port == port && r->proto == proto && same_net(ip_net, &r->ip_net) &&
				((body == NULL && r->body.s == NULL) || (body && r->body.s &&
				 body->len == r->body.len && strncmp(body->s, r->body.s, (size_t)body->len) == 0)))
			return 1;
	r = shm_malloc(sizeof(*r) + (body ? (size_t)body->len + 1 : 0));
	if (r == NULL) {
		LM_ERR("no more shm memory\n");
		return -1;
	}
	memset(r, 0, sizeof(*r));
	r->flags = flags;
	r->ip_net = *ip_net;
	r->port = port;
	r->proto = proto;
	if (body) {
		r->body.s = (char *)(r + 1);
		memcpy(r->body.s, body->s, (size_t)body->len);
		r->body.s[body->len] = 0;
		r->body.len = body->len;
	}
	if (*first == NULL)
		*first = r;
	else
		(*last)->next = r;
	*last = r;
	return 0;
}

static int index_of(struct bl_head *h)
{
	if (h < heads || h >= heads + used)
		return -1;
	return (int)(h - heads);
}

/* drops expired rules of list i (write lock held) */
static void purge(int i, unsigned int now)
{
	struct bl_rule **at = &heads[i].first, *prev = NULL;
	while (*at) {
		struct bl_rule *r = *at;
		if (r->expire_end && r->expire_end <= now) {
			*at = r->next;
			shm_free(r);
		} else {
			prev = r;
			at = &r->next;
		}
	}
	heads[i].last = prev;
}

int add_list_to_head(struct bl_head *head, struct bl_rule *first, struct bl_rule *last,
		int truncate, int expire_limit)
{
	int i = index_of(head);
	struct bl_rule *old = NULL;

	if (i < 0 || first == NULL || last == NULL) {
		LM_ERR("bad arguments\n");
		return -1;
	}
	if (head->flags & BL_READONLY_LIST) {
		LM_CRIT("list %.*s is read-only\n", head->name.len, head->name.s);
		return -1;
	}
	if (head->flags & BL_DO_EXPIRE) {
		if (expire_limit <= 0) {
			LM_CRIT("an expiring list needs an expire time\n");
			return -1;
		}
		for (struct bl_rule *r = first; r; r = r->next)
			r->expire_end = get_ticks() + (unsigned int)expire_limit;
	}
	pthread_rwlock_wrlock(&locks[i]);
	if (truncate) {
		old = head->first;
		head->first = first;
		head->last = last;
	} else {
		purge(i, get_ticks());
		if (head->first == NULL)
			head->first = first;
		else
			head->last->next = first;
		head->last = last;
	}
	pthread_rwlock_unlock(&locks[i]);
	free_rules(old);
	return 0;
}

int mark_for_search(struct bl_head *list, unsigned int set)
{
	int i;
	my_marker();
	if (list == NULL) {
		marker = set ? ~0u : 0;
		return 1;
	}
	if ((i = index_of(list)) < 0)
		return 0;
	if (set)
		marker |= 1u << i;
	else
		marker &= ~(1u << i);
	return 1;
}

void reset_bl_markers(void)
{
	marker = __atomic_load_n(&default_marker, __ATOMIC_ACQUIRE);
	marker_set = 1;
}

static int match_list(int i, struct ip_addr *ip, str *text, unsigned short port, unsigned short proto)
{
	unsigned int now = get_ticks();
	int hit = 0, ro = heads[i].flags & BL_READONLY_LIST;
	char tbuf[1024];
	const char *t = "";

	if (text && text->s && text->len > 0) {
		int n = text->len < (int)sizeof(tbuf) - 1 ? text->len : (int)sizeof(tbuf) - 1;
		memcpy(tbuf, text->s, (size_t)n);
		tbuf[n] = 0;
		t = tbuf;
	}
	if (!ro)
		pthread_rwlock_rdlock(&locks[i]);
	for (struct bl_rule *r = heads[i].first; r; r = r->next) {
		int m;
		if (r->expire_end && r->expire_end <= now)
			continue;
		m = (r->port == 0 || r->port == port) && (r->proto == PROTO_NONE || r->proto == proto) &&
			matchnet(ip, &r->ip_net) == 1 && (r->body.s == NULL || fnmatch(r->body.s, t, 0) == 0);
		if (!!(r->flags & BLR_APPLY_CONTRARY) ^ !!m) {
			hit = 1;
			break;
		}
	}
	if (!ro)
		pthread_rwlock_unlock(&locks[i]);
	return hit;
}

int check_against_blacklist(struct ip_addr *ip, str *text, unsigned short port, unsigned short proto)
{
	unsigned int m;
	if (ip == NULL)
		return 0;
	m = my_marker();
	for (unsigned int i = 0; i < used; i++)
		if ((m & (1u << i)) && match_list((int)i, ip, text, port, proto))
			return 1;
	return 0;
}
