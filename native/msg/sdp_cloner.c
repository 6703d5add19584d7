/* parser/sdp/sdp_cloner.h: shm copies of parsed SDP. Each session, stream and payload
 * is one shm block holding the structure followed by the text of its strings. */
#include <string.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/sdp/sdp_cloner.h"
#pragma GCC visibility pop

/* copies the text of s to *p and points s at it */
static void move_str(str *s, char **p)
{
	if (s->s == NULL || s->len <= 0) {
		s->s = NULL;
		s->len = 0;
		return;
	}
	memcpy(*p, s->s, (size_t)s->len);
	s->s = *p;
	*p += s->len;
}

static void free_cloned_streams(sdp_stream_cell_t *st)
{
	sdp_stream_cell_t *stn;
	sdp_payload_attr_t *a, *an;
	for (; st; st = stn) {
		stn = st->next;
		for (a = st->payload_attr; a; a = an) {
			an = a->next;
			shm_free(a);
		}
		if (st->p_payload_attr)
			shm_free(st->p_payload_attr);
		shm_free(st);
	}
}

static sdp_payload_attr_t *clone_payload(sdp_payload_attr_t *a)
{
	size_t len = sizeof(*a) + (size_t)(a->rtp_payload.len + a->rtp_enc.len +
			a->rtp_clock.len + a->rtp_params.len + a->fmtp_string.len);
	sdp_payload_attr_t *c = shm_malloc(len);
	char *p;
	if (c == NULL)
		return NULL;
	*c = *a;
	c->next = NULL;
	p = (char *)(c + 1);
	move_str(&c->rtp_payload, &p);
	move_str(&c->rtp_enc, &p);
	move_str(&c->rtp_clock, &p);
	move_str(&c->rtp_params, &p);
	move_str(&c->fmtp_string, &p);
	return c;
}

static sdp_stream_cell_t *clone_stream(sdp_stream_cell_t *st)
{
	size_t len = sizeof(*st) + (size_t)(st->ip_addr.len + st->media.len + st->port.len +
			st->transport.len + st->sendrecv_mode.len + st->ptime.len + st->payloads.len +
			st->bw_type.len + st->bw_width.len + st->rtcp_port.len + st->path.len +
			st->max_size.len + st->accept_types.len + st->accept_wrapped_types.len);
	sdp_stream_cell_t *c = shm_malloc(len);
	sdp_payload_attr_t *a, **tail;
	char *p;
	int i;

	if (c == NULL)
		return NULL;
	*c = *st;
	c->next = NULL;
	c->payload_attr = NULL;
	c->p_payload_attr = NULL;
	p = (char *)(c + 1);
	move_str(&c->ip_addr, &p);
	move_str(&c->media, &p);
	move_str(&c->port, &p);
	move_str(&c->transport, &p);
	move_str(&c->sendrecv_mode, &p);
	move_str(&c->ptime, &p);
	move_str(&c->payloads, &p);
	move_str(&c->bw_type, &p);
	move_str(&c->bw_width, &p);
	move_str(&c->rtcp_port, &p);
	move_str(&c->path, &p);
	move_str(&c->max_size, &p);
	move_str(&c->accept_types, &p);
	move_str(&c->accept_wrapped_types, &p);
	tail = &c->payload_attr;
	for (a = st->payload_attr; a; a = a->next) {
		if ((*tail = clone_payload(a)) == NULL)
			goto error;
		tail = &(*tail)->next;
	}
	if (c->payloads_num > 0) {
		c->p_payload_attr = shm_malloc((size_t)c->payloads_num * sizeof(*c->p_payload_attr));
		if (c->p_payload_attr == NULL)
			goto error;
		memset(c->p_payload_attr, 0, (size_t)c->payloads_num * sizeof(*c->p_payload_attr));
		for (a = c->payload_attr; a; a = a->next)
			if (a->payload_num >= 0 && a->payload_num < c->payloads_num)
				c->p_payload_attr[a->payload_num] = a;
		for (i = 0; i < c->payloads_num; i++)
			if (c->p_payload_attr[i] == NULL)
				goto error;
	}
	return c;
error:
	free_cloned_streams(c);
	return NULL;
}

sdp_session_cell_t *clone_sdp_session_cell(sdp_session_cell_t *s)
{
	size_t len;
	sdp_session_cell_t *c;
	sdp_stream_cell_t *st, **tail;
	char *p;

	if (s == NULL) {
		LM_ERR("no session to clone\n");
		return NULL;
	}
	len = sizeof(*s) + (size_t)(s->cnt_disp.len + s->ip_addr.len + s->o_ip_addr.len +
			s->bw_type.len + s->bw_width.len);
	c = shm_malloc(len);
	if (c == NULL) {
		LM_ERR("no more shm memory\n");
		return NULL;
	}
	*c = *s;
	c->next = NULL;
	c->streams = NULL;
	p = (char *)(c + 1);
	move_str(&c->cnt_disp, &p);
	move_str(&c->ip_addr, &p);
	move_str(&c->o_ip_addr, &p);
	move_str(&c->bw_type, &p);
	move_str(&c->bw_width, &p);
	tail = &c->streams;
	for (st = s->streams; st; st = st->next) {
		if ((*tail = clone_stream(st)) == NULL) {
			LM_ERR("no more shm memory\n");
			free_cloned_sdp_session(c);
			return NULL;
		}
		tail = &(*tail)->next;
	}
	return c;
}

void free_cloned_sdp_session(sdp_session_cell_t *s)
{
	sdp_session_cell_t *n;
	for (; s; s = n) {
		n = s->next;
		free_cloned_streams(s->streams);
		shm_free(s);
	}
}

sdp_info_t *clone_sdp_info(struct sip_msg *m)
{
	sdp_info_t *c;
	sdp_session_cell_t *s, **tail;

	if (m == NULL || m->sdp == NULL || m->sdp->sessions_num == 0) {
		LM_ERR("no parsed SDP to clone\n");
		return NULL;
	}
	c = shm_malloc(sizeof(*c));
	if (c == NULL) {
		LM_ERR("no more shm memory\n");
		return NULL;
	}
	*c = *m->sdp;
	c->sessions = NULL;
	tail = &c->sessions;
	for (s = m->sdp->sessions; s; s = s->next) {
		if ((*tail = clone_sdp_session_cell(s)) == NULL) {
			free_cloned_sdp(c);
			return NULL;
		}
		tail = &(*tail)->next;
	}
	return c;
}

void free_cloned_sdp(sdp_info_t *sdp)
{
	if (sdp == NULL)
		return;
	free_cloned_sdp_session(sdp->sessions);
	shm_free(sdp);
}
