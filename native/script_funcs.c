/* route.h's is_script_func_used: which module functions the configuration's routes call.
 * The script compiler records every call it bound (name and parameter count) before
 * mod_init, so uac and avpops can set up only what the script uses, as in 1.11. Written
 * on the starting thread, read by mod_init on the same thread. */
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"

struct used_func {
	char *name;
	int param_no;
};

static struct used_func *used;
static int used_count, used_room;
static pthread_mutex_t used_lock = PTHREAD_MUTEX_INITIALIZER;

/* forgets the previous configuration's calls */
SB_JAVA_API void sb_script_funcs_reset(void)
{
	int i;
	pthread_mutex_lock(&used_lock);
	for (i = 0; i < used_count; i++)
		free(used[i].name);
	used_count = 0;
	pthread_mutex_unlock(&used_lock);
}

/* one call of the script: 0, or -1 (bad argument, no memory) */
SB_JAVA_API int sb_script_funcs_add(const char *name, int param_no)
{
	int r = -1;
	if (name == NULL || *name == 0 || param_no < 0)
		return -1;
	pthread_mutex_lock(&used_lock);
	if (used_count == used_room) {
		int room = used_room ? used_room * 2 : 32;
		struct used_func *n = realloc(used, (size_t)room * sizeof(*n));
		if (n == NULL)
			goto out;
		used = n;
		used_room = room;
	}
	used[used_count].name = strdup(name);
	if (used[used_count].name == NULL)
		goto out;
	used[used_count].param_no = param_no;
	used_count++;
	r = 0;
out:
	pthread_mutex_unlock(&used_lock);
	return r;
}

int is_script_func_used(char *name, int param_no)
{
	int i, found = 0;
	if (name == NULL)
		return 0;
	pthread_mutex_lock(&used_lock);
	for (i = 0; i < used_count && !found; i++)
		found = strcmp(used[i].name, name) == 0 && (param_no < 0 || used[i].param_no == param_no);
	pthread_mutex_unlock(&used_lock);
	return found;
}
