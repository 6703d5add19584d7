/* The OpenSIPS sl API (include/modules/sl/sl_api.h) for C modules: load_sl fills the binds
 * with functions that hand the reply to the Java server, which builds it from the request's
 * view (reply lumps included) and sends it like the script's sl_send_reply. One upcall per
 * reply; the server registers the callbacks once per JVM (sb_sl_set_callbacks). */
#include <string.h>
#include "sb_core.h"

#pragma GCC visibility push(default)
#include "../include/modules/sl/sl_api.h"
#pragma GCC visibility pop

/* Builds and sends the stateless reply to msg; tag NULL means "the core's own To-tag".
 * 1 when sent, -1 otherwise. */
typedef int (*sb_sl_reply_f)(struct sip_msg *msg, int code, const char *reason, int reason_len,
		const char *tag, int tag_len);
/* Writes the core's To-tag for msg into out[0..cap); its length, or -1. */
typedef int (*sb_sl_totag_f)(struct sip_msg *msg, char *out, int cap);

static sb_sl_reply_f reply_cb;
static sb_sl_totag_f totag_cb;

/* get_totag's answer: valid until the thread's next call (the API's documented lifetime). */
#define SB_SL_TOTAG_MAX 128
/* per thread, on the heap: the core's static TLS has no room for buffers (thread_block.c) */
static __thread char *totag_buf;

SB_JAVA_API void sb_sl_set_callbacks(sb_sl_reply_f reply, sb_sl_totag_f totag)
{
	reply_cb = reply;
	totag_cb = totag;
}

static int valid_reason(const str *reason)
{
	return reason != NULL && reason->s != NULL && reason->len > 0;
}

static int sl_reply(struct sip_msg *msg, int code, str *reason)
{
	if (reply_cb == NULL || msg == NULL || !valid_reason(reason) || code < 100 || code > 699) {
		LM_ERR("bad arguments or no server to send the reply (code %d)\n", code);
		return -1;
	}
	return reply_cb(msg, code, reason->s, reason->len, NULL, 0);
}

static int sl_reply_dlg(struct sip_msg *msg, int code, str *reason, str *tag)
{
	if (tag == NULL || tag->s == NULL || tag->len <= 0)
		return sl_reply(msg, code, reason);
	if (reply_cb == NULL || msg == NULL || !valid_reason(reason) || code < 100 || code > 699) {
		LM_ERR("bad arguments or no server to send the reply (code %d)\n", code);
		return -1;
	}
	return reply_cb(msg, code, reason->s, reason->len, tag->s, tag->len);
}

static int sl_get_totag(struct sip_msg *msg, str *totag)
{
	int n;

	if (totag_cb == NULL || msg == NULL || totag == NULL)
		return -1;
	if (totag_buf == NULL && (totag_buf = sb_thread_block(SB_TB_TOTAG, SB_SL_TOTAG_MAX)) == NULL)
		return -1;
	n = totag_cb(msg, totag_buf, SB_SL_TOTAG_MAX);
	if (n <= 0 || n > SB_SL_TOTAG_MAX)
		return -1;
	totag->s = totag_buf;
	totag->len = n;
	return 1;
}

/* The core's sl API, named so that it cannot stand in for a module's own: the real sl.so
 * defines a global load_sl and takes its address for its exports; had the core (loaded
 * first, global scope) exported a load_sl too, the dynamic linker would bind sl.so's
 * reference to the core's, and modules binding "sl"'s API would get the core's replies.
 * The Java sl registers this function under the API name "load_sl" (SlModule). */
SB_JAVA_API int sb_core_load_sl(struct sl_binds *slb)
{
	if (slb == NULL)
		return -1;
	slb->reply = sl_reply;
	slb->reply_dlg = sl_reply_dlg;
	slb->get_totag = sl_get_totag;
	return 1;
}
