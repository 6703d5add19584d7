/* Unit tests of the core-utils headers (crc.h, hash_func.h, tags.h, qvalue.h, map.h,
 * re.h, regexp.h) against the real core library, compiled like a module. Expected
 * hashes and CRCs come from known_answers.py (an independent reimplementation) and
 * published check values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../../include/sr_module.h"
#include "../../../include/crc.h"
#include "../../../include/hash_func.h"
#include "../../../include/tags.h"
#include "../../../include/qvalue.h"
#include "../../../include/error.h"
#include "../../../include/map.h"
#include "../../../include/re.h"
#include "../../../include/regexp.h"
#include "../../../include/strcommon.h"
#include "../../../include/sliblist.h"
#include "../../../include/prime_hash.h"
#include "../../../include/msg_translator.h"

int sb_mem_counters(int module, int pool, long *out, int n);

static int passed, failed;

#define CHECK(cond) do { \
	if (cond) passed++; \
	else { failed++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(_s, lit) CHECK((_s).len == (int)strlen(lit) && \
	memcmp((_s).s, (lit), strlen(lit)) == 0)

static str mkstr(const char *s)
{
	str r;
	r.s = (char *)s;
	r.len = (int)strlen(s);
	return r;
}

/* live blocks the core itself holds in a pool (0 pkg, 1 shm) */
static long live(int pool)
{
	long c[6];
	sb_mem_counters(0, pool, c, 6);
	return c[1];
}

static void test_crc(void)
{
	str s = mkstr("123456789"), e = mkstr(""), parts[3];
	unsigned int h;
	char out[CRC16_LEN + 1];

	/* table spot checks: entry 1 and 128 of each reflected polynomial */
	CHECK(crc_32_tab[1] == 0x77073096UL && crc_32_tab[128] == 0xEDB88320UL);
	CHECK(ccitt_tab[128] == 0x8408 && crc_16_tab[128] == 0xA001);
	crc32_uint(&s, &h);
	CHECK(h == 0x340bc6d9u);           /* ~0xCBF43926, the CRC-32 check value */
	crc32_uint(&e, &h);
	CHECK(h == 0xffffffffu);
	CHECK(crcitt_string("123456789", 9) == 0x906e);   /* CRC-16/X-25 check value */
	CHECK(crcitt_string("z9hG4bK776asdhds", 16) == 0x1ede);
	parts[0] = mkstr("10.0.0.1");
	parts[1] = mkstr("5060");
	parts[2] = mkstr("z9hG4bK776asdhds");
	memset(out, 'X', sizeof(out));
	crcitt_string_array(out, parts, 3);
	CHECK(memcmp(out, "2bff", 4) == 0 && out[4] == 'X');
	parts[0] = mkstr("a");
	crcitt_string_array(out, parts, 1);
	CHECK(memcmp(out, "7f28", 4) == 0);   /* 0x82f7, least significant digit first */
}

static void test_hash(void)
{
	str cid = mkstr("a84b4c76e66710@pc33.atlanta.com"), cseq = mkstr("314159");
	str abc = mkstr("abc"), empty = mkstr(""), utf = mkstr("\xc3\xa9t\xc3\xa9!");
	str mixed = mkstr("Alice@Atlanta.COM"), lower = mkstr("alice@atlanta.com");
	str bob = mkstr("sip:BOB"), biloxi = mkstr("Biloxi");

	CHECK(core_hash(&abc, NULL, 0) == 0x006d5f42u);   /* verified by hand too */
	CHECK(core_hash(&empty, NULL, 0) == 0);
	CHECK(core_hash(&cid, NULL, 0) == 0x81a4246eu);
	CHECK(core_hash(&cid, &cseq, 4096) == 208);
	CHECK(core_hash(&utf, NULL, 0) == 0xbb19f2b1u);   /* bytes >= 0x80 sign-extended */
	CHECK(core_case_hash(&mixed, NULL, 0) == 0xa63d3b93u);
	CHECK(core_hash(&lower, NULL, 0) == 0xa63d3b93u);
	CHECK(core_case_hash(&bob, &biloxi, 256) == 136);
	CHECK(core_hash(&cid, NULL, 16) < 16);
}

static void test_tags(void)
{
	char tag[TOTAG_VALUE_LEN + 1], *suffix = NULL;
	struct sip_msg msg;
	struct via_body via;
	struct via_param branch;
	struct socket_info si;
	struct socket_info *saved = udp_listen;

	memset(tag, 'X', sizeof(tag));
	init_tags(tag, &suffix, "OpenSIPS", '-');   /* no listener: signature only */
	CHECK(memcmp(tag, "5305fd34ae384e8ec2d402ec8ebfbc65", MD5_LEN) == 0);
	CHECK(tag[MD5_LEN] == '-' && suffix == tag + MD5_LEN + 1);

	memset(&si, 0, sizeof(si));
	si.address_str = mkstr("127.0.0.1");
	si.port_no_str = mkstr("5060");
	udp_listen = &si;
	CHECK(get_first_socket() == &si);
	init_tags(tag, &suffix, "OpenSIPS", '-');
	/* md5("OpenSIPS127.0.0.15060") differs from the signature-only tag */
	CHECK(memcmp(tag, "5305fd34ae384e8ec2d402ec8ebfbc65", MD5_LEN) != 0);
	udp_listen = saved;

	memset(&msg, 0, sizeof(msg));
	memset(&via, 0, sizeof(via));
	memset(&branch, 0, sizeof(branch));
	via.host = mkstr("10.0.0.1");
	via.port_str = mkstr("5060");
	branch.value = mkstr("z9hG4bK776asdhds");
	via.branch = &branch;
	memset(suffix, 'X', CRC16_LEN + 1);
	calc_crc_suffix(&msg, suffix);               /* no Via: untouched */
	CHECK(suffix[0] == 'X');
	msg.via1 = &via;
	calc_crc_suffix(&msg, suffix);
	CHECK(memcmp(suffix, "2bff", 4) == 0 && suffix[4] == 'X');
}

static void test_qvalue(void)
{
	qvalue_t q = 7;
	unsigned int len;
	char *t;

	CHECK(str2q(&q, "0.5", 3) == 0 && q == 500);
	CHECK(str2q(&q, " 1", 2) == 0 && q == 1000);
	CHECK(str2q(&q, "1.000", 5) == 0 && q == 1000);
	CHECK(str2q(&q, ".25", 3) == 0 && q == 250);
	CHECK(str2q(&q, "0.1239", 6) == 0 && q == 123);     /* 4th decimal ignored */
	CHECK(str2q(&q, "0", 1) == 0 && q == 0);
	CHECK(str2q(&q, "0.", 2) == 0 && q == 0);
	CHECK(str2q(&q, "1.5", 3) == E_Q_TOO_BIG);
	CHECK(str2q(&q, "2", 1) == E_Q_INV_CHAR);     /* as 1.11: only 0, 1 or . start */
	CHECK(str2q(&q, "02", 2) == E_Q_TOO_BIG);
	CHECK(str2q(&q, "10", 2) == E_Q_TOO_BIG);
	CHECK(str2q(&q, "0.5x", 4) == E_Q_INV_CHAR);
	CHECK(str2q(&q, "a", 1) == E_Q_INV_CHAR);
	CHECK(str2q(&q, "  ", 2) == E_Q_EMPTY);
	CHECK(str2q(NULL, "1", 1) == E_INVALID_PARAMS);
	t = q2str(500, &len);
	CHECK(len == 3 && strcmp(t, "0.5") == 0);
	t = q2str(125, &len);
	CHECK(len == 5 && strcmp(t, "0.125") == 0);
	t = q2str(1000, &len);
	CHECK(len == 1 && strcmp(t, "1") == 0);
	t = q2str(Q_UNSPECIFIED, &len);
	CHECK(len == 0 && t[0] == 0);
	CHECK(len_q(120) == 4 && len_q(0) == 1 && len_q(Q_UNSPECIFIED) == 0);
	CHECK(double2q(0.25) == 250 && q2double(750) == 0.75 && double2q(-1) == Q_UNSPECIFIED);
}

/* AVL invariants: order, parent links, balance factors; returns the height */
static int avl_check(struct avl_node *n, struct avl_node *parent, int *ok)
{
	int hl, hr;
	if (n == NULL)
		return 0;
	if (n->avl_parent != parent)
		*ok = 0;
	hl = avl_check(n->avl_link[0], n, ok);
	hr = avl_check(n->avl_link[1], n, ok);
	if (hr - hl != n->avl_balance || hr - hl > 1 || hl - hr > 1)
		*ok = 0;
	return 1 + (hl > hr ? hl : hr);
}

static int count_each(void *param, str key, void *value)
{
	(*(int *)param)++;
	return (long)value == 4242 ? 7 : 0;
}

static int destroyed;
static void destroy_val(void *v)
{
	(void)v;
	destroyed++;
}

static void test_map_flags(int flags)
{
	map_t m;
	map_iterator_t it;
	char keys[600][12];
	int i, ok = 1, n, height;
	long pkg0 = live(0), shm0 = live(1);
	str prev = { NULL, 0 }, k;
	void **slot;

	m = map_create(flags);
	CHECK(m != NULL);
	/* 600 keys inserted in a scrambled order */
	for (i = 0; i < 600; i++) {
		int v = (i * 337) % 600;
		snprintf(keys[i], sizeof(keys[i]), "key%05d", v);
		CHECK(map_put(m, mkstr(keys[i]), (void *)(long)(v + 1)) == NULL);
	}
	CHECK(map_size(m) == 600);
	height = avl_check(m->avl_root, NULL, &ok);
	CHECK(ok && height <= 11);          /* AVL bound for 600 nodes: 1.44 log2 n */
	/* replacing returns the old value */
	CHECK(map_put(m, mkstr("key00007"), (void *)8L) == NULL);   /* same value */
	CHECK(map_put(m, mkstr("key00007"), (void *)9L) == (void *)8L);
	slot = map_find(m, mkstr("key00007"));
	CHECK(slot && *slot == (void *)9L);
	CHECK(map_find(m, mkstr("key0000")) == NULL);    /* prefix only */
	CHECK(map_find(m, mkstr("nokey")) == NULL);
	slot = map_get(m, mkstr("new"));
	CHECK(slot && *slot == NULL && map_size(m) == 601);
	*slot = (void *)4242L;

	/* in order, both ways */
	n = 0;
	for (map_first(m, &it); iterator_is_valid(&it); iterator_next(&it)) {
		k = *iterator_key(&it);
		if (prev.s && (memcmp(prev.s, k.s, (size_t)(prev.len < k.len ? prev.len : k.len)) > 0))
			ok = 0;
		prev = k;
		n++;
	}
	CHECK(ok && n == 601);
	map_last(m, &it);
	CHECK(iterator_is_valid(&it) && iterator_key(&it)->len == 3 &&
			memcmp(iterator_key(&it)->s, "new", 3) == 0);
	iterator_prev(&it);
	CHECK(memcmp(iterator_key(&it)->s, "key00599", 8) == 0);
	n = 0;
	CHECK(map_for_each(m, count_each, &n) == 7 && n == 601);   /* stopped at "new" */

	/* delete every other key through iterators; the next one stays valid */
	n = 0;
	map_first(m, &it);
	while (iterator_is_valid(&it)) {
		map_iterator_t next = it;
		iterator_next(&next);
		if (n++ % 2 == 0)
			iterator_delete(&it);
		it = next;
	}
	CHECK(map_size(m) == 300);
	ok = 1;
	avl_check(m->avl_root, NULL, &ok);
	CHECK(ok);
	/* and remove the rest by key */
	for (i = 0; i < 600; i++) {
		void *v = map_remove(m, mkstr(keys[i]));
		if (v)
			n--;
	}
	CHECK(map_remove(m, mkstr("new")) == NULL);    /* "new" was deleted (even index) */
	ok = 1;
	avl_check(m->avl_root, NULL, &ok);
	CHECK(ok && map_size(m) == 0 && m->avl_root == NULL);

	for (i = 0; i < 50; i++)
		map_put(m, mkstr(keys[i]), (void *)1L);
	map_put(m, mkstr("null-valued"), NULL);
	destroyed = 0;
	map_destroy(m, destroy_val);
	CHECK(destroyed == 50);
	CHECK(live(0) == pkg0 && live(1) == shm0);
}

static void test_map(void)
{
	test_map_flags(0);
	test_map_flags(AVLMAP_SHARED);
	test_map_flags(AVLMAP_NO_DUPLICATE);
}

static struct subst_expr *parse_se(const char *text)
{
	char buf[256];
	str s;
	strcpy(buf, text);
	s = mkstr(buf);
	return subst_parser(&s);
}

static void test_subst(void)
{
	struct subst_expr *se;
	struct sip_msg msg;
	str *r;
	int count;
	long pkg0 = live(0);

	se = parse_se("/a(b+)c/[\\1]/g");
	CHECK(se != NULL && se->replace_all == 1 && se->max_pmatch == 1 && se->n_escapes == 1);
	r = subst_str("xabcyabbbc", NULL, se, &count);
	CHECK(r != NULL && count == 2);
	if (r) {
		CHECK(strcmp(r->s, "x[b]y[bbb]") == 0 && r->len == 10);
		pkg_free(r->s);
		pkg_free(r);
	}
	CHECK(subst_str("nothing", NULL, se, &count) == NULL && count == 0);
	subst_expr_free(se);

	/* first match only, case-insensitive, escapes and the separator escaped in the regex */
	se = parse_se("#SIP:(.*)@#\\\\sip:\\1\\t\\##i");
	CHECK(se != NULL && se->replace_all == 0);
	r = subst_str("sip:alice@x sip:bob@y", NULL, se, &count);
	CHECK(r && count == 1);
	if (r) {
		CHECK(strcmp(r->s, "\\sip:alice@x sip:bob\t#y") == 0);
		pkg_free(r->s);
		pkg_free(r);
	}
	subst_expr_free(se);

	/* \u: the request URI (new_uri when set) */
	memset(&msg, 0, sizeof(msg));
	msg.first_line.type = SIP_REQUEST;
	msg.first_line.u.request.uri = mkstr("sip:carol@chicago.com");
	se = parse_se("/^.*$/<\\u>/");
	r = se ? subst_str("To", &msg, se, &count) : NULL;
	CHECK(r && strcmp(r->s, "<sip:carol@chicago.com>") == 0);
	if (r) {
		pkg_free(r->s);
		pkg_free(r);
	}
	subst_expr_free(se);

	/* subst_run: offsets and sizes of each match */
	se = parse_se("/o/0/g");
	{
		struct replace_lst *l = subst_run(se, "foo boo", NULL, &count), *x;
		CHECK(l && count == 4 && l->offset == 1 && l->size == 1 && l->rpl.len == 1);
		for (x = l, count = 0; x; x = x->next)
			count += x->offset;
		CHECK(count == 1 + 2 + 5 + 6);
		replace_lst_free(l);
	}
	subst_expr_free(se);

	/* bad expressions are refused with NULL */
	CHECK(parse_se("/a") == NULL);
	CHECK(parse_se("\\a\\b\\") == NULL);
	CHECK(parse_se("/a/b/x") == NULL);        /* unknown flag */
	CHECK(parse_se("/a(/b/") == NULL);        /* bad regex */
	CHECK(parse_se("/a/b") == NULL);          /* replacement not closed */
	/* an expression matching the empty string is an error at run time */
	se = parse_se("/x*/y/");
	CHECK(se && subst_str("abc", NULL, se, &count) == NULL && count == -1);
	subst_expr_free(se);
	CHECK(live(0) == pkg0);
}

static void test_reg_replace(void)
{
	char out[64];
	str r;

	r.s = out;
	r.len = sizeof(out);
	CHECK(reg_replace("^\\+1([0-9]{3})([0-9]+)$", "sip:\\2@\\1.example.com",
			"+15551234567", &r) == 1);
	CHECK_STR(r, "sip:1234567@555.example.com");
	r.len = sizeof(out);
	CHECK(reg_replace("^(a)(b)?", "\\2", "ac", &r) == -2);    /* group 2 did not match */
	r.len = sizeof(out);
	CHECK(reg_replace("x", "y", "abc", &r) == -1);            /* no match */
	r.len = sizeof(out);
	CHECK(reg_replace("(", "y", "abc", &r) == -1);            /* bad pattern */
	r.len = sizeof(out);
	CHECK(reg_replace("a", "q\\", "abc", &r) == -3);          /* trailing backslash */
	r.len = 4;
	CHECK(reg_replace("a", "12345", "abc", &r) == -4);        /* does not fit */
	r.len = sizeof(out);
	CHECK(reg_replace("b", "\\.x", "abc", &r) == 1);          /* \. is a plain '.' */
	CHECK_STR(r, ".x");
}

static void test_strcommon(void)
{
	char out[64];
	char in[] = { 'a', '\'', 'b', '"', '\\', '\0', 'c' };
	int n;

	n = escape_common(out, in, (int)sizeof(in));
	CHECK(n == 11 && memcmp(out, "a\\'b\\\"\\\\\\0c", 11) == 0);
	{
		char back[16];
		int m = unescape_common(back, out, n);
		CHECK(m == (int)sizeof(in) && memcmp(back, in, sizeof(in)) == 0);
	}
	n = unescape_xml(out, "a&#65;b&#9x", 11);
	CHECK(n == 7 && memcmp(out, "aAb&#9x", 7) == 0);
	compute_md5(out, "OpenSIPS", 8);
	CHECK(memcmp(out, "5305fd34ae384e8ec2d402ec8ebfbc65", 32) == 0);
	CHECK(escape_common(NULL, in, 3) == 0);
}

static void *list_alloc(size_t n) { return pkg_malloc(n); }
static void list_free(void *p) { pkg_free(p); }
static int list_sum(void *e, void *data, void *r)
{
	*(int *)r += *(int *)e;
	return *(int *)e == *(int *)data ? 99 : 0;
}

static void test_sliblist(void)
{
	long pkg0 = live(0);
	slinkedl_list_t *l = slinkedl_init(list_alloc, list_free);
	int *v, sum = 0, stop = 3, never = -1;

	CHECK(l != NULL && slinkedl_init(NULL, list_free) == NULL);
	v = slinkedl_append(l, sizeof(int));
	*v = 2;
	v = slinkedl_prepend(l, sizeof(int));
	*v = 1;
	v = slinkedl_append(l, sizeof(int));
	*v = 3;
	v = slinkedl_append(l, sizeof(int));
	*v = 4;
	CHECK(slinkedl_append(l, 0) == NULL);
	CHECK(slinkedl_traverse(l, list_sum, &stop, &sum) == 99 && sum == 6);   /* 1+2+3 */
	sum = 0;
	CHECK(slinkedl_traverse(l, list_sum, &never, &sum) == 0 && sum == 10);
	CHECK(slinkedl_traverse(l, NULL, NULL, NULL) == -2 && slinkedl_traverse(NULL, list_sum, NULL, NULL) == -1);
	slinkedl_list_destroy(l);
	CHECK(live(0) == pkg0);
}

static void test_prime_hash(void)
{
	char text[] =
		"INVITE sip:bob@biloxi.com SIP/2.0\r\n"
		"Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n"
		"To: Bob <sip:bob@biloxi.com>\r\n"
		"From: \"+49 30\" <sip:+49-30-1234567@atlanta.com>;tag=1928301774\r\n"
		"Call-ID:  a84b4c76e66710@pc33.atlanta.com extra\r\n"
		"CSeq: 314159 INVITE\r\n"
		"Content-Length: 0\r\n\r\n";
	struct sip_msg m;
	long pkg0 = live(0);

	memset(&m, 0, sizeof(m));
	m.buf = text;
	m.len = (unsigned)strlen(text);
	CHECK(parse_msg(text, m.len, &m) == 0);
	/* crc32_uint of the Call-ID's first token, values from known_answers.py */
	CHECK(hash_func(&m, shs_call_id, 1000) == 469);
	CHECK(hash_func(&m, shs_to_uri, 7) == 4);            /* crc32 register of the To URI % 7 */
	CHECK(prime_hash_func(&m, shs_from_user, 10) == 6);    /* 49301234567 % 51797 % 10 + 1 */
	CHECK(prime_hash_func(&m, shs_call_id, 10) == -1);
	CHECK(hash_func(&m, shs_error, 10) == -1);
	CHECK(hash_func(&m, shs_call_id, 0) == -1);
	free_sip_msg(&m);
	CHECK(live(0) == pkg0);
}

static void test_errors(void)
{
	char phrase[MAX_REASON_LEN];
	int code = 0, n;
	str st;
	struct sip_msg m;
	long pkg0 = live(0);

	n = err2reason_phrase(E_BAD_URI, &code, phrase, sizeof(phrase), "SL");
	CHECK(code == 475 && n == (int)strlen("Bad URI (475/SL)") && strcmp(phrase, "Bad URI (475/SL)") == 0);
	err2reason_phrase(E_Q_TOO_BIG, &code, phrase, sizeof(phrase), "x");
	CHECK(code == 400);
	err2reason_phrase(E_OUT_OF_MEM, &code, phrase, sizeof(phrase), "TM");
	CHECK(code == 500 && strcmp(phrase, "Server error occurred (2/TM)") == 0);
	err2reason_phrase(E_TOO_MANY_BRANCHES, &code, phrase, 8, "TM");
	CHECK(code == 500 && strlen(phrase) == 7);       /* cut to the buffer */
	CHECK(strcmp(error_text(487), "Request Terminated") == 0);
	CHECK(strcmp(error_text(499), "Request Failure") == 0 && strcmp(error_text(99), "Unspecified") == 0);
	get_reply_status(&st, FAKED_REPLY, 408);
	CHECK(st.s && st.len == 19 && strcmp(st.s, "408 Request Timeout") == 0);
	pkg_free(st.s);
	memset(&m, 0, sizeof(m));
	m.first_line.u.reply.reason = mkstr("Busy Here Now");
	get_reply_status(&st, &m, 486);
	CHECK(st.s && strcmp(st.s, "486 Busy Here Now") == 0);
	pkg_free(st.s);
	CHECK(live(0) == pkg0);
	ser_error = E_BAD_VIA;
	CHECK(ser_error == -8 && prev_ser_error == E_UNSPEC);
}

/* tm's helpers: transaction key, branch values, headers of a raw buffer */
static void test_tm_helpers(void)
{
	char text[] =
		"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
		"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8\r\n"
		"To: Bob <sip:bob@biloxi.example.com>\r\n"
		"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
		"i: a84b4c76e66710\r\n"
		"CSeq: 314159 INVITE\r\n"
		"Content-Length: 0\r\n\r\n";
	char cv[MD5_LEN], br[MAX_BRANCH_PARAM_LEN];
	struct sip_msg m;
	str f, t, c, i;
	int len;

	memset(&m, 0, sizeof(m));
	CHECK(parse_msg(text, (unsigned)strlen(text), &m) == 0);
	/* md5 of From, To, Call-ID, R-URI, CSeq number, Via host, port, branch
	 * (known_answers.py) */
	CHECK(char_msg_val(&m, cv) == 1);
	CHECK(memcmp(cv, "4b7bc0d34583084a17e85ff7fc43834b", MD5_LEN) == 0);
	free_sip_msg(&m);

	CHECK(branch_builder(0x1a3, 0, cv, 0, br, &len) > 0);
	CHECK(len == 7 + 3 + 1 + 32 + 1 + 1 && memcmp(br, "z9hG4bK3a1.4b7bc0d3", 19) == 0 &&
			memcmp(br + len - 2, ".0", 2) == 0);
	CHECK(branch_builder(0, 0x10, NULL, 0x2f, br, &len) > 0);
	CHECK(len == 14 && memcmp(br, "z9hG4bK0.01.f2", 14) == 0);   /* hex digits reversed */

	CHECK(extract_ftc_hdrs(text, (int)strlen(text), &f, &t, &c, &i) == 0);
	CHECK_STR(f, "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n");
	CHECK_STR(t, "To: Bob <sip:bob@biloxi.example.com>\r\n");
	CHECK_STR(c, "CSeq: 314159");
	CHECK_STR(i, "i: a84b4c76e66710\r\n");
	CHECK(extract_ftc_hdrs(text, 40, &f, NULL, NULL, NULL) == -1);
}

int main(void)
{
	test_crc();
	test_hash();
	test_tags();
	test_qvalue();
	test_map();
	test_subst();
	test_reg_replace();
	test_strcommon();
	test_sliblist();
	test_prime_hash();
	test_errors();
	test_tm_helpers();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
