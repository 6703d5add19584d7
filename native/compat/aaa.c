/* aaa/aaa.h: binding a module to the AAA protocol module named by a URL. sipbridge has
 * no protocol of its own, so without aaa_<scheme> loaded the bind fails cleanly. */
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/aaa/aaa.h"
#pragma GCC visibility pop

int aaa_parse_url(str *aaa_url, aaa_prot_config *aaa_config)
{
	char *colon;
	str *name;
	int len;

	if (aaa_url == NULL || aaa_config == NULL || aaa_url->s == NULL || aaa_url->len <= 0) {
		LM_ERR("aaa url: NULL or empty argument\n");
		return -1;
	}
	colon = memchr(aaa_url->s, ':', (size_t)aaa_url->len);
	if (colon == NULL || colon == aaa_url->s) {
		LM_ERR("aaa url <%.*s>: expected <protocol>:<configuration>\n",
			aaa_url->len, aaa_url->s);
		return -1;
	}
	len = (int)(colon - aaa_url->s);
	name = pkg_malloc(sizeof(str));
	if (name == NULL) {
		LM_ERR("aaa url: out of pkg memory\n");
		return -1;
	}
	name->s = pkg_malloc((size_t)len);
	if (name->s == NULL) {
		pkg_free(name);
		LM_ERR("aaa url: out of pkg memory\n");
		return -1;
	}
	memcpy(name->s, aaa_url->s, (size_t)len);
	name->len = len;
	aaa_config->prot_name = name;
	aaa_config->rest = colon + 1;
	return 0;
}

int aaa_prot_bind(str *aaa_url, aaa_prot *prot)
{
	aaa_prot_config pc;
	char module[64];
	aaa_bind_api_f bind;
	int rc;

	if (aaa_url == NULL || prot == NULL) {
		LM_ERR("aaa_prot_bind: NULL argument\n");
		return -1;
	}
	if (aaa_parse_url(aaa_url, &pc) != 0)
		return -1;
	if (pc.prot_name->len > (int)sizeof(module) - 5) {
		LM_ERR("aaa url: protocol name too long (%d characters)\n", pc.prot_name->len);
		rc = -1;
		goto out;
	}
	snprintf(module, sizeof(module), "aaa_%.*s", pc.prot_name->len, pc.prot_name->s);
	bind = (aaa_bind_api_f)find_mod_export(module, "aaa_bind_api", 0, 0);
	if (bind == NULL) {
		LM_ERR("aaa url <%.*s>: module %s is not loaded or has no aaa_bind_api "
			"(sipbridge has no AAA protocol of its own)\n", aaa_url->len, aaa_url->s, module);
		rc = -1;
		goto out;
	}
	rc = bind(prot) ? -1 : 0;
	if (rc != 0)
		LM_ERR("aaa: %s refused to bind\n", module);
out:
	pkg_free(pc.prot_name->s);
	pkg_free(pc.prot_name);
	return rc;
}
