/* sipbridge module SDK: a DB query result (OpenSIPS 1.11 interface).
 * Results are pkg memory of the thread that asked; dbf.free_result releases them. */
#ifndef SB_SDK_DB_RES_H
#define SB_SDK_DB_RES_H

#include "db_key.h"
#include "db_val.h"

struct db_row;

typedef struct db_res {
	struct {
		db_key_t *names;   /* column names */
		db_type_t *types;  /* column types */
		int n;             /* number of columns */
	} col;
	struct db_row *rows;   /* the rows of this fetch */
	int n;                 /* rows in this fetch */
	int res_rows;          /* rows of the whole query, when the driver knows */
	int last_row;          /* rows handed out so far by fetches */
} db_res_t;

#define RES_NAMES(re)     ((re)->col.names)
#define RES_TYPES(re)     ((re)->col.types)
#define RES_COL_N(re)     ((re)->col.n)
#define RES_ROWS(re)      ((re)->rows)
#define RES_ROW_N(re)     ((re)->n)
#define RES_LAST_ROW(re)  ((re)->last_row)
#define RES_NUM_ROWS(re)  ((re)->res_rows)

/* Helpers drivers build results with. Column block: names (str* each pointing into the
 * same block), then the str records, then the types; one pkg block. Rows block: the
 * db_row_t array followed by every row's values, zeroed; one pkg block. */
db_res_t *db_new_result(void);
int db_allocate_columns(db_res_t *_r, const unsigned int cols);
int db_allocate_rows(db_res_t *_res, const unsigned int rows);
int db_free_rows(db_res_t *_r);
int db_free_columns(db_res_t *_r);
int db_free_result(db_res_t *_r);

#endif
