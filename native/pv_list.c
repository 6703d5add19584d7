/* parse_pvname_list (pvar.h): a list of pseudo-variable names, as exec's or avpops'
 * parameters give them ("$avp(a);$avp(b)"), into pkg records of parsed specs. */
#include <string.h>
#include "sb_core.h"

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == ',' || c == ';';
}

pvname_list_t *parse_pvname_list(str *in, unsigned int type)
{
	pvname_list_t *head = NULL, *last = NULL, *n;
	char *p, *end;
	str s;
	pv_spec_t spec;
	if (in == NULL || in->s == NULL || in->len <= 0) {
		LM_ERR("no list of names\n");
		return NULL;
	}
	p = in->s;
	end = in->s + in->len;
	for (;;) {
		while (p < end && blank(*p))
			p++;
		if (p >= end)
			break;
		s.s = p;
		s.len = end - p;
		p = pv_parse_spec(&s, &spec);
		if (p == NULL || (type && spec.type != (pv_type_t)type)) {
			LM_ERR("bad name in the list <%.*s>\n", in->len, in->s);
			goto error;
		}
		n = pkg_malloc(sizeof(*n));
		if (n == NULL) {
			LM_ERR("no pkg memory\n");
			goto error;
		}
		memset(n, 0, sizeof(*n));
		n->sname = spec;
		if (last)
			last->next = n;
		else
			head = n;
		last = n;
	}
	if (head == NULL)
		LM_ERR("empty list of names <%.*s>\n", in->len, in->s);
	return head;
error:
	while (head) {
		n = head->next;
		pkg_free(head);
		head = n;
	}
	return NULL;
}
