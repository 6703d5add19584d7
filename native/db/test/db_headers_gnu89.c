/* Built with -std=gnu89 -Wall -Wextra -Werror, as 1.11 builds modules: every DB API header
 * compiles on its own there. */
#include "../../../include/db/db.h"
#include "../../../include/db/db_ut.h"
#include "../../../include/db/db_query.h"
#include "../../../include/db/db_id.h"
#include "../../../include/db/db_pool.h"
#include "../../../include/db/db_insertq.h"
#include "../../../include/db/db_threshold.h"
#include "../../../include/cachedb/cachedb.h"
#include "../../../include/cachedb/cachedb_cap.h"

int sb_db_headers_gnu89(void);
int sb_db_headers_gnu89(void)
{
	db_func_t f;
	db_val_t v;
	struct timeval t;

	memset(&f, 0, sizeof(f));
	VAL_TYPE(&v) = DB_INT;
	VAL_INT(&v) = 1;
	start_expire_timer(t, 0);
	return DB_CAPABILITY(f, DB_CAP_QUERY) + VAL_INT(&v);
}
