/* sipbridge module SDK: raising events (OpenSIPS 1.11 evi/evi_modules.h).
 *
 * Publish from mod_init (the name is kept, not copied: pass static text). A raised event
 * goes to its subscribers (transport modules) and, in sipbridge, to the script's
 * event_route[NAME] when the script has one and no "route" transport module (the real
 * event_route module) is loaded to do it: the route runs on the raising thread, on a
 * dummy request (as OpenSIPS does), with each parameter of the event in $avp(name) (an
 * AVP list of its own, as 1.11's evi_raise_event gives). Events nest up to 10 deep. */
#ifndef SB_SDK_EVI_MODULES_H
#define SB_SDK_EVI_MODULES_H

#include "../str.h"
#include "event_interface.h"

struct sip_msg;

/* The event's id (the old one when published twice), or EVI_ERROR. */
event_id_t evi_publish_event(str event_name);
/* Delivers the event; the number of deliveries that failed (0: all fine), -1 on error. */
int evi_raise_event(event_id_t id, evi_params_t *params);
int evi_raise_event_msg(struct sip_msg *msg, event_id_t id, evi_params_t *params);
int evi_raise_script_event(struct sip_msg *msg, event_id_t id, void *attrs, void *vals);
/* Subscribes sock ("proto:address") to the event; expire in seconds (0: never). */
int evi_event_subscribe(str event_name, str sock, unsigned expire, unsigned unsubscribe);
/* >0 when raising id would reach someone (a subscriber or an event_route), 0 when not,
 * -1 for a bad id: modules skip building parameters nobody reads. */
int evi_probe_event(event_id_t id);
event_id_t evi_get_id(str *name);
evi_event_p evi_get_event(str *name);

#endif
