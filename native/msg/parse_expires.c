/* Expires: a number of seconds. */
#include <string.h>
#include "sb_msg_int.h"

int parse_expires(struct hdr_field *_h)
{
	exp_body_t *e;
	str t;
	unsigned int v;

	if (_h == NULL)
		return -1;
	if (_h->parsed)
		return 0;
	t = _h->body;
	trim(&t);
	if (str2int(&t, &v) < 0 || v > 0x7fffffffU) {
		LM_ERR("bad Expires <%.*s>\n", _h->body.len, _h->body.s);
		return -1;
	}
	e = pkg_malloc(sizeof(*e));
	if (e == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	e->text = t;
	e->valid = 1;
	e->val = (int)v;
	_h->parsed = e;
	return 0;
}

void free_expires(exp_body_t **_e)
{
	if (_e == NULL || *_e == NULL || sb_mem_is_core(*_e))
		return;
	pkg_free(*_e);
	*_e = NULL;
}
