/* sipbridge module SDK: capabilities of a DB driver (OpenSIPS 1.11 interface).
 * db_bind_mod sets a bit for every function the driver provides. */
#ifndef SB_SDK_DB_CAP_H
#define SB_SDK_DB_CAP_H

typedef enum db_cap {
	DB_CAP_QUERY            = 1 << 0,
	DB_CAP_RAW_QUERY        = 1 << 1,
	DB_CAP_INSERT           = 1 << 2,
	DB_CAP_DELETE           = 1 << 3,
	DB_CAP_UPDATE           = 1 << 4,
	DB_CAP_REPLACE          = 1 << 5,
	DB_CAP_FETCH            = 1 << 6,
	DB_CAP_LAST_INSERTED_ID = 1 << 7,
	DB_CAP_INSERT_UPDATE    = 1 << 8,
	DB_CAP_MULTIPLE_INSERT  = 1 << 9   /* several rows in one insert (insert queues) */
} db_cap_t;

#define DB_CAP_ALL (DB_CAP_QUERY | DB_CAP_INSERT | DB_CAP_DELETE | DB_CAP_UPDATE)

/* True when the bound functions dbf (a db_func_t, not a pointer) have every bit of cpv. */
#define DB_CAPABILITY(dbf, cpv) (((dbf).cap & (cpv)) == (cpv))

#endif
