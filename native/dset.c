/* dset.h over the Java core's destination set (org.sipbridge.core.DestinationSet of the
 * message the calling thread is processing): every function is an upcall. Strings
 * handed back live in per-thread buffers, one per branch index (see include/dset.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "sb_core.h"
#include "../include/dset.h"
#include "../include/socket_info.h"
#include "../include/parser/msg_parser.h"

enum { DSET_OP_COUNT = 0, DSET_OP_APPEND, DSET_OP_GET, DSET_OP_REMOVE, DSET_OP_CLEAR,
	DSET_OP_GET_FLAGS, DSET_OP_SET_FLAGS, DSET_OP_GET_RURI_Q, DSET_OP_SET_RURI_Q, DSET_OP_UPDATE };

/* The fields of one branch crossing the boundary. In: pointers/lengths of the caller's
 * text (Java copies it). Out (GET): lengths only, the text packed into the buffer in the
 * order uri, dst_uri, path, socket. Layout read by DsetBridge.java: keep it in step. */
enum { F_URI = 0, F_DST, F_PATH, F_SOCK, F_COUNT };
struct sb_dset_io {
	const char *s[F_COUNT];   /* offsets 0, 8, 16, 24 */
	int32_t len[F_COUNT];     /* offsets 32, 36, 40, 44 (-1: field absent / unchanged) */
	int32_t q;                /* offset 48 */
	uint32_t flags;           /* offset 52 */
};

/* op, idx, ival, io, buf/cap (GET's output text); >= 0 result, -1 error, -(needed)-2
 * when buf is too small for GET */
typedef int (*sb_dset_cb_f)(int op, int idx, int ival, struct sb_dset_io *io, char *buf, int cap);
static sb_dset_cb_f dset_cb;

SB_JAVA_API void sb_dset_set_callback(sb_dset_cb_f f)
{
	dset_cb = f;
}

struct dset_slot {
	char *buf;
	int cap;
};

struct dset_tls {
	struct dset_slot slot[MAX_BRANCHES];   /* get_branch's text, one per index */
	char *print_buf;                       /* print_dset's text */
	int print_cap;
};

static struct dset_tls *mine(void)
{
	return sb_thread_block(SB_TB_DSET, sizeof(struct dset_tls));
}

static int call(int op, int idx, int ival, struct sb_dset_io *io, char *buf, int cap)
{
	if (dset_cb == NULL) {
		LM_ERR("no core for the destination set\n");
		return -1;
	}
	return dset_cb(op, idx, ival, io, buf, cap);
}

static void io_clear(struct sb_dset_io *io)
{
	int i;
	for (i = 0; i < F_COUNT; i++) {
		io->s[i] = NULL;
		io->len[i] = -1;
	}
	io->q = Q_UNSPECIFIED;
	io->flags = 0;
}

static void io_put(struct sb_dset_io *io, int f, const str *v)
{
	if (v != NULL && v->s != NULL && v->len > 0) {
		io->s[f] = v->s;
		io->len[f] = v->len;
	} else {
		io->s[f] = NULL;
		io->len[f] = 0;
	}
}

static void io_put_sock(struct sb_dset_io *io, struct socket_info *si)
{
	if (si != NULL && si->sock_str.s != NULL && si->sock_str.len > 0) {
		io->s[F_SOCK] = si->sock_str.s;
		io->len[F_SOCK] = si->sock_str.len;
	} else {
		io->s[F_SOCK] = NULL;
		io->len[F_SOCK] = 0;
	}
}

/* "proto:host:port" back to the listening socket */
static struct socket_info *sock_of(const char *s, int len)
{
	const char *c1, *c2;
	str host;
	int proto, port = 0, i;
	if (s == NULL || len <= 0)
		return NULL;
	c1 = memchr(s, ':', (size_t)len);
	c2 = NULL;
	for (i = len - 1; i >= 0; i--)
		if (s[i] == ':') {
			c2 = s + i;
			break;
		}
	if (c1 == NULL || c2 == NULL || c2 <= c1)
		return NULL;
	if (c1 - s == 3 && strncasecmp(s, "udp", 3) == 0)
		proto = PROTO_UDP;
	else if (c1 - s == 3 && strncasecmp(s, "tcp", 3) == 0)
		proto = PROTO_TCP;
	else if (c1 - s == 3 && strncasecmp(s, "tls", 3) == 0)
		proto = PROTO_TLS;
	else
		return NULL;
	for (i = (int)(c2 - s) + 1; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NULL;
		port = port * 10 + (s[i] - '0');
	}
	host.s = (char *)c1 + 1;
	host.len = (int)(c2 - c1 - 1);
	if (host.len > 1 && host.s[0] == '[') {   /* an IPv6 reference */
		host.s++;
		host.len -= 2;
	}
	return grep_sock_info(&host, (unsigned short)port, (unsigned short)proto);
}

unsigned int sb_dset_nr_branches(void)
{
	int n = dset_cb == NULL ? 0 : dset_cb(DSET_OP_COUNT, 0, 0, NULL, NULL, 0);
	return n < 0 ? 0 : (unsigned int)n;
}

int append_branch(struct sip_msg *msg, str *uri, str *dst_uri, str *path,
		qvalue_t q, unsigned int flags, struct socket_info *force_socket)
{
	struct sb_dset_io io;
	int r;
	io_clear(&io);
	if (uri == NULL || uri->s == NULL || uri->len <= 0) {
		/* the message's own Request-URI (and next hop, unless one was given) */
		if (msg == NULL) {
			LM_ERR("no URI and no message to take one from\n");
			return -1;
		}
		io_put(&io, F_URI, GET_RURI(msg));
		io_put(&io, F_DST, dst_uri != NULL ? dst_uri : &msg->dst_uri);
		io_put(&io, F_PATH, path != NULL ? path : &msg->path_vec);
	} else {
		io_put(&io, F_URI, uri);
		io_put(&io, F_DST, dst_uri);
		io_put(&io, F_PATH, path);
	}
	if (io.len[F_URI] <= 0 || io.len[F_URI] >= MAX_URI_SIZE) {
		LM_ERR("empty or too long branch uri (%d)\n", io.len[F_URI]);
		return -1;
	}
	io_put_sock(&io, force_socket);
	io.q = q;
	io.flags = flags;
	r = call(DSET_OP_APPEND, 0, 0, &io, NULL, 0);
	if (r == -2) {
		LM_ERR("max nr of branches exceeded (%d)\n", MAX_BRANCHES - 1);
		return -1;
	}
	if (r < 0) {
		LM_ERR("cannot add a branch: no message being processed\n");
		return -1;
	}
	return 1;
}

int update_branch(unsigned int idx, str **uri, str **dst_uri, str **path,
		qvalue_t *q, unsigned int *flags, struct socket_info **force_socket)
{
	struct sb_dset_io io;
	int mask = 0;
	io_clear(&io);
	if (uri) {
		if (*uri == NULL || (*uri)->s == NULL || (*uri)->len <= 0 || (*uri)->len >= MAX_URI_SIZE) {
			LM_ERR("empty or too long uri\n");
			return -1;
		}
		io_put(&io, F_URI, *uri);
		mask |= 1 << F_URI;
	}
	if (dst_uri) {
		io_put(&io, F_DST, *dst_uri);
		mask |= 1 << F_DST;
	}
	if (path) {
		io_put(&io, F_PATH, *path);
		mask |= 1 << F_PATH;
	}
	if (force_socket) {
		io_put_sock(&io, *force_socket);
		mask |= 1 << F_SOCK;
	}
	if (q) {
		io.q = *q;
		mask |= 1 << 4;
	}
	if (flags) {
		io.flags = *flags;
		mask |= 1 << 5;
	}
	if (idx >= MAX_BRANCHES || call(DSET_OP_UPDATE, (int)idx, mask, &io, NULL, 0) < 0) {
		LM_ERR("no branch %u to update (%u branches)\n", idx, sb_dset_nr_branches());
		return -1;
	}
	return 0;
}

char *get_branch(unsigned int idx, int *len, qvalue_t *q, str *dst_uri,
		str *path, unsigned int *flags, struct socket_info **force_socket)
{
	struct dset_tls *t = idx < MAX_BRANCHES ? mine() : NULL;
	struct dset_slot *sl;
	struct sb_dset_io io;
	char *p;
	int r = -1;

	io_clear(&io);
	if (t != NULL) {
		sl = &t->slot[idx];
		for (;;) {
			r = call(DSET_OP_GET, (int)idx, 0, &io, sl->buf, sl->cap > F_COUNT ? sl->cap - F_COUNT : 0);
			if (r >= -1)
				break;
			{
				int need = -r - 2 + F_COUNT;   /* room for a NUL after each field */
				char *b = realloc(sl->buf, (size_t)need);
				if (b == NULL) {
					LM_ERR("no memory for branch %u\n", idx);
					r = -1;
					break;
				}
				sl->buf = b;
				sl->cap = need;
			}
		}
	}
	if (r < 0) {   /* past the end: how callers find the last branch */
		if (len) *len = 0;
		if (q) *q = Q_UNSPECIFIED;
		if (dst_uri) { dst_uri->s = NULL; dst_uri->len = 0; }
		if (path) { path->s = NULL; path->len = 0; }
		if (flags) *flags = 0;
		if (force_socket) *force_socket = NULL;
		return NULL;
	}
	/* Java packed the fields without separators; spread them and NUL-terminate each
	 * (the buffer has F_COUNT spare bytes), from the last to the first */
	{
		int off[F_COUNT], i, o = 0;
		for (i = 0; i < F_COUNT; i++) {
			off[i] = o;
			o += io.len[i];
		}
		for (i = F_COUNT - 1; i >= 0; i--) {
			memmove(sl->buf + off[i] + i, sl->buf + off[i], (size_t)io.len[i]);
			sl->buf[off[i] + i + io.len[i]] = '\0';
			io.s[i] = sl->buf + off[i] + i;
		}
	}
	p = (char *)io.s[F_URI];
	if (len) *len = io.len[F_URI];
	if (q) *q = io.q;
	if (dst_uri) {
		dst_uri->len = io.len[F_DST];
		dst_uri->s = io.len[F_DST] ? (char *)io.s[F_DST] : NULL;
	}
	if (path) {
		path->len = io.len[F_PATH];
		path->s = io.len[F_PATH] ? (char *)io.s[F_PATH] : NULL;
	}
	if (flags) *flags = io.flags;
	if (force_socket) *force_socket = sock_of(io.s[F_SOCK], io.len[F_SOCK]);
	return p;
}

int remove_branch(unsigned int idx)
{
	if (idx >= MAX_BRANCHES || call(DSET_OP_REMOVE, (int)idx, 0, NULL, NULL, 0) < 0) {
		LM_ERR("no branch %u to remove (%u branches)\n", idx, sb_dset_nr_branches());
		return -1;
	}
	return 0;
}

void set_dset_state(unsigned char enable)
{
	LM_DBG("set_dset_state(%d): branches stay visible (sipbridge's tm keeps its own)\n", enable);
}

void clear_branches(void)
{
	call(DSET_OP_CLEAR, 0, 0, NULL, NULL, 0);
}

void set_ruri_q(qvalue_t q)
{
	if (call(DSET_OP_SET_RURI_Q, 0, q, NULL, NULL, 0) < 0)
		LM_ERR("cannot set the R-URI's q: no message being processed\n");
}

qvalue_t get_ruri_q(void)
{
	int r = dset_cb == NULL ? Q_UNSPECIFIED : dset_cb(DSET_OP_GET_RURI_Q, 0, 0, NULL, NULL, 0);
	return (qvalue_t)r;
}

/* one field of the Contact text, as 1.11 prints it: <uri> and, if set, ";q=" and the q value */
static char *put_contact(char *p, const char *uri, int len, qvalue_t q)
{
	*p++ = '<';
	memcpy(p, uri, (size_t)len);
	p += len;
	*p++ = '>';
	if (q != Q_UNSPECIFIED) {
		unsigned int ql;
		char *qs = q2str(q, &ql);
		memcpy(p, ";q=", 3);
		p += 3;
		memcpy(p, qs, ql);
		p += ql;
	}
	return p;
}

char *print_dset(struct sip_msg *msg, int *len)
{
	static const char head[] = "Contact: ";
	struct dset_tls *t = mine();
	unsigned int n = sb_dset_nr_branches(), i;
	qvalue_t rq = get_ruri_q(), q;
	int need, has_ruri, ulen;
	char *p, *u;

	if (len) *len = 0;
	if (msg == NULL || t == NULL) {
		LM_ERR("no message\n");
		return NULL;
	}
	has_ruri = msg->new_uri.s != NULL && msg->new_uri.len > 0;
	if (!has_ruri && n == 0)
		return NULL;
	/* worst case per entry: "<" uri ">" ";q=0.xxx" ", " */
	need = (int)sizeof(head) + 2 + (has_ruri ? msg->new_uri.len + 12 : 0);
	for (i = 0; i < n; i++) {
		if (get_branch(i, &ulen, &q, NULL, NULL, NULL, NULL) == NULL)
			break;
		need += ulen + 12;
	}
	if (need > t->print_cap) {
		char *b = realloc(t->print_buf, (size_t)need);
		if (b == NULL) {
			LM_ERR("no memory for %d bytes of Contact\n", need);
			return NULL;
		}
		t->print_buf = b;
		t->print_cap = need;
	}
	p = t->print_buf;
	memcpy(p, head, sizeof(head) - 1);
	p += sizeof(head) - 1;
	if (has_ruri)
		p = put_contact(p, msg->new_uri.s, msg->new_uri.len, rq);
	for (i = 0; i < n; i++) {
		/* each index's text is still in its own slot from the sizing pass */
		if ((u = get_branch(i, &ulen, &q, NULL, NULL, NULL, NULL)) == NULL)
			break;
		if (p != t->print_buf + sizeof(head) - 1) {
			*p++ = ',';   /* 1.11's delimiter: ", " */
			*p++ = ' ';
		}
		p = put_contact(p, u, ulen, q);
	}
	*p++ = '\r';
	*p++ = '\n';
	*p = '\0';
	if (len) *len = (int)(p - t->print_buf);
	return t->print_buf;
}

int branch_uri2dset(str *new_uri)
{
	unsigned int n, i;
	if (new_uri == NULL || new_uri->s == NULL || new_uri->len <= 0 || new_uri->len + 1 > MAX_URI_SIZE) {
		LM_ERR("empty or too long new uri\n");
		return -1;
	}
	n = sb_dset_nr_branches();
	for (i = 0; i < n; i++) {
		str old, *pu = new_uri, *pd = &old;
		int l;
		old.s = get_branch(i, &l, NULL, NULL, NULL, NULL, NULL);
		if (old.s == NULL)
			return -1;
		old.len = l;
		if (update_branch(i, &pu, &pd, NULL, NULL, NULL, NULL) < 0)
			return -1;
	}
	return 0;
}

static int bflags_get(unsigned int b_idx, unsigned int *out)
{
	struct sb_dset_io io;
	io_clear(&io);
	if (b_idx > MAX_BRANCHES || call(DSET_OP_GET_FLAGS, (int)b_idx, 0, &io, NULL, 0) < 0) {
		LM_ERR("no branch %u for its flags\n", b_idx);
		return -1;
	}
	*out = io.flags;
	return 0;
}

static int bflags_set(unsigned int b_idx, unsigned int v)
{
	struct sb_dset_io io;
	io_clear(&io);
	io.flags = v;
	if (b_idx > MAX_BRANCHES || call(DSET_OP_SET_FLAGS, (int)b_idx, 0, &io, NULL, 0) < 0) {
		LM_ERR("no branch %u for its flags\n", b_idx);
		return -1;
	}
	return 0;
}

/* The R-URI's branch flags are a process global in 1.11, which tm sets and reads also
 * where no message is being processed (a timer thread running the failure route of a
 * timed-out transaction). With a message they are the message's (the script's bflags);
 * without one, this thread's own value, as each OpenSIPS process has its own. */
static __thread unsigned int b0flags_no_msg;

unsigned int getb0flags(void)
{
	struct sb_dset_io io;
	io_clear(&io);
	if (call(DSET_OP_GET_FLAGS, 0, 0, &io, NULL, 0) < 0)
		return b0flags_no_msg;
	return io.flags;
}

unsigned int setb0flags(unsigned int flags)
{
	struct sb_dset_io io;
	io_clear(&io);
	io.flags = flags;
	if (call(DSET_OP_SET_FLAGS, 0, 0, &io, NULL, 0) < 0)
		b0flags_no_msg = flags;
	return flags;
}

int setbflag(unsigned int b_idx, unsigned int mask)
{
	unsigned int f;
	if (bflags_get(b_idx, &f) < 0 || bflags_set(b_idx, f | mask) < 0)
		return -1;
	return 1;
}

int isbflagset(unsigned int b_idx, unsigned int mask)
{
	unsigned int f;
	if (bflags_get(b_idx, &f) < 0)
		return -1;
	return (f & mask) == mask ? 1 : -1;
}

int resetbflag(unsigned int b_idx, unsigned int mask)
{
	unsigned int f;
	if (bflags_get(b_idx, &f) < 0 || bflags_set(b_idx, f & ~mask) < 0)
		return -1;
	return 1;
}
