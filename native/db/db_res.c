/* Results and rows of the DB API, in the block layout of include/db/db_res.h. */
#include <string.h>
#include "db_sdk.h"

db_res_t *db_new_result(void)
{
	db_res_t *r = pkg_malloc(sizeof(db_res_t));

	if (r == NULL) {
		LM_ERR("no pkg memory for a DB result\n");
		return NULL;
	}
	memset(r, 0, sizeof(*r));
	return r;
}

int db_allocate_columns(db_res_t *_r, const unsigned int cols)
{
	unsigned int i;
	str *names;

	if (_r == NULL)
		return -1;
	RES_NAMES(_r) = pkg_malloc(cols * (sizeof(db_key_t) + sizeof(str) + sizeof(db_type_t)));
	if (RES_NAMES(_r) == NULL) {
		LM_ERR("no pkg memory for %u result columns\n", cols);
		return -1;
	}
	names = (str *)(RES_NAMES(_r) + cols);
	for (i = 0; i < cols; i++)
		RES_NAMES(_r)[i] = names + i;
	RES_TYPES(_r) = (db_type_t *)(names + cols);
	return 0;
}

int db_allocate_rows(db_res_t *_res, const unsigned int rows)
{
	size_t size;
	unsigned int i;
	db_val_t *values;

	if (_res == NULL)
		return -1;
	size = rows * (sizeof(db_row_t) + sizeof(db_val_t) * RES_COL_N(_res));
	RES_ROWS(_res) = pkg_malloc(size ? size : 1);
	if (RES_ROWS(_res) == NULL) {
		LM_ERR("no pkg memory for %u result rows\n", rows);
		return -1;
	}
	memset(RES_ROWS(_res), 0, size);
	values = (db_val_t *)(RES_ROWS(_res) + rows);
	for (i = 0; i < rows; i++)
		ROW_VALUES(&RES_ROWS(_res)[i]) = values + (size_t)RES_COL_N(_res) * i;
	return 0;
}

int db_free_row(db_row_t *_r)
{
	int i;
	db_val_t *v;

	if (_r == NULL) {
		LM_ERR("db_free_row: NULL row\n");
		return -1;
	}
	for (i = 0; i < ROW_N(_r) && ROW_VALUES(_r) != NULL; i++) {
		v = &ROW_VALUES(_r)[i];
		if (VAL_NULL(v) || !VAL_FREE(v))
			continue;
		switch (VAL_TYPE(v)) {
		case DB_STRING:
			pkg_free((char *)VAL_STRING(v));
			VAL_STRING(v) = NULL;
			break;
		case DB_STR:
			pkg_free(VAL_STR(v).s);
			VAL_STR(v).s = NULL;
			break;
		case DB_BLOB:
			pkg_free(VAL_BLOB(v).s);
			VAL_BLOB(v).s = NULL;
			break;
		default:
			break;
		}
	}
	ROW_VALUES(_r) = NULL;
	return 0;
}

int db_free_rows(db_res_t *_r)
{
	int i;

	if (_r == NULL) {
		LM_ERR("db_free_rows: NULL result\n");
		return -1;
	}
	if (RES_ROWS(_r) != NULL) {
		for (i = 0; i < RES_ROW_N(_r); i++)
			db_free_row(&RES_ROWS(_r)[i]);
		pkg_free(RES_ROWS(_r));
		RES_ROWS(_r) = NULL;
	}
	RES_ROW_N(_r) = 0;
	return 0;
}

int db_free_columns(db_res_t *_r)
{
	if (_r == NULL) {
		LM_ERR("db_free_columns: NULL result\n");
		return -1;
	}
	if (RES_NAMES(_r) != NULL) {
		pkg_free(RES_NAMES(_r));   /* the types live in the same block */
		RES_NAMES(_r) = NULL;
		RES_TYPES(_r) = NULL;
	}
	return 0;
}

int db_free_result(db_res_t *_r)
{
	if (_r == NULL) {
		LM_ERR("db_free_result: NULL result\n");
		return -1;
	}
	db_free_columns(_r);
	db_free_rows(_r);
	pkg_free(_r);
	return 0;
}
