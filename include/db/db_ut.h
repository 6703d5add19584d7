/* sipbridge module SDK: conversions and SQL text helpers for C DB drivers
 * (OpenSIPS 1.11 interface). */
#ifndef SB_SDK_DB_UT_H
#define SB_SDK_DB_UT_H

#include <time.h>
#include "db_key.h"
#include "db.h"

/* Size of the statement buffer of db_do_query & co. */
#define SQL_BUF_LEN 65536

/* Text to number: 0, -1 out of range/bad argument, -2 trailing characters. */
int db_str2int(const char *_s, int *_v);
int db_str2bigint(const char *_s, long long *_v);
int db_str2double(const char *_s, double *_v);
/* Number to text in _s (capacity *_l): 0 and *_l set to the length, or -1. */
int db_int2str(int _v, char *_s, int *_l);
int db_bigint2str(long long _v, char *_s, int *_l);
int db_double2str(double _v, char *_s, int *_l);
/* time_t <-> "YYYY-MM-DD HH:MM:SS" in local time; db_time2str quotes it ('...'). */
int db_time2str(time_t _v, char *_s, int *_l);
int db_str2time(const char *_s, time_t *_v);
int db_time2str_nq(time_t _v, char *_s, int *_l);

/* Pieces of SQL into _b (capacity _l): their length, or -1. val2str writes one value in
 * the driver's syntax. With a prepared statement on the handle, values print as '?'. */
int db_print_columns(char *_b, const int _l, const db_key_t *_c, const int _n);
int db_print_values(const db_con_t *_c, char *_b, const int _l, const db_val_t *_v,
		const int _n, int (*val2str)(const db_con_t *, const db_val_t *, char *, int *));
int db_print_where(const db_con_t *_c, char *_b, const int _l, const db_key_t *_k,
		const db_op_t *_o, const db_val_t *_v, const int _n,
		int (*val2str)(const db_con_t *, const db_val_t *, char *, int *));
int db_print_set(const db_con_t *_c, char *_b, const int _l, const db_key_t *_k,
		const db_val_t *_v, const int _n,
		int (*val2str)(const db_con_t *, const db_val_t *, char *, int *));

#endif
