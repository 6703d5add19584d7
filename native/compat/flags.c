/* Named flags (include/flags.h): one registry per kind, shared by the script (through
 * sb_flag_id, called by the Java script compiler) and modules (get_flag_id_by_name).
 * Filled at start-up under a mutex; the arrays are only appended to, so readers on worker
 * threads see entries that are complete before their count was raised. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "sb_compat.h"

#pragma GCC visibility push(default)
#include "../../include/flags.h"
#pragma GCC visibility pop

#define SB_FLAG_NAME_MAX 64

struct sb_flag_list {
	char names[MAX_FLAG + 1][SB_FLAG_NAME_MAX];
	int lens[MAX_FLAG + 1];
	volatile int count;
};

static struct sb_flag_list sb_flags[FLAG_LIST_COUNT];
static pthread_mutex_t sb_flags_lock = PTHREAD_MUTEX_INITIALIZER;
/* a pointer, not the buffer: the core uses initial-exec TLS, whose static block is small;
 * allocated on a thread's first use and kept for the thread's life */
static __thread char *sb_flag_print;
static __thread unsigned int sb_sflags;

int flag_in_range(flag_t flag)
{
	if (flag > MAX_FLAG) {
		LM_ERR("message flag (%u) must be in range 0..%u\n", flag, MAX_FLAG);
		return 0;
	}
	return 1;
}

int setflag(struct sip_msg *msg, flag_t flag)
{
	msg->flags |= 1u << flag;
	return 1;
}

int resetflag(struct sip_msg *msg, flag_t flag)
{
	msg->flags &= ~(1u << flag);
	return 1;
}

int isflagset(struct sip_msg *msg, flag_t flag)
{
	return (msg->flags & (1u << flag)) ? 1 : -1;
}

int flag_idx2mask(int *flag)
{
	if (*flag < 0) {
		*flag = 0;
		return 0;
	}
	if (*flag > (int)MAX_FLAG) {
		LM_ERR("flag %d out of range\n", *flag);
		return -1;
	}
	*flag = 1 << *flag;
	return 0;
}

static int sb_flag_find(struct sb_flag_list *l, const char *name, int len)
{
	int i, n = l->count;

	for (i = 0; i < n; i++)
		if (l->lens[i] == len && memcmp(l->names[i], name, len) == 0)
			return i;
	return -1;
}

static int sb_flag_id(int type, const char *name, int len)
{
	struct sb_flag_list *l;
	int bit;

	if (type < 0 || type >= FLAG_LIST_COUNT) {
		LM_ERR("unknown flag kind %d\n", type);
		return -2;
	}
	if (len >= SB_FLAG_NAME_MAX) {
		LM_ERR("flag name '%.*s' is longer than %d characters\n", len, name, SB_FLAG_NAME_MAX - 1);
		return -2;
	}
	l = &sb_flags[type];
	pthread_mutex_lock(&sb_flags_lock);
	bit = sb_flag_find(l, name, len);
	if (bit < 0) {
		if (l->count > (int)MAX_FLAG) {
			pthread_mutex_unlock(&sb_flags_lock);
			LM_CRIT("no bit left for flag '%.*s': all %u flags of this kind are named\n",
				len, name, MAX_FLAG + 1);
			return E_CFG;
		}
		bit = l->count;
		memcpy(l->names[bit], name, len);
		l->names[bit][len] = 0;
		l->lens[bit] = len;
		__atomic_store_n(&l->count, bit + 1, __ATOMIC_RELEASE);
		LM_DBG("flag '%.*s' of kind %d is bit %d\n", len, name, type, bit);
	}
	pthread_mutex_unlock(&sb_flags_lock);
	return bit;
}

int get_flag_id_by_name(int flag_type, char *flag_name)
{
	int len;

	if (!flag_name) {
		LM_DBG("no flag name\n");
		return -1;
	}
	len = strlen(flag_name);
	if (len == 0) {
		LM_WARN("empty flag name (a module parameter left empty?)\n");
		return -1;
	}
	return sb_flag_id(flag_type, flag_name, len);
}

unsigned int fixup_flag(int flag_type, str *flag_name)
{
	int bit;

	if (!flag_name || !flag_name->s || flag_name->len <= 0) {
		LM_CRIT("no flag name\n");
		return NAMED_FLAG_ERROR;
	}
	bit = sb_flag_id(flag_type, flag_name->s, flag_name->len);
	if (bit < 0) {
		LM_CRIT("no bit for flag '%.*s'\n", flag_name->len, flag_name->s);
		return NAMED_FLAG_ERROR;
	}
	return flag_type == FLAG_TYPE_MSG ? (unsigned int)bit : 1u << bit;
}

str bitmask_to_flag_list(enum flag_type type, int bitmask)
{
	str ret = { NULL, 0 };
	struct sb_flag_list *l;
	int i, n;

	if (!sb_flag_print && !(sb_flag_print = malloc(PRINT_BUFFER_SIZE))) {
		LM_ERR("no memory for the flag list\n");
		return ret;
	}
	ret.s = sb_flag_print;
	if ((int)type < 0 || type >= FLAG_LIST_COUNT)
		return ret;
	l = &sb_flags[type];
	n = __atomic_load_n(&l->count, __ATOMIC_ACQUIRE);
	/* newest name first, as 1.11's list (names are pushed at its head) prints them */
	for (i = n - 1; i >= 0; i--) {
		if (!(bitmask & (1 << i)))
			continue;
		if (ret.len + l->lens[i] + 1 > PRINT_BUFFER_SIZE)
			break;
		memcpy(ret.s + ret.len, l->names[i], l->lens[i]);
		ret.len += l->lens[i];
		ret.s[ret.len++] = FLAG_DELIM;
	}
	if (ret.len > 0)
		ret.len--;
	return ret;
}

int flag_list_to_bitmask(str *flags, enum flag_type type, char delim)
{
	struct sb_flag_list *l;
	char *p, *lim, *start;
	int mask = 0, bit;

	if (!flags || !flags->s || flags->len <= 0 || (int)type < 0 || type >= FLAG_LIST_COUNT)
		return 0;
	l = &sb_flags[type];
	lim = flags->s + flags->len;
	start = flags->s;
	for (p = flags->s; p <= lim; p++) {
		if (p < lim && *p != delim)
			continue;
		bit = sb_flag_find(l, start, (int)(p - start));
		if (bit >= 0)
			mask |= 1 << bit;
		start = p + 1;
	}
	return mask;
}

int setsflagsval(unsigned int val)
{
	sb_sflags = val;
	return 1;
}

int setsflag(unsigned int mask)
{
	sb_sflags |= mask;
	return 1;
}

int resetsflag(unsigned int mask)
{
	sb_sflags &= ~mask;
	return 1;
}

int issflagset(unsigned int mask)
{
	return (sb_sflags & mask) ? 1 : -1;
}

unsigned int getsflags(void)
{
	return sb_sflags;
}

/* ---- for the Java core ---------------------------------------------------------------- */

/* the bit of a name (registered on first use), as get_flag_id_by_name */
SB_JAVA_API int sb_flag_id_java(int type, const char *name)
{
	return name ? sb_flag_id(type, name, strlen(name)) : -1;
}

/* the name of a bit, or NULL */
SB_JAVA_API const char *sb_flag_name(int type, int bit)
{
	if (type < 0 || type >= FLAG_LIST_COUNT || bit < 0
			|| bit >= __atomic_load_n(&sb_flags[type].count, __ATOMIC_ACQUIRE))
		return NULL;
	return sb_flags[type].names[bit];
}

/* forgets every name: a new configuration is being compiled */
SB_JAVA_API void sb_flags_reset(void)
{
	int t;

	pthread_mutex_lock(&sb_flags_lock);
	for (t = 0; t < FLAG_LIST_COUNT; t++)
		__atomic_store_n(&sb_flags[t].count, 0, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&sb_flags_lock);
}
