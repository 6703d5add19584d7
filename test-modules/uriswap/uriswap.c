/* Changes the Request-URI and the destination URI the ways real modules do, behind the
 * core's back: free + allocate again (what a set_ruri-style helper does; the allocator
 * often returns the same address for the same size), and an edit of the bytes in place.
 * The core must notice each change even though pointer and length may stay the same. */
#include <string.h>
#include "../../sr_module.h"
#include "../../mem/mem.h"
#include "../../parser/msg_parser.h"

/* Frees s->s and puts a fresh pkg copy of v there. 2: same address as before, 1: another,
 * -1: no memory. */
static int realloc_same(str *s, const char *v)
{
	char *old = s->s;
	int len = strlen(v);
	if (s->s)
		pkg_free(s->s);
	s->s = pkg_malloc(len + 1);
	if (s->s == NULL) {
		s->len = 0;
		return -1;
	}
	memcpy(s->s, v, len + 1);
	s->len = len;
	return s->s == old ? 2 : 1;
}

/* Overwrites the bytes of s when v has the same length: 1, else -1. */
static int edit_in_place(str *s, const char *v)
{
	int len = strlen(v);
	if (s->s == NULL || s->len != len)
		return -1;
	memcpy(s->s, v, len);
	return 1;
}

static int ruri_realloc(struct sip_msg *msg, char *v)
{
	int r = realloc_same(&msg->new_uri, v);
	msg->parsed_uri_ok = 0;
	return r;
}

static int ruri_edit(struct sip_msg *msg, char *v)
{
	int r = edit_in_place(&msg->new_uri, v);
	msg->parsed_uri_ok = 0;
	return r;
}

static int duri_realloc(struct sip_msg *msg, char *v) { return realloc_same(&msg->dst_uri, v); }
static int duri_edit(struct sip_msg *msg, char *v) { return edit_in_place(&msg->dst_uri, v); }

static cmd_export_t cmds[] = {
	{"ruri_realloc", (cmd_function)ruri_realloc, 1, 0, 0, REQUEST_ROUTE | FAILURE_ROUTE | BRANCH_ROUTE},
	{"ruri_edit", (cmd_function)ruri_edit, 1, 0, 0, REQUEST_ROUTE | FAILURE_ROUTE | BRANCH_ROUTE},
	{"duri_realloc", (cmd_function)duri_realloc, 1, 0, 0, REQUEST_ROUTE | FAILURE_ROUTE | BRANCH_ROUTE},
	{"duri_edit", (cmd_function)duri_edit, 1, 0, 0, REQUEST_ROUTE | FAILURE_ROUTE | BRANCH_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"uriswap", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
