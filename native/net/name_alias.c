/* The server's aliases and the alias checkers modules register (include/name_alias.h).
 *
 * grep_aliases is inline in the SDK, so modules call the registered checkers themselves,
 * with no module context of their own to pass. A checker must still run under its own
 * module's lock and on this thread's copy of that module's globals (the domain module's
 * checker reads its hash table through a global), so the public list holds trampolines:
 * slot i's trampoline enters the module that registered slot i and calls its function. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../sb_core.h"
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/name_alias.h"
#pragma GCC visibility pop

struct host_alias *aliases;
struct alias_function *alias_fcts;

struct alias_slot {
	is_alias_fct *fct;          /* the module's function; NULL: slot free */
	int owner;                  /* module index that registered it (0: the core or a test) */
	struct alias_function node; /* what modules see in alias_fcts: the slot's trampoline */
};
static struct alias_slot slots[SB_MAX_ALIAS_FCTS];

static int call_slot(int i, char *name, int len, unsigned short port, unsigned short proto)
{
	struct alias_slot *s = &slots[i];
	struct sb_module *m = s->owner > 0 ? sb_module_at(s->owner) : NULL;
	struct sb_entry e;
	int r;

	if (s->fct == NULL)
		return 0;
	if (m == NULL)
		return s->fct(name, len, port, proto);
	e = sb_enter(m);
	r = s->fct(name, len, port, proto);
	sb_leave(e);
	return r;
}

#define SB_ALIAS_TRAMPOLINE(i) \
	static int trampoline_##i(char *n, int l, unsigned short p, unsigned short pr) \
	{ return call_slot(i, n, l, p, pr); }
SB_ALIAS_TRAMPOLINE(0) SB_ALIAS_TRAMPOLINE(1) SB_ALIAS_TRAMPOLINE(2) SB_ALIAS_TRAMPOLINE(3)
SB_ALIAS_TRAMPOLINE(4) SB_ALIAS_TRAMPOLINE(5) SB_ALIAS_TRAMPOLINE(6) SB_ALIAS_TRAMPOLINE(7)
static is_alias_fct *const trampolines[SB_MAX_ALIAS_FCTS] = {
	trampoline_0, trampoline_1, trampoline_2, trampoline_3,
	trampoline_4, trampoline_5, trampoline_6, trampoline_7,
};

int add_alias(char *name, int len, unsigned short port, unsigned short proto)
{
	struct host_alias *a;

	if (name == NULL || len <= 0)
		return -1;
	if (port && proto) {
		if (grep_aliases(name, len, port, proto))
			return 0;
	} else {
		for (a = aliases; a != NULL; a = a->next)
			if (a->alias.len == len && a->port == port && a->proto == proto &&
					strncasecmp(a->alias.s, name, (size_t)len) == 0)
				return 0;
	}
	/* one block: the entry and its NUL-terminated name (core memory, see the header) */
	a = malloc(sizeof(*a) + (size_t)len + 1);
	if (a == NULL) {
		LM_ERR("no memory for alias %.*s\n", len, name);
		return -1;
	}
	a->alias.s = (char *)(a + 1);
	a->alias.len = len;
	memcpy(a->alias.s, name, (size_t)len);
	a->alias.s[len] = 0;
	a->port = port;
	a->proto = proto;
	a->next = aliases;
	aliases = a;
	return 1;
}

int register_alias_fct(is_alias_fct *fct)
{
	int i;

	if (fct == NULL) {
		LM_ERR("no alias function given\n");
		return -1;
	}
	for (i = 0; i < SB_MAX_ALIAS_FCTS && slots[i].fct != NULL; i++)
		;
	if (i == SB_MAX_ALIAS_FCTS) {
		LM_ERR("too many alias functions (at most %d)\n", SB_MAX_ALIAS_FCTS);
		return -1;
	}
	slots[i].fct = fct;
	slots[i].owner = sb_current_module;
	slots[i].node.alias_f = trampolines[i];
	slots[i].node.next = alias_fcts;   /* first in the list, as 1.11 */
	alias_fcts = &slots[i].node;
	return 0;
}

/* A new configuration (sb_net_reset): its alias= lines replace the previous ones. The old
 * entries stay allocated: a module of another server in the same JVM may still hold one. */
void sb_alias_reset(void)
{
	aliases = NULL;
}

/* A module is unloaded: its checkers leave the list (no worker runs any more). */
void sb_alias_forget(int module)
{
	struct alias_function **pp = &alias_fcts;

	if (module <= 0)
		return;
	while (*pp != NULL) {
		struct alias_slot *s = (struct alias_slot *)((char *)*pp - offsetof(struct alias_slot, node));
		if (s->owner == module) {
			*pp = s->node.next;
			s->fct = NULL;
			s->owner = 0;
		} else {
			pp = &(*pp)->next;
		}
	}
}
