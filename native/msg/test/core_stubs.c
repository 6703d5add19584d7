/* The core symbols native/msg needs, for the unit tests: pkg/shm memory with counters
 * of live blocks, and logging to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include "core_stubs.h"

long stub_pkg_live;
long stub_shm_live;
long stub_pkg_total;

static int level = L_WARN;
int *sb_log_level = &level;
int log_stderr = 1;
int log_facility;
__thread char int2str_buf[INT2STR_MAX_LEN];
__thread int route_type;
/* globals.h: off here, so the builder tests see replies without a Server header unless
 * they turn it on */
int server_signature;
str server_header = { "Server: stub", 12 };

/* dset.h: the tests' destination set is empty */
char *print_dset(struct sip_msg *msg, int *len)
{
	(void)msg;
	if (len)
		*len = 0;
	return NULL;
}

void *pkg_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p) {
		stub_pkg_live++;
		stub_pkg_total++;
	}
	return p;
}

void *pkg_realloc(void *p, size_t size)
{
	void *n = realloc(p, size);
	if (n && p == NULL)
		stub_pkg_live++;
	return n;
}

void pkg_free(void *p)
{
	if (p) {
		stub_pkg_live--;
		free(p);
	}
}

void *shm_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p)
		stub_shm_live++;
	return p;
}

void *shm_realloc(void *p, size_t size)
{
	void *n = realloc(p, size);
	if (n && p == NULL)
		stub_shm_live++;
	return n;
}

void shm_free(void *p)
{
	if (p) {
		stub_shm_live--;
		free(p);
	}
}

void sb_log(int lev, const char *module, const char *func, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "[%d %s %s] ", lev, module, func);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* native/net: no configured listeners in the view tests (the slot's own socket is used) */
struct socket_info *sb_net_find_listener(const struct ip_addr *ip, unsigned short port, int proto)
{
	(void)ip; (void)port; (void)proto;
	return NULL;
}
