/* sipbridge module SDK: per-message callbacks (OpenSIPS 1.11 msg_callbacks.h).
 * REQ_PRE_FORWARD callbacks run when forward_request is about to send the message (the
 * struct proxy_l * it goes to as the extra argument); MSG_DESTROY callbacks run when the message is released. The
 * list lives in pkg memory owned by the message. */
#ifndef SB_SDK_MSG_CALLBACKS_H
#define SB_SDK_MSG_CALLBACKS_H

struct sip_msg;

typedef enum { REQ_PRE_FORWARD, MSG_DESTROY } cb_type_t;
typedef void (*cb_func_t)(struct sip_msg *, cb_type_t, void *, void *);

/* 0, or -1 (bad arguments, no memory). */
int msg_callback_add(struct sip_msg *, cb_type_t, cb_func_t, void *);
void msg_callback_process(struct sip_msg *, cb_type_t, void *);
/* 1 when f is registered for type on the message, 0 when not. */
int msg_callback_check(struct sip_msg *, cb_type_t, cb_func_t);

#endif
