/* The destination set from C (dset.h), as tm/registrar/enum-style modules use it:
 *   dset_add(uri, dst)       append_branch with q 0.5 (dst "" for none)
 *   dset_add_ruri()          append_branch of the message's own R-URI
 *   dset_count_is(n)         nr_branches == n
 *   dset_uri_is(idx, uri)    get_branch(idx) has that URI
 *   dset_dst_is(idx, dst)    ... and that destination URI
 *   dset_fill()              appends until refused: 1 when exactly MAX_BRANCHES-1 fit
 *   dset_bad_input()         out-of-range indexes all fail without harm
 *   dset_flags()             setbflag/isbflagset/resetbflag on branch 1, setb0flags
 *   dset_b0_any() / dset_b0_zero()  getb0flags() != 0 / setb0flags(0)
 *   dset_print_is(text)      print_dset == "Contact: " text "\r\n"
 *   dset_ruri_q()            set_ruri_q / get_ruri_q, and clear_branches forgets it
 *   dset_clear()             clear_branches
 *   dset_remove(idx)         remove_branch */
#include <stdlib.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../dset.h"
#include "../../dprint.h"

static int same(const char *s, int len, const char *want)
{
	return s != NULL && len == (int)strlen(want) && memcmp(s, want, len) == 0;
}

static int dset_add(struct sip_msg *msg, char *uri, char *dst)
{
	str u = {uri, (int)strlen(uri)}, d = {dst, (int)strlen(dst)};
	return append_branch(msg, &u, d.len ? &d : NULL, NULL, 500, 0, NULL);
}

static int dset_add_ruri(struct sip_msg *msg, char *a, char *b)
{
	return append_branch(msg, NULL, NULL, NULL, Q_UNSPECIFIED, 0, NULL);
}

static int dset_count_is(struct sip_msg *msg, char *n, char *b)
{
	return nr_branches == (unsigned int)atoi(n) ? 1 : -1;
}

static int dset_uri_is(struct sip_msg *msg, char *idx, char *uri)
{
	int len;
	qvalue_t q;
	char *s = get_branch((unsigned int)atoi(idx), &len, &q, NULL, NULL, NULL, NULL);
	return same(s, len, uri) && s[len] == '\0' ? 1 : -1;
}

static int dset_dst_is(struct sip_msg *msg, char *idx, char *dst)
{
	int len;
	qvalue_t q;
	str d;
	char *s = get_branch((unsigned int)atoi(idx), &len, &q, &d, NULL, NULL, NULL);
	if (s == NULL)
		return -1;
	if (*dst == '\0')
		return d.s == NULL && d.len == 0 ? 1 : -1;
	return same(d.s, d.len, dst) ? 1 : -1;
}

static int dset_fill(struct sip_msg *msg, char *a, char *b)
{
	char buf[64];
	int i;
	for (i = 0; i < 3 * MAX_BRANCHES; i++) {
		str u;
		u.len = snprintf(buf, sizeof(buf), "sip:fill%d@example.com", i);
		u.s = buf;
		if (append_branch(msg, &u, NULL, NULL, Q_UNSPECIFIED, 0, NULL) != 1)
			break;
	}
	return nr_branches == MAX_BRANCHES - 1 ? 1 : -1;
}

static int dset_bad_input(struct sip_msg *msg, char *a, char *b)
{
	int len = 7;
	qvalue_t q = 0;
	str d = {"x", 1}, empty = {NULL, 0}, *pe = &empty;
	unsigned int n = nr_branches;
	if (get_branch(n, &len, &q, &d, NULL, NULL, NULL) != NULL || len != 0 || q != Q_UNSPECIFIED || d.s != NULL)
		return -1;
	if (get_branch(100000, &len, &q, NULL, NULL, NULL, NULL) != NULL)
		return -2;
	if (remove_branch(n) != -1 || remove_branch(100000) != -1)
		return -3;
	if (setbflag(n + 1, 1) != -1 || isbflagset(100000, 1) != -1 || resetbflag(n + 1, 1) != -1)
		return -4;
	if (update_branch(n, &pe, NULL, NULL, NULL, NULL, NULL) != -1)
		return -5;
	return nr_branches == n ? 1 : -7;
}

static int dset_flags(struct sip_msg *msg, char *a, char *b)
{
	if (setbflag(1, 4) != 1 || isbflagset(1, 4) != 1 || isbflagset(1, 2) != -1)
		return -1;
	if (resetbflag(1, 4) != 1 || isbflagset(1, 4) != -1)
		return -2;
	setb0flags(getb0flags() | 8);
	return (getb0flags() & 8) && isbflagset(0, 8) == 1 ? 1 : -3;
}

static int dset_b0_any(struct sip_msg *msg, char *a, char *b)
{
	return getb0flags() != 0 ? 1 : -1;
}

static int dset_b0_zero(struct sip_msg *msg, char *a, char *b)
{
	return setb0flags(0) == 0 && getb0flags() == 0 ? 1 : -1;
}

static int dset_print_is(struct sip_msg *msg, char *text, char *b)
{
	int len;
	char *s = print_dset(msg, &len);
	char want[512];
	snprintf(want, sizeof(want), "Contact: %s\r\n", text);
	if (!same(s, len, want)) {
		LM_ERR("print_dset gave [%.*s]\n", s ? len : 0, s ? s : "");
		return -1;
	}
	return 1;
}

static int dset_ruri_q(struct sip_msg *msg, char *a, char *b)
{
	set_ruri_q(300);
	if (get_ruri_q() != 300)
		return -1;
	return 1;
}

static int dset_clear(struct sip_msg *msg, char *a, char *b)
{
	clear_branches();
	return get_ruri_q() == Q_UNSPECIFIED ? 1 : -1;
}

static int dset_remove(struct sip_msg *msg, char *idx, char *b)
{
	return remove_branch((unsigned int)atoi(idx)) == 0 ? 1 : -1;
}

static cmd_export_t cmds[] = {
	{"dset_add", (cmd_function)dset_add, 2, 0, 0, ALL_ROUTES},
	{"dset_add_ruri", (cmd_function)dset_add_ruri, 0, 0, 0, ALL_ROUTES},
	{"dset_count_is", (cmd_function)dset_count_is, 1, 0, 0, ALL_ROUTES},
	{"dset_uri_is", (cmd_function)dset_uri_is, 2, 0, 0, ALL_ROUTES},
	{"dset_dst_is", (cmd_function)dset_dst_is, 2, 0, 0, ALL_ROUTES},
	{"dset_fill", (cmd_function)dset_fill, 0, 0, 0, ALL_ROUTES},
	{"dset_bad_input", (cmd_function)dset_bad_input, 0, 0, 0, ALL_ROUTES},
	{"dset_flags", (cmd_function)dset_flags, 0, 0, 0, ALL_ROUTES},
	{"dset_b0_any", (cmd_function)dset_b0_any, 0, 0, 0, ALL_ROUTES},
	{"dset_b0_zero", (cmd_function)dset_b0_zero, 0, 0, 0, ALL_ROUTES},
	{"dset_print_is", (cmd_function)dset_print_is, 1, 0, 0, ALL_ROUTES},
	{"dset_ruri_q", (cmd_function)dset_ruri_q, 0, 0, 0, ALL_ROUTES},
	{"dset_clear", (cmd_function)dset_clear, 0, 0, 0, ALL_ROUTES},
	{"dset_remove", (cmd_function)dset_remove, 1, 0, 0, ALL_ROUTES},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"dsettest", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
