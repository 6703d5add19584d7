/* sipbridge module SDK: building outgoing messages from a received one (OpenSIPS 1.11
 * names). Every buffer returned here is pkg_malloc'd and becomes the caller's (free it
 * with pkg_free), except a request built with MSG_TRANS_SHM_FLAG (shm_free). The Java core uses the sb_build_* functions of native/msg for its own
 * sends; these are the same builders for modules. */
#ifndef SB_SDK_MSG_TRANSLATOR_H
#define SB_SDK_MSG_TRANSLATOR_H

#include "parser/msg_parser.h"
#include "ip_addr.h"
#include "globals.h"

#define MSG_TRANS_SHM_FLAG   (1 << 0)   /* build_req_buf_from_sip_req: shm memory (shm_free) */
#define MSG_TRANS_NOVIA_FLAG (1 << 1)   /* no Via of ours added */

struct bookmark {
	str to_tag_val;
};

struct hostport {
	str *host;
	str *port;
};

/* Fills hp with the address and port a Via built for msg advertises: the message's
 * set_global_address/set_global_port when set, else the configured defaults
 * (globals.h); both NULL when msg is NULL (via_builder then uses the socket's). */
#define set_hostport(hp, msg) \
	do { \
		struct sip_msg *sb_hp_msg_ = (struct sip_msg *)(msg); \
		(hp)->host = sb_hp_msg_ == NULL ? NULL : (sb_hp_msg_->set_global_address.s \
				? &sb_hp_msg_->set_global_address : &default_global_address); \
		(hp)->port = sb_hp_msg_ == NULL ? NULL : (sb_hp_msg_->set_global_port.s \
				? &sb_hp_msg_->set_global_port : &default_global_port); \
	} while (0)

/* The request as it would be forwarded: new_uri as R-URI, lumps applied, Content-Length
 * fixed, the Via of send_sock on top (unless MSG_TRANS_NOVIA_FLAG) with
 * ;branch=<msg->add_to_branch_s> when add_to_branch_len is set, and the host/port of
 * msg->set_global_address/set_global_port when set. NULL on error. */
char *build_req_buf_from_sip_req(struct sip_msg *msg, unsigned int *returned_len,
		struct socket_info *send_sock, int proto, unsigned int flags);
/* The reply without its first Via, lumps applied. NULL on error. */
char *build_res_buf_from_sip_res(struct sip_msg *msg, unsigned int *returned_len,
		struct socket_info *sock);
/* A stateless reply to the request msg. new_tag is added to To when it has none.
 * bmark (may be NULL) gets to_tag_val: the To-tag inside the returned buffer (new_tag
 * or the request's own), empty when there is none. NULL on error. */
char *build_res_buf_from_sip_req(unsigned int code, str *text, str *new_tag,
		struct sip_msg *msg, unsigned int *returned_len, struct bookmark *bmark);

/* "Via: SIP/2.0/<PROTO> <host>:<port>;branch=<branch><extra>\r\n" for send_sock (or hp).
 * pkg memory, NULL on error. */
char *via_builder(unsigned int *len, struct socket_info *send_sock, str *branch,
		str *extra_params, int proto, struct hostport *hp);

/* separator of the parts of a branch value built by branch_builder */
#define BRANCH_SEPARATOR '.'

/* Writes MCOOKIE, hash_index (hex, least significant digit first), '.', char_v
 * (MD5_LEN characters) or else label (hex), '.', branch (hex) into branch_str
 * (MAX_BRANCH_PARAM_LEN bytes); *len gets the length. Returns the room left (non-zero),
 * or 0 when it did not fit. */
int branch_builder(unsigned int hash_index, unsigned int label, char *char_v, int branch,
		char *branch_str, int *len);

/* ";received=<source ip>" and ";rport=<source port>" of msg, NUL-terminated pkg text
 * the caller frees, its length in *len; NULL on error (native/compat/via_params.c). */
char *received_builder(struct sip_msg *msg, unsigned int *received_len);
char *rport_builder(struct sip_msg *msg, unsigned int *rport_len);

/* Non-zero when the top Via does not name the address msg came from (so a ";received="
 * is due): it already has a received parameter, or its maddr (else its host) is not the
 * source address (compared as text, then resolved as received_dns says). 0 otherwise. */
int received_test(struct sip_msg *msg);

#endif
