/* Binds api_provider's API in mod_init, and optionally a Java-exported function.
 *   consume_add("a", "b")   returns provider.add(a, b)
 *   consume_java()          calls the function found as find_export("java_answer", 0, 0)
 *                           (a Java module's export) and returns its result. */
#include <stdlib.h>
#include "../../sr_module.h"
#include "api_provider.h"

static struct provider_binds provider;
static cmd_function java_answer;

static int mod_init(void)
{
	load_provider_f load = (load_provider_f)find_export("load_provider", 0, 0);
	if (load == NULL) {
		LM_ERR("api_provider is not loaded (load_provider not found)\n");
		return -1;
	}
	if (load(&provider) < 0)
		return -1;
	java_answer = find_export("java_answer", 0, 0);
	LM_INFO("bound api_provider%s\n", java_answer ? " and java_answer" : "");
	return 0;
}

static int consume_add(struct sip_msg *msg, char *a, char *b)
{
	return provider.add(atoi(a), atoi(b));
}

static int consume_java(struct sip_msg *msg)
{
	if (java_answer == NULL)
		return -1;
	return java_answer(msg, 0, 0, 0, 0, 0, 0);
}

static cmd_export_t cmds[] = {
	{"consume_add", (cmd_function)consume_add, 2, 0, 0, REQUEST_ROUTE},
	{"consume_java", (cmd_function)consume_java, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"api_consumer", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, mod_init, 0, 0, 0
};
