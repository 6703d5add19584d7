/* sipbridge module SDK: a column name in the DB API (OpenSIPS 1.11 interface). */
#ifndef SB_SDK_DB_KEY_H
#define SB_SDK_DB_KEY_H

#include "../str.h"
#include "../ut.h"

/* Every key (column name) the API takes is a pointer to a counted string. */
typedef str *db_key_t;

#endif
