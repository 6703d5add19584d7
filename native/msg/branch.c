/* branch_builder (msg_translator.h) and extract_ftc_hdrs (msg_parser.h): helpers tm uses
 * on the buffers it sends. */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"

int branch_builder(unsigned int hash_index, unsigned int label, char *char_v, int branch,
		char *branch_str, int *len)
{
	char *p = branch_str;
	int room = MAX_BRANCH_PARAM_LEN;

	*len = 0;
	memcpy(p, MCOOKIE, MCOOKIE_LEN);
	p += MCOOKIE_LEN;
	room -= MCOOKIE_LEN;
	if (int2reverse_hex(&p, &room, hash_index) == -1 || room == 0)
		return 0;
	*p++ = BRANCH_SEPARATOR;
	room--;
	if (char_v) {
		if (room < MD5_LEN)
			return 0;
		memcpy(p, char_v, MD5_LEN);
		p += MD5_LEN;
		room -= MD5_LEN;
	} else if (int2reverse_hex(&p, &room, label) == -1) {
		return 0;
	}
	if (room == 0)
		return 0;
	*p++ = BRANCH_SEPARATOR;
	room--;
	if (int2reverse_hex(&p, &room, (unsigned int)branch) == -1)
		return 0;
	*len = MAX_BRANCH_PARAM_LEN - room;
	return room;
}

/* which of the four a header name is: 1 From, 2 To, 3 CSeq, 4 Call-ID, 0 none */
static int ftc_kind(const char *n, int len)
{
	if ((len == 4 && strncasecmp(n, "from", 4) == 0) || (len == 1 && (*n | 0x20) == 'f'))
		return 1;
	if ((len == 2 && strncasecmp(n, "to", 2) == 0) || (len == 1 && (*n | 0x20) == 't'))
		return 2;
	if (len == 4 && strncasecmp(n, "cseq", 4) == 0)
		return 3;
	if ((len == 7 && strncasecmp(n, "call-id", 7) == 0) || (len == 1 && (*n | 0x20) == 'i'))
		return 4;
	return 0;
}

static char *next_line(char *p, char *end)
{
	char *lf = memchr(p, '\n', (size_t)(end - p));
	return lf ? lf + 1 : end;
}

int extract_ftc_hdrs(char *buf, int len, str *from, str *to, str *cseq, str *callid)
{
	str *want[5];
	char *end = buf + len, *p, *le;
	int missing;

	want[0] = NULL;
	want[1] = from;
	want[2] = to;
	want[3] = cseq;
	want[4] = callid;
	missing = (from != NULL) + (to != NULL) + (cseq != NULL) + (callid != NULL);
	if (buf == NULL || len <= 0)
		return -1;
	/* the start line is no header */
	for (p = next_line(buf, end); p < end && missing > 0 && *p != '\r' && *p != '\n'; p = le) {
		char *n = p, *c;
		int k;
		/* the header and its continuation lines */
		le = next_line(p, end);
		while (le < end && (*le == ' ' || *le == '\t'))
			le = next_line(le, end);
		while (n < le && *n != ':' && *n != ' ' && *n != '\t')
			n++;
		k = ftc_kind(p, (int)(n - p));
		if (k == 0 || want[k] == NULL)
			continue;
		c = n;
		while (c < le && (*c == ' ' || *c == '\t'))
			c++;
		if (c >= le || *c != ':')
			continue;
		want[k]->s = p;
		if (k == 3) {
			for (c++; c < le && (*c == ' ' || *c == '\t'); c++)
				;
			while (c < le && *c >= '0' && *c <= '9')
				c++;
			want[k]->len = (int)(c - p);
		} else {
			want[k]->len = (int)(le - p);
		}
		want[k] = NULL;
		missing--;
	}
	if (missing > 0) {
		LM_CRIT("From/To/CSeq/Call-ID not all found in the buffer\n");
		return -1;
	}
	return 0;
}
