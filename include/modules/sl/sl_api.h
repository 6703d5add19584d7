/* sipbridge module SDK: the stateless-reply API of OpenSIPS 1.11's sl module, which the
 * sipbridge core provides itself (there is no sl.so to load).
 *
 * A module includes it as "../sl/sl_api.h" (or "../../modules/sl/sl_api.h"), binds it once
 * in mod_init with load_sl_api(&binds) and then replies from its functions:
 *
 *     static struct sl_binds slb;
 *     ...  if (load_sl_api(&slb) != 0) return -1;          (in mod_init)
 *     ...  str reason = str_init("Busy Here");
 *          slb.reply(msg, 486, &reason);                     (in a script function)
 *
 * The reply is the core's stateless reply to the request msg (what sl_send_reply sends from
 * a script): status line, the request's Vias (received/rport added to the first as needed),
 * From, To with a To-tag the core derives from the request (the same for its
 * retransmissions), Call-ID, CSeq, the reply lumps added with add_lump_rpl, Content-Length;
 * sent back per RFC 3261 18.2.2 (UDP: to the source address, the Via's port unless it asked
 * for rport; TCP: on the request's connection). Functions return 1 when the reply was handed
 * to the network and -1 otherwise (msg not a request, an ACK, no server). Call them from a
 * script function, on the thread processing msg; never from a timer or a thread of the module. */
#ifndef SB_SDK_SL_API_H
#define SB_SDK_SL_API_H

#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../str.h"

/* Reply with the core's To-tag (for codes above 100 when the To has no tag). */
typedef int (*sl_send_reply_f)(struct sip_msg *msg, int code, str *reason);
/* Reply with the given To-tag instead (a module that keeps dialog state of its own). */
typedef int (*sl_send_reply_dlg_f)(struct sip_msg *msg, int code, str *reason, str *tag);
/* The To-tag the core's stateless replies to msg carry. totag->s points to memory of the
 * calling thread that stays valid until the next call; returns 1, or -1 on error. */
typedef int (*sl_get_totag_f)(struct sip_msg *msg, str *totag);

struct sl_binds {
	sl_send_reply_f reply;
	sl_send_reply_dlg_f reply_dlg;
	sl_get_totag_f get_totag;
};

typedef int (*load_sl_f)(struct sl_binds *slb);

/* Fills *slb; 1 on success, -1 when slb is NULL. Found through find_export("load_sl", 0, 0). */
int load_sl(struct sl_binds *slb);

/* Binds the API through find_export, as OpenSIPS modules do: 0 on success, -1 (logged)
 * when the server does not offer it. */
static inline int load_sl_api(struct sl_binds *slb)
{
	load_sl_f bind = (load_sl_f)(void *)find_export("load_sl", 0, 0);

	if (bind == NULL) {
		LM_ERR("can't import load_sl: the sl API is not available\n");
		return -1;
	}
	return bind(slb) == -1 ? -1 : 0;
}

#endif
