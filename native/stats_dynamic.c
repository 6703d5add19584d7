/* Statistics created while messages run (the statistics module's update_stat("name", n)
 * for a name no module registered) and the name copies it keeps: register_dynamic_stat and
 * clone_pv_stat_name of statistics.h. A dynamic statistic belongs to the group "dynamic"
 * and is charged to the module that created it. Two workers creating the same name at
 * once both get the one statistic. */
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"

int register_dynamic_stat(str *name, stat_var **pvar)
{
	char *text;
	int r;
	if (name == NULL || name->s == NULL || name->len <= 0 || pvar == NULL) {
		LM_ERR("no statistic name\n");
		return -1;
	}
	if ((*pvar = get_stat(name)) != NULL)
		return 0;
	text = pkg_malloc(name->len + 1);
	if (text == NULL) {
		LM_ERR("no pkg memory\n");
		return -1;
	}
	memcpy(text, name->s, name->len);
	text[name->len] = 0;
	r = register_stat(DYNAMIC_MODULE_NAME, text, pvar, 0);
	pkg_free(text);
	if (r < 0 && (*pvar = get_stat(name)) != NULL)
		return 0;   /* another worker created it meanwhile */
	return r;
}

int clone_pv_stat_name(str *name, str *clone)
{
	if (name == NULL || clone == NULL || name->s == NULL || name->len < 0)
		return -1;
	clone->s = shm_malloc(name->len ? name->len : 1);
	if (clone->s == NULL) {
		LM_ERR("no shm memory for a statistic name of %d bytes\n", name->len);
		return -1;
	}
	memcpy(clone->s, name->s, name->len);
	clone->len = name->len;
	return 0;
}
