/* sipbridge module SDK: comparison operators of the DB API (OpenSIPS 1.11 interface).
 * A NULL operator array means "=" for every key. */
#ifndef SB_SDK_DB_OP_H
#define SB_SDK_DB_OP_H

#define OP_LT  "<"
#define OP_GT  ">"
#define OP_EQ  "="
#define OP_LEQ "<="
#define OP_GEQ ">="
#define OP_NEQ "!="

typedef const char *db_op_t;

#endif
