/* sipbridge module SDK: the event registry (OpenSIPS 1.11 evi/event_interface.h). */
#ifndef SB_SDK_EVENT_INTERFACE_H
#define SB_SDK_EVENT_INTERFACE_H

#include "evi_transport.h"
#include "evi.h"
#include "../locking.h"
#include "../str.h"

#define TRANSPORT_SEP ':'
#define DEFAULT_EXPIRE 3600

typedef struct evi_subscriber {
	evi_export_t *trans_mod;
	evi_reply_sock *reply_sock;
	struct evi_subscriber *next;
} evi_subs_t, *evi_subs_p;

typedef struct evi_event {
	event_id_t id;
	str name;
	gen_lock_t *lock;
	evi_subs_p subscribers;
} evi_event_t, *evi_event_p;

evi_export_t *get_trans_mod(str *tran);
int get_trans_mod_no(void);

#endif
