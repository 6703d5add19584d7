/* sipbridge module SDK: a parsed DB URL (OpenSIPS 1.11 interface):
 * scheme://[user[:password]@]host[:port]/database. Every string is a pkg copy. */
#ifndef SB_SDK_DB_ID_H
#define SB_SDK_DB_ID_H

#include "../str.h"

struct db_id {
	char *scheme;
	char *username;     /* NULL when absent */
	char *password;     /* NULL when absent */
	char *host;
	unsigned short port; /* 0 when absent */
	char *database;
};

/* Parses url into a new pkg db_id; NULL (logged) when malformed. */
struct db_id *new_db_id(const str *url);
/* 1 when both identify the same database with the same credentials, else 0. */
unsigned char cmp_db_id(const struct db_id *id1, const struct db_id *id2);
void free_db_id(struct db_id *id);

#endif
