/*
 * sipbridge SDK: named flags, as OpenSIPS 1.11 modules use them.
 *
 * A flag is a bit of a 32-bit mask. Scripts and modules name flags ("ACC_DO", or a
 * number written as text, "1"); the core keeps one registry per kind of flag and gives
 * a name its bit the first time anyone asks for it (get_flag_id_by_name), so the same
 * name means the same bit in the script (setflag(ACC_DO)) and in a module parameter
 * (modparam("acc", "log_flag", "ACC_DO")). Bits are handed out 0, 1, 2... in order of
 * first use; at most 32 names per kind.
 *
 * The registry is the core's: names are copied, callers keep their strings. It is filled
 * while the server starts (modparam, mod_init, fixups) and read afterwards.
 * bitmask_to_flag_list() returns a buffer of the calling thread, valid until its next call.
 */
#ifndef SB_SDK_FLAGS_H
#define SB_SDK_FLAGS_H

#include <limits.h>
#include "str.h"

typedef unsigned int flag_t;

/* the highest bit number of a flag_t */
#define MAX_FLAG            ((unsigned int)(sizeof(flag_t) * CHAR_BIT - 1))
#define PRINT_BUFFER_SIZE   2048
/* what fixup_flag() returns when no bit could be had */
#define NAMED_FLAG_ERROR    33
/* separator of the names in flag lists */
#define FLAG_DELIM          ' '

struct sip_msg;

/* A module parameter given as a number rather than a name: the number's text becomes the
 * name (with a warning, as 1.11 deprecates numeric flags). _s is a char* left NULL when
 * the parameter was not a string; int2str comes from ut.h. */
#define fix_flag_name(_s, _flag) \
	do { \
		if (!(_s) && (int)(_flag) > 0) { \
			LM_WARN("Integer flags are now deprecated! Use unique quoted strings!\n"); \
			(_s) = int2str((unsigned long)(_flag), NULL); \
		} \
	} while (0)

/* the registries */
enum flag_type {
	FLAG_TYPE_MSG = 0,   /* msg->flags: setflag() */
	FLAG_TYPE_SCRIPT,    /* script flags: setsflag() */
	FLAG_TYPE_BRANCH,    /* branch flags: setbflag() */
	FLAG_LIST_COUNT,
};

/* one registered name (the shape 1.11 exposes; the core's list is read-only to modules) */
struct flag_entry {
	str name;
	int bit;
	struct flag_entry *next;
};

/* 1 when flag is a valid bit number (0..MAX_FLAG), else 0 (logged) */
int flag_in_range(flag_t flag);

/* msg->flags by bit number; setflag/resetflag return 1, isflagset 1 or -1 */
int setflag(struct sip_msg *msg, flag_t flag);
int resetflag(struct sip_msg *msg, flag_t flag);
int isflagset(struct sip_msg *msg, flag_t flag);

/* bit number -> mask in place (negative: 0); -1 when out of range */
int flag_idx2mask(int *flag);

/* the names of the bits set in bitmask, separated by FLAG_DELIM (thread's buffer) */
str bitmask_to_flag_list(enum flag_type type, int bitmask);

/* the mask of the names in flags (separated by delim); unknown names add nothing */
int flag_list_to_bitmask(str *flags, enum flag_type type, char delim);

/* the bit of a name, registering it on first use; -1 for a NULL or empty name, a negative
 * error when the kind is unknown or its 32 bits are taken */
int get_flag_id_by_name(int flag_type, char *flag_name);

/* get_flag_id_by_name for a str name: the bit number for FLAG_TYPE_MSG, the mask
 * (1 << bit) for the other kinds; NAMED_FLAG_ERROR on failure */
unsigned int fixup_flag(int flag_type, str *flag_name);

/* script flags: one mask per worker thread (per process in OpenSIPS) */
int setsflagsval(unsigned int val);
int setsflag(unsigned int mask);
int resetsflag(unsigned int mask);
int issflagset(unsigned int mask);
unsigned int getsflags(void);

#endif
