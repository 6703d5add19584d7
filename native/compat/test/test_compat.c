/* Unit tests of native/compat against the real core library, compiled the way a module
 * is (module-facing headers only). */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include "../../../include/sr_module.h"
#include "../../../include/ut.h"
#include "../../../include/locking.h"
#include "../../../include/rw_locking.h"
#include "../../../include/mi/mi.h"

/* the core's Java-facing MI calls (native/mi_publish.c) */
void sb_mi_publish_begin(void);
int sb_mi_publish_java(const char *name, const char *help, const char *module, int id);
void sb_mi_publish_end(void);
void sb_mi_unpublish(void);
/* the core's Java-facing timer calls (native/timer.c) */
int sb_timers_count(void);
void sb_timers_forget(int module);
#include "../../../include/md5.h"
#include "../../../include/md5utils.h"
#include "../../../include/globals.h"
#include "../../../include/timer.h"
#include "../../../include/time_rec.h"

static int passed, failed;

#define CHECK(cond) do { \
	if (cond) passed++; \
	else { failed++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(_s, lit) CHECK((_s).len == (int)strlen(lit) && \
	memcmp((_s).s, (lit), strlen(lit)) == 0)

static struct mi_root *compat_mi_echo(struct mi_root *req, void *param)
{
	return init_mi_tree(200, MI_SSTR(MI_OK));
}

static void test_mi_tree(void)
{
	struct mi_root *t, *c;
	struct mi_node *n, *k;
	struct mi_attr *a;
	char name[] = "Timer";
	char value[] = "t1";

	t = init_mi_tree(200, MI_SSTR(MI_OK));
	CHECK(t != NULL);
	CHECK(t->code == 200);
	CHECK_STR(t->reason, "OK");
	t->node.flags |= MI_IS_ARRAY;

	n = add_mi_node_child(&t->node, MI_DUP_NAME | MI_DUP_VALUE, name, 5, value, 2);
	CHECK(n != NULL);
	name[0] = 'X';
	value[0] = 'X';
	CHECK_STR(n->name, "Timer");        /* copied */
	CHECK_STR(n->value, "t1");
	k = addf_mi_node_child(n, 0, "calls", 5, "%d/%lld", 4, 1241LL);
	CHECK(k != NULL);
	CHECK_STR(k->value, "4/1241");
	CHECK(add_mi_node_sibling(n, 0, "second", 6, 0, 0) != NULL);
	CHECK(addf_mi_node_child(&t->node, 0, "third", 5, "%s", "x") != NULL);
	CHECK(t->node.kids == n && n->next && n->next->next && n->next->next->next == NULL);
	CHECK_STR(n->next->next->name, "third");

	a = add_mi_attr(n, MI_DUP_VALUE, "id", 2, "7", 1);
	CHECK(a != NULL);
	CHECK(addf_mi_attr(n, 0, "hex", 3, "0x%X", 255) != NULL);
	CHECK(get_mi_attr_by_name(n, "hex", 3) != NULL);
	CHECK_STR(get_mi_attr_by_name(n, "hex", 3)->value, "0xFF");
	CHECK(get_mi_attr_by_name(n, "nope", 4) == NULL);

	c = clone_mi_tree(t, 1);
	CHECK(c != NULL);
	CHECK(c->code == 200 && c->node.flags == MI_IS_ARRAY);
	CHECK(c->node.kids != NULL && c->node.kids != n);
	CHECK_STR(c->node.kids->name, "Timer");
	CHECK_STR(c->node.kids->kids->value, "4/1241");
	CHECK_STR(get_mi_attr_by_name(c->node.kids, "id", 2)->value, "7");
	free_shm_mi_tree(c);

	del_mi_attr_list(n);
	CHECK(n->attributes == NULL);
	free_mi_tree(t);
	free_mi_tree(NULL);

	/* a command without code is refused; a real one is found by name */
	CHECK(register_mi_cmd(NULL, "x", "help", NULL, NULL, 0, NULL) == -1);
	CHECK(lookup_mi_cmd("x", 1) == NULL);
	CHECK(register_mi_cmd(compat_mi_echo, "compat_echo", "help", NULL, NULL, 0, NULL) == 0);
	CHECK(register_mi_cmd(compat_mi_echo, "compat_echo", "help", NULL, NULL, 0, NULL) == -1);
	/* lookup_mi_cmd sees what the server published (Java's one registry), not raw registrations */
	CHECK(lookup_mi_cmd("compat_echo", 11) == NULL);
	sb_mi_publish_begin();
	CHECK(sb_mi_publish_java("compat_j", "help text", "core", 0) == 0);
	CHECK(sb_mi_publish_java("", "no name", "core", 1) == -1);
	sb_mi_publish_end();
	{
		struct mi_cmd *j = lookup_mi_cmd("compat_j", 8), *all = NULL;
		int n = -1;
		CHECK(j != NULL && j->id == 0 && j->name.len == 8 && j->module.len == 4 && j->help.len == 9);
		CHECK(lookup_mi_cmd("compat_", 7) == NULL);
		CHECK(lookup_mi_cmd(NULL, 3) == NULL);
		/* no Java runner in this test: the command fails cleanly */
		CHECK(run_mi_cmd(j, NULL, NULL, NULL) == NULL);
		CHECK(crt_flush_fnct == NULL);
		get_mi_cmds(&all, &n);
		CHECK(n == 1 && all == j);
	}
	sb_mi_unpublish();
	CHECK(lookup_mi_cmd("compat_j", 8) == NULL);
}

static gen_lock_t *shared_lock;
static long counter;

static void *bump(void *arg)
{
	int i;
	for (i = 0; i < 100000; i++) {
		lock_get(shared_lock);
		counter++;
		lock_release(shared_lock);
	}
	return arg;
}

static void test_locks(void)
{
	pthread_t th[4];
	gen_lock_set_t *set;
	rw_lock_t *rw;
	int i;

	shared_lock = lock_alloc();
	CHECK(shared_lock != NULL);
	CHECK(lock_init(shared_lock) == shared_lock);
	for (i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, bump, NULL);
	for (i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	CHECK(counter == 400000);
	lock_get(shared_lock);
	CHECK(lock_try(shared_lock) == -1);
	lock_release(shared_lock);
	CHECK(lock_try(shared_lock) == 0);
	lock_release(shared_lock);
	lock_destroy(shared_lock);
	lock_dealloc(shared_lock);

	set = lock_set_alloc(8);
	CHECK(set != NULL && set->size == 8);
	CHECK(lock_set_init(set) == set);
	lock_set_get(set, 3);
	CHECK(lock_set_try(set, 3) == -1);
	CHECK(lock_set_try(set, 4) == 0);
	lock_set_release(set, 4);
	lock_set_release(set, 3);
	lock_set_destroy(set);
	lock_set_dealloc(set);
	CHECK(lock_set_alloc(0) == NULL);

	rw = lock_init_rw();
	CHECK(rw != NULL);
	lock_start_read(rw);
	lock_start_read(rw);
	lock_stop_read(rw);
	lock_stop_read(rw);
	lock_start_write(rw);
	lock_stop_write(rw);
	lock_destroy_rw(rw);
}

static void test_ut(void)
{
	char buf[64];
	char *p = buf;
	int size = 8;
	unsigned int u = 0;
	str s;
	char *nt;
	int *codes = NULL;
	int ncodes = 0;
	unsigned char b64[64], plain[64];
	int n;

	CHECK(int2reverse_hex(&p, &size, 0x1a2) == 1);
	CHECK(p - buf == 3 && memcmp(buf, "2a1", 3) == 0);
	CHECK(reverse_hex2int(buf, 3) == 0x1a2);
	CHECK(reverse_hex2int("zz", 2) == -1);
	p = buf;
	size = 1;
	CHECK(int2reverse_hex(&p, &size, 0x100) == -1);

	CHECK(hexstr2int("ff10", 4, &u) == 0 && u == 0xff10);
	CHECK(hexstr2int("fg", 2, &u) == -1);
	s.s = "0x1F";
	s.len = 4;
	CHECK(strno2int(&s, &u) == 0 && u == 31);
	s.s = "42";
	s.len = 2;
	CHECK(strno2int(&s, &u) == 0 && u == 42);

	CHECK(btostr(buf, 7) == 1 && buf[0] == '7');
	CHECK(btostr(buf, 70) == 2 && memcmp(buf, "70", 2) == 0);
	CHECK(btostr(buf, 255) == 3 && memcmp(buf, "255", 3) == 0);
	CHECK(string2hex((unsigned char *)"\x01\xab", 2, buf) == 2 && memcmp(buf, "01ab", 4) == 0);

	s.s = "abc-._";
	s.len = 6;
	CHECK(str_check_token(&s) == 1);
	s.s = "a b";
	s.len = 3;
	CHECK(str_check_token(&s) == 0);
	s.s = "  x y  ";
	s.len = 7;
	str_trim_spaces_lr(s);
	CHECK_STR(s, "x y");

	s.s = "hello";
	s.len = 5;
	nt = NTcopy_str(&s);
	CHECK(nt != NULL && strcmp(nt, "hello") == 0);
	pkg_free(nt);

	s.s = "200, 404,486";
	s.len = (int)strlen(s.s);
	CHECK(parse_reply_codes(&s, &codes, &ncodes) == 0);
	CHECK(ncodes == 3 && codes[0] == 200 && codes[1] == 404 && codes[2] == 486);
	pkg_free(codes);
	s.s = "200,4x4";
	s.len = 7;
	CHECK(parse_reply_codes(&s, &codes, &ncodes) == -1);

	CHECK(calc_base64_encode_len(5) == 8);
	base64encode(b64, (unsigned char *)"hello", 5);
	CHECK(memcmp(b64, "aGVsbG8=", 8) == 0);
	n = base64decode(plain, b64, 8);
	CHECK(n == 5 && memcmp(plain, "hello", 5) == 0);
	CHECK(calc_max_base64_decode_len(8) >= 5);

	CHECK(user2uid((int *)&u, NULL, "0") == 0 && u == 0);
	CHECK(group2gid((int *)&u, "root") == 0 && u == 0);
}

static void md5_hex(const char *text, char out[33])
{
	MD5_CTX c;
	unsigned char d[16];
	unsigned int i;
	MD5Init(&c);
	/* fed in uneven pieces to cross the 64-byte block boundary */
	for (i = 0; i < strlen(text); i += 7)
		MD5Update(&c, (unsigned char *)text + i,
				(unsigned int)(strlen(text) - i < 7 ? strlen(text) - i : 7));
	MD5Final(d, &c);
	string2hex(d, 16, out);
	out[32] = 0;
}

static void test_md5(void)
{
	char h[33];
	str parts[2];
	char path[] = "/tmp/sb_compat_md5_XXXXXX";
	FILE *f;
	int fd;

	md5_hex("", h);
	CHECK(strcmp(h, "d41d8cd98f00b204e9800998ecf8427e") == 0);
	md5_hex("abc", h);
	CHECK(strcmp(h, "900150983cd24fb0d6963f7d28e17f72") == 0);
	md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890", h);
	CHECK(strcmp(h, "57edf4a22be3c955ac49da2e2107b67a") == 0);

	parts[0].s = "  ab";
	parts[0].len = 4;
	parts[1].s = "c \r\n";
	parts[1].len = 4;
	memset(h, 0, sizeof(h));
	MD5StringArray(h, parts, 2);
	CHECK(strcmp(h, "900150983cd24fb0d6963f7d28e17f72") == 0);

	fd = mkstemp(path);
	CHECK(fd >= 0);
	f = fdopen(fd, "w");
	fputs("The quick brown fox jumps over the lazy dog", f);
	fclose(f);
	memset(h, 0, sizeof(h));
	CHECK(MD5File(h, path) == 0);
	CHECK(strcmp(h, "9e107d9d372bb6826bd81d3542a419d6") == 0);
	unlink(path);
	CHECK(MD5File(h, "/nonexistent/sb_compat") == -1);
}

static void tick(unsigned int ticks, void *param)
{
}

static void test_globals_timer(void)
{
	utime_t a, b;

	CHECK(children_no == CHILD_NO);
	CHECK(server_header.len == (int)strlen(server_header.s));
	CHECK(strncmp(server_header.s, "Server: OpenSIPS (1.11.0-sipbridge", 34) == 0);
	{
		/* the configuration's values (the Java core calls this), texts copied */
		char server[] = "Server: Test", ua[] = "User-Agent: Test";
		extern void sb_set_signature(int on, const char *server, const char *user_agent);
		sb_set_signature(0, server, ua);
		server[0] = 'x';
		CHECK(server_signature == 0);
		CHECK(server_header.len == 12 && strncmp(server_header.s, "Server: Test", 12) == 0);
		CHECK(user_agent_header.len == 16 && strncmp(user_agent_header.s, "User-Agent: Test", 16) == 0);
		sb_set_signature(1, NULL, NULL);   /* NULL keeps the text */
		CHECK(server_signature == 1 && server_header.len == 12);
	}
	CHECK(startup_time > 0);
	CHECK(MAX_BRANCH_PARAM_LEN == 58);
	a = get_uticks();
	usleep(2000);
	b = get_uticks();
	CHECK(b >= a + 2000);
	CHECK(get_ticks() < 3600);
	/* timers are registered (they run when the server's timer thread drives them) */
	CHECK(register_timer("test", tick, NULL, 1) >= 0);
	CHECK(register_timer_process("test", tick, NULL, 1, 0) != NULL);
	CHECK(sb_timers_count() == 2);
	sb_timers_forget(0);
	CHECK(sb_timers_count() == 0);
}

/* check_tmrec of tr at the local time "YYYYMMDDThhmmss" */
static int at(tmrec_p tr, char *when, tr_res_p res)
{
	ac_tm_t t;
	ac_tm_set_time(&t, ic_parse_datetime(when, NULL));
	return check_tmrec(tr, &t, res);
}

/* The way cfgutils and drouting read a recurrence: '|'-separated fields. */
static tmrec_p parse_rec(char *def)
{
	tmrec_p tr = tmrec_new(PKG_ALLOC);
	char *p = def, *s;

	load_TR_value(p, s, tr, tr_parse_dtstart, error, done);
	load_TR_value(p, s, tr, tr_parse_dtend, error, done);
	load_TR_value(p, s, tr, tr_parse_duration, error, done);
	load_TR_value(p, s, tr, tr_parse_freq, error, done);
	load_TR_value(p, s, tr, tr_parse_until, error, done);
	load_TR_value(p, s, tr, tr_parse_interval, error, done);
	load_TR_value(p, s, tr, tr_parse_byday, error, done);
	load_TR_value(p, s, tr, tr_parse_bymday, error, done);
	load_TR_value(p, s, tr, tr_parse_byyday, error, done);
	load_TR_value(p, s, tr, tr_parse_byweekno, error, done);
	load_TR_value(p, s, tr, tr_parse_bymonth, error, done);
done:
	return tr;
error:
	tmrec_free(tr);
	return NULL;
}

static void test_time_rec(void)
{
	tmrec_p tr;
	tr_res_t res;
	char def1[] = "20140303T090000|20140303T170000||weekly|||MO,TU,WE,TH,FR";
	char def2[] = "20140101T000000||P1D|monthly|||-1FR";
	char def3[] = "20140303T090000||PT1H|weekly||2";
	char def4[] = "20140303T090000||PT1H|weekly|20140310T000000";
	char def5[] = "20140304T220000||PT4H|daily";
	char def6[] = "20141225T000000||P1D|yearly|||||||12";
	char def7[] = "20140101T000000||P1D|yearly|||MO|||10";
	char bad[] = "20140303T090000||PT1H|hourly";

	setenv("TZ", "UTC", 1);
	tzset();

	tr = parse_rec(def1);
	CHECK(tr != NULL);
	memset(&res, 0, sizeof(res));
	CHECK(at(tr, "20140305T100000", &res) == REC_MATCH);
	CHECK((res.flag & TSW_RSET) && res.rest == 7 * 3600);
	CHECK(at(tr, "20140308T100000", NULL) == REC_NOMATCH);   /* Saturday */
	CHECK(at(tr, "20140305T170000", NULL) == REC_NOMATCH);   /* end is exclusive */
	CHECK(at(tr, "20140305T085959", NULL) == REC_NOMATCH);
	CHECK(at(tr, "20140302T100000", NULL) == REC_NOMATCH);   /* before dtstart */
	tmrec_free(tr);

	tr = parse_rec(def2);                     /* last Friday of each month */
	CHECK(tr != NULL && tr->byday && tr->byday->xxx[0] == WDAY_FR && tr->byday->req[0] == -1);
	CHECK(at(tr, "20140328T120000", NULL) == REC_MATCH);
	CHECK(at(tr, "20140321T120000", NULL) == REC_NOMATCH);
	CHECK(at(tr, "20140228T000000", NULL) == REC_MATCH);
	tmrec_free(tr);

	tr = parse_rec(def3);                     /* every other Monday, 09:00-10:00 */
	CHECK(at(tr, "20140317T093000", NULL) == REC_MATCH);
	CHECK(at(tr, "20140310T093000", NULL) == REC_NOMATCH);
	CHECK(at(tr, "20140318T093000", NULL) == REC_NOMATCH);
	tmrec_free(tr);

	tr = parse_rec(def4);                     /* until */
	CHECK(at(tr, "20140303T093000", NULL) == REC_MATCH);
	CHECK(at(tr, "20140317T093000", NULL) == REC_NOMATCH);
	tmrec_free(tr);

	tr = parse_rec(def5);                     /* crosses midnight */
	CHECK(at(tr, "20140306T010000", NULL) == REC_MATCH);
	CHECK(at(tr, "20140306T030000", NULL) == REC_NOMATCH);
	tmrec_free(tr);

	tr = parse_rec(def6);                     /* Christmas, BYMONTH only */
	CHECK(tr != NULL && tr->bymonth && tr->bymonth->nr == 1);
	CHECK(at(tr, "20151225T100000", NULL) == REC_MATCH);
	tmrec_free(tr);

	tr = parse_rec(def7);                     /* Monday of ISO week 10 */
	CHECK(at(tr, "20140303T120000", NULL) == REC_MATCH);
	CHECK(at(tr, "20140310T120000", NULL) == REC_NOMATCH);
	tmrec_free(tr);

	CHECK(parse_rec(bad) == NULL);

	tr = tmrec_new(SHM_ALLOC);                /* no frequency: one interval */
	CHECK(tr_parse_dtstart(tr, "20140303T090000") == 0);
	CHECK(at(tr, "20140303T093000", NULL) == REC_ERR);       /* no duration nor end */
	CHECK(tr_parse_duration(tr, "PT1H") == 0);
	CHECK(at(tr, "20140303T093000", NULL) == REC_MATCH);
	CHECK(at(tr, "20140303T103000", NULL) == REC_NOMATCH);
	CHECK(tr_parse_byday(tr, "MO,XX") == -1);
	CHECK(tr_parse_wkst(tr, "SU") == 0 && tr->wkst == WDAY_SU);
	tmrec_free(tr);

	CHECK(ic_parse_duration("P1DT2H") == 93600);
	CHECK(ic_parse_duration("P2W") == 14 * 86400);
	CHECK(ic_parse_duration("PT") == (time_t)-1);
	CHECK(ic_parse_duration("1D") == (time_t)-1);
	CHECK(ic_parse_datetime("2014-03-03", NULL) == (time_t)-1);
	CHECK(ic_parse_datetime("20140303T090000", NULL) == (time_t)1393837200);
}

int main(void)
{
	test_mi_tree();
	test_locks();
	test_ut();
	test_md5();
	test_globals_timer();
	test_time_rec();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
