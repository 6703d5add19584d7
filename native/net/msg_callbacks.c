/* Per-message callbacks (msg_callbacks.h): a pkg list on msg->msg_cb, run and freed when
 * the message view is released (MSG_DESTROY) or by forward_request (REQ_PRE_FORWARD). */
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/msg_callbacks.h"
#include "../../include/parser/msg_parser.h"
#pragma GCC visibility pop

struct msg_callback {
	cb_type_t type;
	cb_func_t f;
	void *param;
	struct msg_callback *next;
};

int msg_callback_add(struct sip_msg *msg, cb_type_t type, cb_func_t f, void *param)
{
	struct msg_callback *c, **tail;
	if (msg == NULL || f == NULL || (type != REQ_PRE_FORWARD && type != MSG_DESTROY)) {
		LM_ERR("bad arguments\n");
		return -1;
	}
	c = pkg_malloc(sizeof(*c));
	if (c == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	c->type = type;
	c->f = f;
	c->param = param;
	c->next = NULL;
	for (tail = &msg->msg_cb; *tail; tail = &(*tail)->next)
		;
	*tail = c;
	return 0;
}

void msg_callback_process(struct sip_msg *msg, cb_type_t type, void *extra)
{
	if (msg == NULL)
		return;
	for (struct msg_callback *c = msg->msg_cb; c; c = c->next)
		if (c->type == type)
			c->f(msg, type, c->param, extra);
}

int msg_callback_check(struct sip_msg *msg, cb_type_t type, cb_func_t f)
{
	if (msg == NULL)
		return 0;
	for (struct msg_callback *c = msg->msg_cb; c; c = c->next)
		if (c->type == type && c->f == f)
			return 1;
	return 0;
}

/* From the view's reset (native/msg/view_build.c): MSG_DESTROY, then the list is freed.
 * Runs on the thread that owns the message, charged to the module that added each. */
void sb_msg_callbacks_destroy(struct sip_msg *msg)
{
	struct msg_callback *c;
	msg_callback_process(msg, MSG_DESTROY, NULL);
	while ((c = msg->msg_cb) != NULL) {
		msg->msg_cb = c->next;
		pkg_free(c);
	}
}
