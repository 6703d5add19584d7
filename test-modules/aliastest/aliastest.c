/* The server's aliases from C (name_alias.h), as the domain module uses them, and
 * received_test (msg_translator.h), as nathelper does:
 *   modparam("aliastest", "hosted", "name")  mod_init registers an alias checker that
 *                             says yes to that name (any port), and adds the alias
 *                             "added.example" (any port and protocol)
 *   al_self(host)            check_self(host, 0, 0) == 1
 *   al_grep(host)            grep_aliases (inline, the module walks the lists itself)
 *   al_add(host, port)       add_alias: 1 added, -1 already known (0) or an error
 *   al_calls_is(n)           the checker ran n times so far
 *   al_received()            received_test(msg) != 0 */
#include <stdlib.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../name_alias.h"
#include "../../forward.h"
#include "../../msg_translator.h"
#include "../../dprint.h"

static char *hosted = "";
static int checker_calls;

/* module globals are per thread: the checker reaches `hosted` only if the core entered
 * this module before calling it */
static int hosted_check(char *name, int len, unsigned short port, unsigned short proto)
{
	checker_calls++;
	return len == (int)strlen(hosted) && len > 0 && strncasecmp(name, hosted, len) == 0;
}

static int mod_init(void)
{
	if (register_alias_fct(hosted_check) != 0)
		return -1;
	return add_alias("added.example", 13, 0, 0) < 0 ? -1 : 0;
}

static int al_self(struct sip_msg *msg, char *host, char *b)
{
	str h = {host, (int)strlen(host)};
	return check_self(&h, 0, 0) == 1 ? 1 : -1;
}

static int al_grep(struct sip_msg *msg, char *host, char *b)
{
	return grep_aliases(host, (int)strlen(host), 0, 0) ? 1 : -1;
}

static int al_add(struct sip_msg *msg, char *host, char *port)
{
	return add_alias(host, (int)strlen(host), (unsigned short)atoi(port), 0) == 1 ? 1 : -1;
}

static int al_calls_is(struct sip_msg *msg, char *n, char *b)
{
	return checker_calls == atoi(n) ? 1 : -1;
}

static int al_received(struct sip_msg *msg, char *a, char *b)
{
	return received_test(msg) ? 1 : -1;
}

static cmd_export_t cmds[] = {
	{"al_self", (cmd_function)al_self, 1, 0, 0, ALL_ROUTES},
	{"al_grep", (cmd_function)al_grep, 1, 0, 0, ALL_ROUTES},
	{"al_add", (cmd_function)al_add, 2, 0, 0, ALL_ROUTES},
	{"al_calls_is", (cmd_function)al_calls_is, 1, 0, 0, ALL_ROUTES},
	{"al_received", (cmd_function)al_received, 0, 0, 0, ALL_ROUTES},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"hosted", STR_PARAM, &hosted},
	{0, 0, 0}
};

struct module_exports exports = {
	"aliastest", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, params, 0, 0, 0, 0, mod_init, 0, 0, 0
};
