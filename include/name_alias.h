/* The server's other names (the `alias=` lines) and the functions modules register to
 * recognise more of them (name_alias.h of the 1.11 interface).
 *
 * The core fills `aliases` from the configuration before mod_init; modules may add to it
 * with add_alias (mod_init only) and register checkers with register_alias_fct (the
 * domain module: every domain of its table is "myself"). grep_aliases is inline here, as
 * in 1.11, so modules read both lists directly; they are read-only once workers run.
 *
 * Memory: entries and their names belong to the core (malloc) and live as long as the
 * server's configuration; a module's checker is unlinked when the module is unloaded.
 * A checker registered by a C module runs under that module's lock and with its
 * per-thread globals, like any call into the module. */
#ifndef SB_NAME_ALIAS_H
#define SB_NAME_ALIAS_H

#include <strings.h>
#include "str.h"
#include "dprint.h"
#include "mem/mem.h"

struct host_alias {
	str alias;              /* the name, NUL-terminated */
	unsigned short port;    /* 0: any port */
	unsigned short proto;   /* 0: any protocol */
	struct host_alias *next;
};

extern struct host_alias *aliases;

/* > 0 when name (not NUL-terminated) at port/proto is this server; port or proto 0: any */
typedef int (is_alias_fct)(char *name, int len, unsigned short port, unsigned short proto);

struct alias_function {
	is_alias_fct *alias_f;
	struct alias_function *next;
};

extern struct alias_function *alias_fcts;

/* 1 when name is one of the aliases (a 0 port or proto on either side matches any; the
 * name compares without case; an IPv6 reference "[...]" compares without its brackets)
 * or a registered checker says so; 0 otherwise. */
static inline int grep_aliases(char *name, int len, unsigned short port, unsigned short proto)
{
	struct host_alias *a;
	struct alias_function *f;

	if (len > 2 && name[0] == '[' && name[len - 1] == ']') {
		name++;
		len -= 2;
	}
	for (a = aliases; a != NULL; a = a->next) {
		if (a->alias.len != len)
			continue;
		if (a->port != 0 && port != 0 && a->port != port)
			continue;
		if (a->proto != 0 && proto != 0 && a->proto != proto)
			continue;
		if (strncasecmp(a->alias.s, name, (size_t)len) == 0)
			return 1;
	}
	for (f = alias_fcts; f != NULL; f = f->next)
		if (f->alias_f(name, len, port, proto) > 0)
			return 1;
	return 0;
}

/* Adds name to the aliases unless it is there already: 1 added, 0 already known, -1 no
 * memory. With a port and a protocol "already known" means any matching alias; otherwise
 * an entry with exactly the same name, port and protocol. */
int add_alias(char *name, int len, unsigned short port, unsigned short proto);

/* Registers a checker consulted by grep_aliases (and so by check_self): 0 or -1.
 * At most SB_MAX_ALIAS_FCTS checkers at a time. */
#define SB_MAX_ALIAS_FCTS 8
int register_alias_fct(is_alias_fct *fct);

#endif
