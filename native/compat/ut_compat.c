/* Helpers 1.11 keeps in ut.c, declared in include/ut.h. */
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include "sb_compat.h"

/* A decimal number in s, or -1 when s is not one. */
static long plain_number(const char *s)
{
	char *end;
	long v;
	if (s == NULL || *s == 0)
		return -1;
	v = strtol(s, &end, 10);
	return (*end == 0 && v >= 0) ? v : -1;
}

int user2uid(int *uid, int *gid, char *user)
{
	struct passwd pw, *res = NULL;
	char buf[4096];
	long n;

	if (user == NULL || *user == 0)
		return -1;
	n = plain_number(user);
	if (n >= 0) {
		*uid = (int)n;
		return 0;
	}
	if (getpwnam_r(user, &pw, buf, sizeof(buf), &res) != 0 || res == NULL) {
		LM_ERR("bad user name/uid number %s\n", user);
		return -1;
	}
	*uid = (int)pw.pw_uid;
	if (gid)
		*gid = (int)pw.pw_gid;
	return 0;
}

int group2gid(int *gid, char *group)
{
	struct group gr, *res = NULL;
	char buf[4096];
	long n;

	if (group == NULL || *group == 0)
		return -1;
	n = plain_number(group);
	if (n >= 0) {
		*gid = (int)n;
		return 0;
	}
	if (getgrnam_r(group, &gr, buf, sizeof(buf), &res) != 0 || res == NULL) {
		LM_ERR("bad group name/gid number %s\n", group);
		return -1;
	}
	*gid = (int)gr.gr_gid;
	return 0;
}

char *NTcopy_str(str *s)
{
	char *p;
	int len = (s && s->s && s->len > 0) ? s->len : 0;

	p = pkg_malloc((size_t)len + 1);
	if (p == NULL) {
		LM_ERR("no more pkg memory\n");
		return NULL;
	}
	if (len)
		memcpy(p, s->s, (size_t)len);
	p[len] = 0;
	return p;
}

void seed_child(unsigned int seed)
{
	/* rand() state is per process; the thread id keeps workers' sequences apart. */
	srand(seed ^ ((unsigned int)sb_thread_id() * 2654435761u));
}

int parse_reply_codes(str *options_reply_codes_str, int **options_reply_codes,
		int *options_codes_no)
{
	int count = 1, n = 0, i, code;
	char *p, *end;
	int *codes;

	*options_reply_codes = NULL;
	*options_codes_no = 0;
	if (options_reply_codes_str == NULL || options_reply_codes_str->s == NULL ||
			options_reply_codes_str->len <= 0)
		return -1;
	p = options_reply_codes_str->s;
	end = p + options_reply_codes_str->len;
	for (i = 0; i < options_reply_codes_str->len; i++)
		if (p[i] == ',')
			count++;
	codes = pkg_malloc((size_t)count * sizeof(int));
	if (codes == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	while (p < end) {
		char *tok_end = p;
		while (tok_end < end && *tok_end != ',')
			tok_end++;
		while (p < tok_end && (*p == ' ' || *p == '\t'))
			p++;
		code = 0;
		i = 0;
		while (p < tok_end && *p >= '0' && *p <= '9') {
			code = code * 10 + (*p - '0');
			p++;
			i++;
		}
		while (p < tok_end && (*p == ' ' || *p == '\t'))
			p++;
		if (i != 3 || p != tok_end || code < 100 || code > 699) {
			LM_ERR("bad reply code in '%.*s'\n", options_reply_codes_str->len,
					options_reply_codes_str->s);
			pkg_free(codes);
			return -1;
		}
		codes[n++] = code;
		p = tok_end + 1;
	}
	*options_reply_codes = codes;
	*options_codes_no = n;
	return 0;
}

static const char b64chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int calc_base64_encode_len(int len)
{
	return ((len + 2) / 3) * 4;
}

int calc_max_base64_decode_len(int len)
{
	return (len * 3) / 4;
}

void base64encode(unsigned char *out, unsigned char *in, int inlen)
{
	int i, o = 0;
	unsigned int v;

	for (i = 0; i + 2 < inlen; i += 3) {
		v = ((unsigned int)in[i] << 16) | ((unsigned int)in[i + 1] << 8) | in[i + 2];
		out[o++] = (unsigned char)b64chars[(v >> 18) & 63];
		out[o++] = (unsigned char)b64chars[(v >> 12) & 63];
		out[o++] = (unsigned char)b64chars[(v >> 6) & 63];
		out[o++] = (unsigned char)b64chars[v & 63];
	}
	if (i < inlen) {
		v = (unsigned int)in[i] << 16;
		if (i + 1 < inlen)
			v |= (unsigned int)in[i + 1] << 8;
		out[o++] = (unsigned char)b64chars[(v >> 18) & 63];
		out[o++] = (unsigned char)b64chars[(v >> 12) & 63];
		out[o++] = (i + 1 < inlen) ? (unsigned char)b64chars[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
}

static int b64value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int base64decode(unsigned char *out, unsigned char *in, int len)
{
	int i, o = 0, bits = 0, v;
	unsigned int acc = 0;

	for (i = 0; i < len; i++) {
		if (in[i] == '=')
			break;
		v = b64value(in[i]);
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)((acc >> bits) & 0xff);
		}
	}
	return o;
}
