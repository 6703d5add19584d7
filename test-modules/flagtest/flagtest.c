/*
 * flagtest: uses named flags the way OpenSIPS 1.11's acc and usrloc do.
 *
 *   modparam("flagtest", "log_flag", "ACC_DO")   a message flag by name
 *   modparam("flagtest", "nat_bflag", "NAT")     a branch flag by name
 *   modparam("flagtest", "log_flag_id", 3)       the old numeric form: the flag named "3"
 *   flagtest_marked()      1 when the message has log_flag set (msg->flags), else -1
 *   flagtest_set()         sets log_flag on the message from C
 *   flagtest_names()       logs "names [<the message's flag names>]" (bitmask_to_flag_list)
 *   flagtest_bits()        logs "bits <log_flag bit> <nat mask> <mask of 'ACC_DO NAT_X'>"
 */
#include <string.h>

#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../ut.h"
#include "../../flags.h"

static char *log_flag_str = NULL;
static int log_flag_num = -1;
static char *nat_bflag_str = NULL;
static int log_flag = -1;
static unsigned int nat_bflag_mask;

static int mod_init(void);
static int flagtest_marked(struct sip_msg *msg, char *a, char *b);
static int flagtest_set(struct sip_msg *msg, char *a, char *b);
static int flagtest_names(struct sip_msg *msg, char *a, char *b);
static int flagtest_bits(struct sip_msg *msg, char *a, char *b);

static cmd_export_t cmds[] = {
	{"flagtest_marked", (cmd_function)flagtest_marked, 0, 0, 0, ALL_ROUTES},
	{"flagtest_set", (cmd_function)flagtest_set, 0, 0, 0, ALL_ROUTES},
	{"flagtest_names", (cmd_function)flagtest_names, 0, 0, 0, ALL_ROUTES},
	{"flagtest_bits", (cmd_function)flagtest_bits, 0, 0, 0, ALL_ROUTES},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"log_flag", STR_PARAM, &log_flag_str},
	{"log_flag", INT_PARAM, &log_flag_num},   /* a name exported twice, as usrloc's nat_bflag */
	{"log_flag_id", INT_PARAM, &log_flag_num},
	{"nat_bflag", STR_PARAM, &nat_bflag_str},
	{0, 0, 0}
};

struct module_exports exports = {
	"flagtest",
	MODULE_VERSION,
	DEFAULT_DLFLAGS,
	cmds,
	params,
	0, 0, 0, 0,
	mod_init,
	0, 0, 0
};

static int mod_init(void)
{
	str nat;

	fix_flag_name(log_flag_str, log_flag_num);
	log_flag = get_flag_id_by_name(FLAG_TYPE_MSG, log_flag_str);
	if (log_flag < 0 || !flag_in_range((flag_t)log_flag)) {
		LM_ERR("bad log_flag\n");
		return -1;
	}
	if (nat_bflag_str) {
		nat.s = nat_bflag_str;
		nat.len = strlen(nat_bflag_str);
		nat_bflag_mask = fixup_flag(FLAG_TYPE_BRANCH, &nat);
		if (nat_bflag_mask == NAMED_FLAG_ERROR)
			return -1;
	}
	LM_INFO("log_flag %s is bit %d\n", log_flag_str, log_flag);
	return 0;
}

static int flagtest_marked(struct sip_msg *msg, char *a, char *b)
{
	return isflagset(msg, (flag_t)log_flag);
}

static int flagtest_set(struct sip_msg *msg, char *a, char *b)
{
	return setflag(msg, (flag_t)log_flag);
}

static int flagtest_names(struct sip_msg *msg, char *a, char *b)
{
	str names = bitmask_to_flag_list(FLAG_TYPE_MSG, msg->flags);
	LM_INFO("names [%.*s]\n", names.len, names.s);
	return 1;
}

static int flagtest_bits(struct sip_msg *msg, char *a, char *b)
{
	char list[] = "ACC_DO NAT_X";
	str l = { list, sizeof(list) - 1 };
	LM_INFO("bits %d %u %d\n", log_flag, nat_bflag_mask, flag_list_to_bitmask(&l, FLAG_TYPE_MSG, ' '));
	return 1;
}
