/* sipbridge module SDK: time recurrences (OpenSIPS 1.11 time_rec.h), RFC 2445 style:
 * "dtstart|dtend|duration|freq|until|interval|byday|bymday|byyday|byweekno|bymonth".
 *
 *   tmrec_p tr = tmrec_new(PKG_ALLOC);
 *   tr_parse_dtstart(tr, "20140303T090000"); tr_parse_duration(tr, "PT8H");
 *   tr_parse_freq(tr, "weekly"); tr_parse_byday(tr, "MO,TU,WE,TH,FR");
 *   ac_tm_t now; ac_tm_set_time(&now, time(NULL));
 *   if (check_tmrec(tr, &now, NULL) == 0) ... in the interval
 *   tmrec_free(tr);
 *
 * Times are local time (localtime/mktime), as in OpenSIPS 1.11. */
#ifndef SB_SDK_TIME_REC_H
#define SB_SDK_TIME_REC_H

#include <string.h>
#include <time.h>
#include "dprint.h"

/* Weeks of the year are counted Monday-first (strftime %W) unless one of these is set. */
#ifndef USE_YWEEK_U
# ifndef USE_YWEEK_V
#  ifndef USE_YWEEK_W
#   define USE_YWEEK_W
#  endif
# endif
#endif

#define FREQ_NOFREQ  0
#define FREQ_YEARLY  1
#define FREQ_MONTHLY 2
#define FREQ_WEEKLY  3
#define FREQ_DAILY   4

#define WDAY_SU 0
#define WDAY_MO 1
#define WDAY_TU 2
#define WDAY_WE 3
#define WDAY_TH 4
#define WDAY_FR 5
#define WDAY_SA 6
#define WDAY_NU 7

/* tr_res_t.flag bits */
#define TSW_TSET 1
#define TSW_RSET 2

/* The allocation argument of tmrec_new / tr_byxxx_new. */
#define SHM_ALLOC 0
#define PKG_ALLOC 1

/* check_tmrec results */
#define REC_ERR    -1
#define REC_MATCH   0
#define REC_NOMATCH 1

#define is_leap_year(yyyy) ((((yyyy) % 400)) ? (((yyyy) % 100) ? (((yyyy) % 4) ? 0 : 1) : 0) : 1)

#define TR_SEPARATOR '|'

/* Parses the next '|'-separated field of _p with _func(_tr, field): an empty field is
 * skipped, a failing one jumps to _err, the end of the input jumps to _done. _s is a
 * char* scratch variable; the separator is restored. */
#define load_TR_value(_p, _s, _tr, _func, _err, _done) \
	do { \
		_s = strchr(_p, (int)TR_SEPARATOR); \
		if (_s) \
			*_s = 0; \
		if (_s != _p) { \
			if (_func(_tr, _p)) { \
				if (_s) \
					*_s = TR_SEPARATOR; \
				goto _err; \
			} \
		} \
		if (_s) { \
			*_s = TR_SEPARATOR; \
			_p = _s + 1; \
			if (*(_p) == 0) \
				goto _done; \
		} else { \
			goto _done; \
		} \
	} while (0)

typedef struct _ac_maxval {
	int yweek;   /* weeks in the year */
	int yday;    /* days in the year */
	int ywday;   /* occurrences of this weekday in the year */
	int mweek;   /* weeks in the month */
	int mday;    /* days in the month */
	int mwday;   /* occurrences of this weekday in the month */
} ac_maxval_t, *ac_maxval_p;

/* A point in time, broken down. */
typedef struct _ac_tm {
	time_t time;
	struct tm t;
	int mweek;   /* week of the month, from 0 */
	int yweek;   /* week of the year, from 0 */
	int ywday;   /* n-th such weekday of the year, from 0 */
	int mwday;   /* n-th such weekday of the month, from 0 */
	char flags;
} ac_tm_t, *ac_tm_p;

/* A BYxxx list: nr values in xxx; for BYDAY xxx is the weekday and req the signed
 * ordinal (0 for "every"), for the others xxx is the absolute value and req its sign. */
typedef struct _tr_byxxx {
	int nr;
	int *xxx;
	int *req;
	char flags;  /* SHM_ALLOC or PKG_ALLOC */
} tr_byxxx_t, *tr_byxxx_p;

typedef struct _tmrec {
	time_t dtstart;
	struct tm ts;      /* dtstart, broken down */
	time_t dtend;
	time_t duration;
	time_t until;
	int freq;
	int interval;
	tr_byxxx_p byday;
	tr_byxxx_p bymday;
	tr_byxxx_p byyday;
	tr_byxxx_p bymonth;
	tr_byxxx_p byweekno;
	int wkst;
	char flags;        /* SHM_ALLOC or PKG_ALLOC */
} tmrec_t, *tmrec_p;

/* What check_tmrec found beyond match/no match: rest = seconds left in the interval. */
typedef struct _tr_res {
	int flag;
	time_t rest;
} tr_res_t, *tr_res_p;

int ac_tm_set_time(ac_tm_p atp, time_t t);
int ac_tm_reset(ac_tm_p atp);
int ac_get_mweek(struct tm *tm);
int ac_get_yweek(struct tm *tm);
int ac_get_wkst(void);
int ac_print(ac_tm_p atp);

/* NULL when out of memory. */
tr_byxxx_p tr_byxxx_new(char alloc);
/* Room for nr values: 0, or -1. */
int tr_byxxx_init(tr_byxxx_p bxp, int nr);
int tr_byxxx_free(tr_byxxx_p bxp);

/* An empty recurrence (every time field unset). NULL when out of memory. */
tmrec_p tmrec_new(char alloc);
int tmrec_free(tmrec_p trp);

/* Field parsers: 0, or -1 on a bad value. */
int tr_parse_dtstart(tmrec_p trp, char *in);   /* 20140303T090000 */
int tr_parse_dtend(tmrec_p trp, char *in);
int tr_parse_duration(tmrec_p trp, char *in);  /* P1D, PT8H30M, P2W */
int tr_parse_until(tmrec_p trp, char *in);
int tr_parse_freq(tmrec_p trp, char *in);      /* daily, weekly, monthly, yearly */
int tr_parse_interval(tmrec_p trp, char *in);
int tr_parse_byday(tmrec_p trp, char *in);     /* MO,TU or 1MO,-1FR */
int tr_parse_bymday(tmrec_p trp, char *in);    /* 1,15,-1 */
int tr_parse_byyday(tmrec_p trp, char *in);
int tr_parse_bymonth(tmrec_p trp, char *in);
int tr_parse_byweekno(tmrec_p trp, char *in);
int tr_parse_wkst(tmrec_p trp, char *in);

int tr_print(tmrec_p trp);
/* (time_t)-1 on a bad value. */
time_t ic_parse_datetime(char *in, struct tm *tm);
time_t ic_parse_duration(char *in);
tr_byxxx_p ic_parse_byday(char *in, char alloc);
tr_byxxx_p ic_parse_byxxx(char *in, char alloc);
int ic_parse_wkst(char *in);

/* REC_MATCH (0) when atp falls in an occurrence of trp, REC_NOMATCH (1) when not,
 * REC_ERR (-1) when trp has neither a duration nor an end. tsw may be NULL. */
int check_tmrec(tmrec_p trp, ac_tm_p atp, tr_res_p tsw);

#endif
