/* sipbridge module SDK: typed values of the DB API (OpenSIPS 1.11 interface).
 *
 * In a result, string/blob values belong to the result: they stay valid until
 * dbf.free_result (or the next fetch_result on it); copy what you keep. In a value a
 * module passes in, the module owns the memory; the driver only reads it during the call. */
#ifndef SB_SDK_DB_VAL_H
#define SB_SDK_DB_VAL_H

#include <time.h>
#include <stdint.h>
#include "../str.h"

typedef enum {
	DB_INT,       /* 32-bit signed integer */
	DB_BIGINT,    /* 64-bit signed integer */
	DB_DOUBLE,    /* double */
	DB_STRING,    /* NUL-terminated char* */
	DB_STR,       /* counted str */
	DB_DATETIME,  /* time_t, seconds since the epoch */
	DB_BLOB,      /* counted bytes, any content */
	DB_BITMAP     /* 32 flags in an unsigned int */
} db_type_t;

typedef struct {
	db_type_t type;
	int nul;    /* non-zero: SQL NULL, the union is meaningless */
	int free;   /* non-zero: a string/str/blob the row owns (db_free_row frees it) */
	union {
		int int_val;
		long long bigint_val;
		double double_val;
		time_t time_val;
		const char *string_val;
		str str_val;
		str blob_val;
		unsigned int bitmap_val;
	} val;
} db_val_t;

#define VAL_TYPE(dv)    ((dv)->type)
#define VAL_NULL(dv)    ((dv)->nul)
#define VAL_FREE(dv)    ((dv)->free)
#define VAL_INT(dv)     ((dv)->val.int_val)
#define VAL_BIGINT(dv)  ((dv)->val.bigint_val)
#define VAL_DOUBLE(dv)  ((dv)->val.double_val)
#define VAL_TIME(dv)    ((dv)->val.time_val)
#define VAL_STRING(dv)  ((dv)->val.string_val)
#define VAL_STR(dv)     ((dv)->val.str_val)
#define VAL_BLOB(dv)    ((dv)->val.blob_val)
#define VAL_BITMAP(dv)  ((dv)->val.bitmap_val)

/* Reads a string-typed column value (DB_STRING or DB_STR) into the str _str; NULL gives
 * {NULL, 0} unless _not_null, an empty value is refused when _not_empty; any refusal or
 * another type logs and jumps to _error_label. The str points into the value. */
#define get_str_from_dbval(_col_name, _val, _not_null, _not_empty, _str, _error_label) \
	do { \
		if ((_val)->nul) { \
			if (_not_null) { \
				LM_ERR("value in column %s cannot be null\n", _col_name); \
				goto _error_label; \
			} \
			_str.s = NULL; _str.len = 0; \
		} \
		if ((_val)->type == DB_STRING) { \
			if (VAL_STRING(_val) == NULL || *(VAL_STRING(_val)) == 0) { \
				if (_not_empty) { \
					LM_ERR("value in column %s cannot be empty\n", _col_name); \
					goto _error_label; \
				} \
				_str.s = (char *)VAL_STRING(_val); _str.len = 0; \
			} else { \
				_str.s = (char *)VAL_STRING(_val); _str.len = strlen(_str.s); \
			} \
		} else if ((_val)->type == DB_STR) { \
			if ((VAL_STR(_val).s == NULL || VAL_STR(_val).len == 0) && (_not_empty)) { \
				LM_ERR("value in column %s cannot be empty\n", _col_name); \
				goto _error_label; \
			} \
			_str = VAL_STR(_val); \
		} else { \
			LM_ERR("column %s does not have a string type (found %d)\n", \
				_col_name, (_val)->type); \
			goto _error_label; \
		} \
	} while (0)

#endif
