/* Freeing parsed header bodies (clean_hdr_field) and the message-level helpers of
 * msg_parser.h that do not parse. */
#include <string.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/digest/digest.h"
#include "../../include/parser/parse_event.h"
#include "../../include/parser/parse_disposition.h"
#include "../../include/parser/parse_sst.h"
#include "../../include/parser/parse_call_info.h"
#include "../../include/parser/parse_authenticate.h"
#pragma GCC visibility pop

void clean_hdr_field(struct hdr_field *hf)
{
	if (hf->parsed == NULL)
		return;
	/* what the core built for the view lives in the slot's arena */
	if (sb_mem_is_core(hf->parsed))
		return;
	switch (hf->type) {
	case HDR_VIA_T:
		free_via_list(hf->parsed);
		break;
	case HDR_TO_T: case HDR_FROM_T: case HDR_DIVERSION_T: case HDR_RPID_T:
	case HDR_REFER_TO_T: case HDR_PPI_T: case HDR_PAI_T:
		free_to(hf->parsed);
		break;
	case HDR_CSEQ_T:
		free_cseq(hf->parsed);
		break;
	case HDR_CONTACT_T:
		free_contact((contact_body_t **)&hf->parsed);
		break;
	case HDR_ROUTE_T: case HDR_RECORDROUTE_T: case HDR_PATH_T:
		free_rr((rr_t **)&hf->parsed);
		break;
	case HDR_CONTENTTYPE_T:
		free_contenttype((content_t **)&hf->parsed);
		break;
	case HDR_EXPIRES_T:
		free_expires((exp_body_t **)&hf->parsed);
		break;
	case HDR_SUPPORTED_T:
		free_supported((struct supported_body **)&hf->parsed);
		break;
	case HDR_ALLOW_T:
		free_allow((struct allow_body **)&hf->parsed);
		break;
	case HDR_ACCEPT_T:
		pkg_free(hf->parsed);
		break;
	case HDR_AUTHORIZATION_T: case HDR_PROXYAUTH_T:
		free_credentials((auth_body_t **)&hf->parsed);
		break;
	case HDR_EVENT_T:
		free_event((event_t **)&hf->parsed);
		break;
	case HDR_CONTENTDISPOSITION_T:
		free_disposition((struct disposition **)&hf->parsed);
		break;
	case HDR_SESSION_EXPIRES_T:
		free_session_expires(hf->parsed);
		break;
	case HDR_CALL_INFO_T:
		free_call_info(hf->parsed);
		break;
	case HDR_WWW_AUTHENTICATE_T: case HDR_PROXY_AUTHENTICATE_T:
		free_authenticate(hf->parsed);
		break;
	/* integers, not pointers (Min-SE, Min-Expires and Privacy as in 1.11) */
	case HDR_CONTENTLENGTH_T: case HDR_MAXFORWARDS_T: case HDR_MIN_SE_T:
	case HDR_MIN_EXPIRES_T: case HDR_PRIVACY_T:
		break;
	/* a type 1.11 itself never parses into a pointer: whoever stored one there owns
	 * it. Left alone rather than freed with the wrong function. */
	default:
		if (hdr_allocs_parse(hf))
			LM_WARN("not freeing the parsed body of header type %d\n", hf->type);
		break;
	}
	hf->parsed = NULL;
}

void free_hdr_field_lst(struct hdr_field *hf)
{
	struct hdr_field *next;
	while (hf) {
		next = hf->next;
		clean_hdr_field(hf);
		if (!sb_mem_is_core(hf))
			pkg_free(hf);
		hf = next;
	}
}

void dump_hdr_field(struct hdr_field *hf)
{
	LM_ERR("type=%d, name=%.*s, body=%.*s, parsed=%p, next=%p\n", hf->type,
			hf->name.len, ZSW(hf->name.s), hf->body.len, ZSW(hf->body.s),
			hf->parsed, (void *)hf->next);
}

int parse_headers(struct sip_msg *msg, hdr_flags_t flags, int next)
{
	(void)flags;
	(void)next;
	if (msg == NULL)
		return -1;
	if (msg->sb_slot == NULL)
		return msg->unparsed ? 0 : -1;
	/* every header is in the list already; unparsed stays at the end of the headers */
	return (msg->sb_state & SB_MSG_BROKEN) ? -1 : 0;
}

int check_transaction_quadruple(struct sip_msg *msg)
{
	if (parse_headers(msg, HDR_FROM_F | HDR_TO_F | HDR_CALLID_F | HDR_CSEQ_F, 0) != -1 &&
			msg->from && msg->to && msg->callid && msg->cseq)
		return 1;
	return 0;
}

void free_sip_msg(struct sip_msg *msg)
{
	if (msg == NULL)
		return;
	if (msg->sb_slot != NULL) {
		LM_BUG("free_sip_msg() on a message of the core: ignored\n");
		return;
	}
	free_hdr_field_lst(msg->headers);
	msg->headers = msg->last_header = NULL;
	free_lump_list(msg->add_rm);
	free_lump_list(msg->body_lumps);
	msg->add_rm = msg->body_lumps = NULL;
	del_nonshm_lump_rpl(&msg->reply_lump);
	if (msg->new_uri.s) {
		pkg_free(msg->new_uri.s);
		msg->new_uri.s = NULL;
		msg->new_uri.len = 0;
	}
	if (msg->dst_uri.s) {
		pkg_free(msg->dst_uri.s);
		msg->dst_uri.s = NULL;
		msg->dst_uri.len = 0;
	}
	if (msg->path_vec.s) {
		pkg_free(msg->path_vec.s);
		msg->path_vec.s = NULL;
		msg->path_vec.len = 0;
	}
	if (msg->sdp)
		free_sdp(&msg->sdp);
	if (msg->multi) {
		free_multi_body(msg->multi);
		msg->multi = NULL;
	}
}

char *eat_line(char *buffer, unsigned int len)
{
	char *nl = memchr(buffer, '\n', len);
	return nl ? nl + 1 : buffer + len;
}
