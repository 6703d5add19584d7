/* sipbridge module SDK: one row of a DB result (OpenSIPS 1.11 interface). */
#ifndef SB_SDK_DB_ROW_H
#define SB_SDK_DB_ROW_H

#include "db_val.h"

typedef struct db_row {
	db_val_t *values;  /* n values, in the result's column order */
	int n;
} db_row_t;

#define ROW_VALUES(rw)  ((rw)->values)
#define ROW_N(rw)       ((rw)->n)

/* Frees the pkg strings of the row's values that carry VAL_FREE and forgets the values
 * array (which belongs to the rows block of db_allocate_rows). 0, or -1 for NULL. */
int db_free_row(db_row_t *_r);

#endif
