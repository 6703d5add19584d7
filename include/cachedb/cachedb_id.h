/* sipbridge module SDK: a parsed cachedb URL (OpenSIPS 1.11 interface):
 *   scheme[:group]://[user[:password]@]host[:port][,host[:port]...]/[database]
 * or only "scheme://" (an engine in the server's own memory: CACHEDB_ID_NO_URL). With
 * several hosts, host holds the whole list and port is 0. Strings are pkg copies. */
#ifndef SB_SDK_CACHEDB_ID_H
#define SB_SDK_CACHEDB_ID_H

#include "../str.h"

struct cachedb_id {
	char *scheme;
	char *group_name;     /* NULL when absent */
	char *username;
	char *password;
	char *host;
	unsigned short port;
	char *database;       /* NULL when absent */
	int flags;            /* CACHEDB_ID_* */
};

#define CACHEDB_ID_NO_URL          (1 << 0)
#define CACHEDB_ID_MULTIPLE_HOSTS  (1 << 1)

struct cachedb_id *new_cachedb_id(const str *url);
/* 1 when both identify the same server, group and credentials, else 0. */
int cmp_cachedb_id(struct cachedb_id *id1, struct cachedb_id *id2);
void free_cachedb_id(struct cachedb_id *id);

#endif
