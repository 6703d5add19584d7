/* Time recurrences (include/time_rec.h): parsing of the iCalendar-style fields and the
 * match of a point in time against a recurrence.
 *
 * The match works on local calendar dates: an occurrence starts on a day D at the time of
 * day of dtstart and lasts duration (or dtend - dtstart). check_tmrec looks at the days
 * whose occurrence could still cover the time (back from today by the duration) and
 * accepts the first that is on or after dtstart, not after until, on an interval step of
 * freq and allowed by every BYxxx list given (RFC 2445 semantics; BYWEEKNO uses ISO 8601
 * weeks, BYDAY ordinals count within the month for MONTHLY, or YEARLY with BYMONTH, and
 * within the year otherwise). Without BYxxx lists the day must repeat dtstart's weekday
 * (WEEKLY), day of month (MONTHLY) or month and day (YEARLY). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "sb_compat.h"

#pragma GCC visibility push(default)
#include "../../include/time_rec.h"
#pragma GCC visibility pop

#define MAX_LOOKBACK_DAYS 400

static void *tr_alloc(char type, size_t size)
{
	void *p = (type == SHM_ALLOC) ? shm_malloc(size) : pkg_malloc(size);
	if (p == NULL)
		LM_ERR("no more %s memory\n", type == SHM_ALLOC ? "shm" : "pkg");
	else
		memset(p, 0, size);
	return p;
}

static void tr_free(char type, void *p)
{
	if (p == NULL)
		return;
	if (type == SHM_ALLOC)
		shm_free(p);
	else
		pkg_free(p);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
static long days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* 0 = Sunday ... 6 = Saturday */
static int weekday_of(long dayno)
{
	long w = (dayno + 4) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return (m == 2 && is_leap_year(y)) ? 29 : dm[m - 1];
}

/* ISO 8601 week of the date (1..53) and the number of weeks of its ISO year. */
static int iso_week(long dayno, int *weeks_in_year)
{
	int wd = (weekday_of(dayno) + 6) % 7;          /* Monday = 0 */
	long thursday = dayno - wd + 3;                /* the Thursday of this week */
	long y, jan1;
	int dec31_wd, jan1_wd, leap;
	/* the ISO year is the calendar year of that Thursday */
	time_t t = (time_t)thursday * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	y = tm.tm_year + 1900;
	jan1 = days_from_civil(y, 1, 1);
	jan1_wd = weekday_of(jan1);
	leap = is_leap_year(y);
	dec31_wd = (jan1_wd + (leap ? 365 : 364)) % 7;
	*weeks_in_year = (jan1_wd == 4 || dec31_wd == 4) ? 53 : 52;
	return (int)((thursday - jan1) / 7) + 1;
}

int ac_get_yweek(struct tm *tm)
{
#ifdef USE_YWEEK_U
	return (tm->tm_yday + 7 - tm->tm_wday) / 7;
#else
	return (tm->tm_yday + 7 - (tm->tm_wday ? tm->tm_wday - 1 : 6)) / 7;
#endif
}

int ac_get_mweek(struct tm *tm)
{
	int wd = (tm->tm_wday + 6) % 7;                 /* Monday = 0 */
	int first = ((wd - (tm->tm_mday - 1) % 7) % 7 + 7) % 7;
	return (tm->tm_mday - 1 + first) / 7;
}

int ac_get_wkst(void)
{
	return WDAY_MO;
}

int ac_tm_reset(ac_tm_p atp)
{
	if (atp == NULL)
		return -1;
	memset(atp, 0, sizeof(*atp));
	return 0;
}

int ac_tm_set_time(ac_tm_p atp, time_t t)
{
	if (atp == NULL)
		return -1;
	memset(atp, 0, sizeof(*atp));
	atp->time = t;
	if (localtime_r(&t, &atp->t) == NULL)
		return -1;
	atp->mweek = ac_get_mweek(&atp->t);
	atp->yweek = ac_get_yweek(&atp->t);
	atp->ywday = atp->t.tm_yday / 7;
	atp->mwday = (atp->t.tm_mday - 1) / 7;
	return 0;
}

int ac_print(ac_tm_p atp)
{
	if (atp == NULL)
		return -1;
	LM_DBG("time %ld: %04d-%02d-%02d %02d:%02d:%02d wday %d yday %d mweek %d yweek %d\n",
			(long)atp->time, atp->t.tm_year + 1900, atp->t.tm_mon + 1, atp->t.tm_mday,
			atp->t.tm_hour, atp->t.tm_min, atp->t.tm_sec, atp->t.tm_wday,
			atp->t.tm_yday, atp->mweek, atp->yweek);
	return 0;
}

tr_byxxx_p tr_byxxx_new(char alloc)
{
	tr_byxxx_p b = tr_alloc(alloc, sizeof(*b));
	if (b)
		b->flags = alloc;
	return b;
}

int tr_byxxx_init(tr_byxxx_p bxp, int nr)
{
	if (bxp == NULL || nr <= 0)
		return -1;
	bxp->xxx = tr_alloc(bxp->flags, (size_t)nr * sizeof(int));
	bxp->req = tr_alloc(bxp->flags, (size_t)nr * sizeof(int));
	if (bxp->xxx == NULL || bxp->req == NULL) {
		tr_free(bxp->flags, bxp->xxx);
		tr_free(bxp->flags, bxp->req);
		bxp->xxx = bxp->req = NULL;
		return -1;
	}
	bxp->nr = nr;
	return 0;
}

int tr_byxxx_free(tr_byxxx_p bxp)
{
	if (bxp == NULL)
		return -1;
	tr_free(bxp->flags, bxp->xxx);
	tr_free(bxp->flags, bxp->req);
	tr_free(bxp->flags, bxp);
	return 0;
}

tmrec_p tmrec_new(char alloc)
{
	tmrec_p t = tr_alloc(alloc, sizeof(*t));
	if (t) {
		t->flags = alloc;
		t->wkst = WDAY_MO;
	}
	return t;
}

int tmrec_free(tmrec_p trp)
{
	if (trp == NULL)
		return -1;
	tr_byxxx_free(trp->byday);
	tr_byxxx_free(trp->bymday);
	tr_byxxx_free(trp->byyday);
	tr_byxxx_free(trp->bymonth);
	tr_byxxx_free(trp->byweekno);
	tr_free(trp->flags, trp);
	return 0;
}

/* n decimal digits at p, or -1. */
static int digits(const char *p, int n)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

time_t ic_parse_datetime(char *in, struct tm *tm)
{
	struct tm local;
	struct tm *t = tm ? tm : &local;
	int y, mo, d, h, mi, s;

	if (in == NULL || strlen(in) < 15 || (in[8] != 'T' && in[8] != 't'))
		return (time_t)-1;
	y = digits(in, 4);
	mo = digits(in + 4, 2);
	d = digits(in + 6, 2);
	h = digits(in + 9, 2);
	mi = digits(in + 11, 2);
	s = digits(in + 13, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 ||
			mi > 59 || s < 0 || s > 60)
		return (time_t)-1;
	memset(t, 0, sizeof(*t));
	t->tm_year = y - 1900;
	t->tm_mon = mo - 1;
	t->tm_mday = d;
	t->tm_hour = h;
	t->tm_min = mi;
	t->tm_sec = s;
	t->tm_isdst = -1;
	return mktime(t);
}

time_t ic_parse_duration(char *in)
{
	char *p = in;
	long total = 0, v;
	int in_time = 0, any = 0;

	if (p == NULL)
		return (time_t)-1;
	if (*p == '+')
		p++;
	if (*p != 'P' && *p != 'p')
		return (time_t)-1;
	for (p++; *p; p++) {
		if (*p == 'T' || *p == 't') {
			in_time = 1;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			return (time_t)-1;
		v = 0;
		while (isdigit((unsigned char)*p))
			v = v * 10 + (*p++ - '0');
		switch (toupper((unsigned char)*p)) {
		case 'W': if (in_time) return (time_t)-1; total += v * 7 * 86400; break;
		case 'D': if (in_time) return (time_t)-1; total += v * 86400; break;
		case 'H': if (!in_time) return (time_t)-1; total += v * 3600; break;
		case 'M': if (!in_time) return (time_t)-1; total += v * 60; break;
		case 'S': if (!in_time) return (time_t)-1; total += v; break;
		default: return (time_t)-1;
		}
		any = 1;
	}
	return any ? (time_t)total : (time_t)-1;
}

static int parse_wday(const char *p)
{
	static const char *names[7] = { "SU", "MO", "TU", "WE", "TH", "FR", "SA" };
	int i;
	for (i = 0; i < 7; i++)
		if (strncasecmp(p, names[i], 2) == 0)
			return i;
	return -1;
}

int ic_parse_wkst(char *in)
{
	if (in == NULL || strlen(in) != 2)
		return -1;
	return parse_wday(in);
}

static int count_items(const char *in)
{
	int n = 1;
	for (; *in; in++)
		if (*in == ',')
			n++;
	return n;
}

/* Parses one signed integer at *pp; advances it. 0, or -1. */
static int signed_int(char **pp, int *sign, int *value, int optional)
{
	char *p = *pp;
	*sign = 1;
	*value = 0;
	while (*p == ' ')
		p++;
	if (*p == '+' || *p == '-') {
		*sign = *p == '-' ? -1 : 1;
		p++;
	}
	if (!isdigit((unsigned char)*p)) {
		*pp = p;
		return optional ? 0 : -1;
	}
	while (isdigit((unsigned char)*p))
		*value = *value * 10 + (*p++ - '0');
	*pp = p;
	return 0;
}

tr_byxxx_p ic_parse_byday(char *in, char alloc)
{
	tr_byxxx_p b;
	char *p = in;
	int i, sign, ord, wd;

	if (in == NULL || *in == 0)
		return NULL;
	b = tr_byxxx_new(alloc);
	if (b == NULL || tr_byxxx_init(b, count_items(in)) < 0)
		goto error;
	for (i = 0; i < b->nr; i++) {
		if (signed_int(&p, &sign, &ord, 1) < 0)
			goto error;
		wd = parse_wday(p);
		if (wd < 0)
			goto error;
		p += 2;
		while (*p == ' ')
			p++;
		if (*p != (i + 1 < b->nr ? ',' : 0))
			goto error;
		if (*p)
			p++;
		b->xxx[i] = wd;
		b->req[i] = sign * ord;
	}
	return b;
error:
	LM_ERR("bad BYDAY value '%s'\n", in ? in : "");
	tr_byxxx_free(b);
	return NULL;
}

tr_byxxx_p ic_parse_byxxx(char *in, char alloc)
{
	tr_byxxx_p b;
	char *p = in;
	int i, sign, v;

	if (in == NULL || *in == 0)
		return NULL;
	b = tr_byxxx_new(alloc);
	if (b == NULL || tr_byxxx_init(b, count_items(in)) < 0)
		goto error;
	for (i = 0; i < b->nr; i++) {
		if (signed_int(&p, &sign, &v, 0) < 0 || v == 0)
			goto error;
		while (*p == ' ')
			p++;
		if (*p != (i + 1 < b->nr ? ',' : 0))
			goto error;
		if (*p)
			p++;
		b->xxx[i] = v;
		b->req[i] = sign;
	}
	return b;
error:
	LM_ERR("bad BYxxx value '%s'\n", in ? in : "");
	tr_byxxx_free(b);
	return NULL;
}

int tr_parse_dtstart(tmrec_p trp, char *in)
{
	if (trp == NULL || in == NULL)
		return -1;
	trp->dtstart = ic_parse_datetime(in, &trp->ts);
	return trp->dtstart == (time_t)-1 ? -1 : 0;
}

int tr_parse_dtend(tmrec_p trp, char *in)
{
	struct tm tm;
	if (trp == NULL || in == NULL)
		return -1;
	trp->dtend = ic_parse_datetime(in, &tm);
	return trp->dtend == (time_t)-1 ? -1 : 0;
}

int tr_parse_duration(tmrec_p trp, char *in)
{
	if (trp == NULL || in == NULL)
		return -1;
	trp->duration = ic_parse_duration(in);
	return trp->duration == (time_t)-1 ? -1 : 0;
}

int tr_parse_until(tmrec_p trp, char *in)
{
	struct tm tm;
	if (trp == NULL || in == NULL)
		return -1;
	trp->until = ic_parse_datetime(in, &tm);
	return trp->until == (time_t)-1 ? -1 : 0;
}

int tr_parse_freq(tmrec_p trp, char *in)
{
	if (trp == NULL || in == NULL)
		return -1;
	if (strcasecmp(in, "daily") == 0)
		trp->freq = FREQ_DAILY;
	else if (strcasecmp(in, "weekly") == 0)
		trp->freq = FREQ_WEEKLY;
	else if (strcasecmp(in, "monthly") == 0)
		trp->freq = FREQ_MONTHLY;
	else if (strcasecmp(in, "yearly") == 0)
		trp->freq = FREQ_YEARLY;
	else {
		trp->freq = FREQ_NOFREQ;
		LM_ERR("bad FREQ value '%s'\n", in);
		return -1;
	}
	return 0;
}

int tr_parse_interval(tmrec_p trp, char *in)
{
	char *end;
	long v;
	if (trp == NULL || in == NULL)
		return -1;
	v = strtol(in, &end, 10);
	if (*in == 0 || *end != 0 || v <= 0 || v > 100000)
		return -1;
	trp->interval = (int)v;
	return 0;
}

static int set_list(tmrec_p trp, tr_byxxx_p *slot, tr_byxxx_p value)
{
	if (value == NULL)
		return -1;
	tr_byxxx_free(*slot);
	*slot = value;
	return 0;
}

int tr_parse_byday(tmrec_p trp, char *in)
{
	return trp ? set_list(trp, &trp->byday, ic_parse_byday(in, trp->flags)) : -1;
}

int tr_parse_bymday(tmrec_p trp, char *in)
{
	return trp ? set_list(trp, &trp->bymday, ic_parse_byxxx(in, trp->flags)) : -1;
}

int tr_parse_byyday(tmrec_p trp, char *in)
{
	return trp ? set_list(trp, &trp->byyday, ic_parse_byxxx(in, trp->flags)) : -1;
}

int tr_parse_bymonth(tmrec_p trp, char *in)
{
	return trp ? set_list(trp, &trp->bymonth, ic_parse_byxxx(in, trp->flags)) : -1;
}

int tr_parse_byweekno(tmrec_p trp, char *in)
{
	return trp ? set_list(trp, &trp->byweekno, ic_parse_byxxx(in, trp->flags)) : -1;
}

int tr_parse_wkst(tmrec_p trp, char *in)
{
	int w = ic_parse_wkst(in);
	if (trp == NULL || w < 0)
		return -1;
	trp->wkst = w;
	return 0;
}

static void print_list(const char *name, tr_byxxx_p b)
{
	int i;
	if (b == NULL)
		return;
	for (i = 0; i < b->nr; i++)
		LM_DBG("%s[%d] = %d (req %d)\n", name, i, b->xxx[i], b->req[i]);
}

int tr_print(tmrec_p trp)
{
	if (trp == NULL)
		return -1;
	LM_DBG("dtstart %ld dtend %ld duration %ld until %ld freq %d interval %d\n",
			(long)trp->dtstart, (long)trp->dtend, (long)trp->duration, (long)trp->until,
			trp->freq, trp->interval);
	print_list("byday", trp->byday);
	print_list("bymday", trp->bymday);
	print_list("byyday", trp->byyday);
	print_list("bymonth", trp->bymonth);
	print_list("byweekno", trp->byweekno);
	return 0;
}

/* A signed list value resolved against a maximum: v, or max + 1 - v when negative. */
static int resolve(tr_byxxx_p b, int i, int max)
{
	return b->req[i] < 0 ? max + 1 - b->xxx[i] : b->xxx[i];
}

static int in_list(tr_byxxx_p b, int value, int max)
{
	int i;
	for (i = 0; i < b->nr; i++)
		if (resolve(b, i, max) == value)
			return 1;
	return 0;
}

/* Whether the local date y-m-d (month 1..12) carries an occurrence of trp. */
static int day_matches(tmrec_p trp, int y, int m, int d)
{
	long dayno = days_from_civil(y, m, d);
	int sy = trp->ts.tm_year + 1900, sm = trp->ts.tm_mon + 1, sd = trp->ts.tm_mday;
	long sdayno = days_from_civil(sy, sm, sd);
	int interval = trp->interval > 0 ? trp->interval : 1;
	int wd = weekday_of(dayno);
	int ndays = days_in_month(y, m);
	int nyear = is_leap_year(y) ? 366 : 365;
	int yday = (int)(dayno - days_from_civil(y, 1, 1)) + 1;
	int i, weeks, wk;

	switch (trp->freq) {
	case FREQ_DAILY:
		if ((dayno - sdayno) % interval)
			return 0;
		break;
	case FREQ_WEEKLY: {
		long mon = dayno - (wd + 6) % 7;
		long smon = sdayno - (weekday_of(sdayno) + 6) % 7;
		if (((mon - smon) / 7) % interval)
			return 0;
		break;
	}
	case FREQ_MONTHLY:
		if (((y * 12 + m) - (sy * 12 + sm)) % interval)
			return 0;
		break;
	case FREQ_YEARLY:
		if ((y - sy) % interval)
			return 0;
		break;
	default:
		return 0;
	}

	if (!trp->byday && !trp->bymday && !trp->byyday && !trp->bymonth && !trp->byweekno) {
		switch (trp->freq) {
		case FREQ_WEEKLY: return wd == weekday_of(sdayno);
		case FREQ_MONTHLY: return d == sd;
		case FREQ_YEARLY: return m == sm && d == sd;
		default: return 1;
		}
	}
	if (trp->bymonth && !in_list(trp->bymonth, m, 12))
		return 0;
	if (trp->bymday && !in_list(trp->bymday, d, ndays))
		return 0;
	if (trp->byyday && !in_list(trp->byyday, yday, nyear))
		return 0;
	if (trp->byweekno) {
		wk = iso_week(dayno, &weeks);
		if (!in_list(trp->byweekno, wk, weeks))
			return 0;
	}
	if (trp->byday) {
		int in_month = trp->freq == FREQ_MONTHLY ||
			(trp->freq == FREQ_YEARLY && trp->bymonth);
		int pos = in_month ? (d - 1) / 7 + 1 : (yday - 1) / 7 + 1;
		int neg = in_month ? (ndays - d) / 7 + 1 : (nyear - yday) / 7 + 1;
		int ok = 0;
		for (i = 0; i < trp->byday->nr && !ok; i++) {
			int ord = trp->byday->req[i];
			if (trp->byday->xxx[i] != wd)
				continue;
			if (ord == 0 || trp->freq == FREQ_WEEKLY || trp->freq == FREQ_DAILY)
				ok = 1;
			else if (ord > 0)
				ok = pos == ord;
			else
				ok = neg == -ord;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

int check_tmrec(tmrec_p trp, ac_tm_p atp, tr_res_p tsw)
{
	time_t now, dur, start;
	struct tm day;
	int back, nback;

	if (trp == NULL || atp == NULL)
		return REC_ERR;
	dur = trp->duration;
	if (dur <= 0) {
		if (trp->dtend <= 0)
			return REC_ERR;
		dur = trp->dtend - trp->dtstart;
		if (dur <= 0)
			return REC_ERR;
	}
	now = atp->time;
	if (now < trp->dtstart)
		return REC_NOMATCH;
	if (trp->freq == FREQ_NOFREQ) {
		if (now >= trp->dtstart + dur)
			return REC_NOMATCH;
		if (tsw) {
			tsw->flag |= TSW_RSET;
			tsw->rest = trp->dtstart + dur - now;
		}
		return REC_MATCH;
	}
	nback = (int)(dur / 86400) + 1;
	if (nback > MAX_LOOKBACK_DAYS)
		nback = MAX_LOOKBACK_DAYS;
	for (back = 0; back <= nback; back++) {
		memset(&day, 0, sizeof(day));
		day.tm_year = atp->t.tm_year;
		day.tm_mon = atp->t.tm_mon;
		day.tm_mday = atp->t.tm_mday - back;
		day.tm_hour = trp->ts.tm_hour;
		day.tm_min = trp->ts.tm_min;
		day.tm_sec = trp->ts.tm_sec;
		day.tm_isdst = -1;
		start = mktime(&day);     /* normalises day.tm_* to the real date */
		if (start == (time_t)-1 || start > now || now >= start + dur)
			continue;
		if (start < trp->dtstart || (trp->until > 0 && start > trp->until))
			continue;
		if (!day_matches(trp, day.tm_year + 1900, day.tm_mon + 1, day.tm_mday))
			continue;
		if (tsw) {
			tsw->flag |= TSW_RSET;
			tsw->rest = start + dur - now;
		}
		return REC_MATCH;
	}
	return REC_NOMATCH;
}
