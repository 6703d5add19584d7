/* sipbridge module SDK: AVPs (OpenSIPS 1.11 usr_avp.h).
 *
 * The AVPs of the message being processed live in the Java script engine (the store
 * behind $avp(name)); these functions read and change that same store, so a value C adds
 * is $avp(name) in the script and the other way round. A name's id is its $avp slot
 * (get_avp_id / parse_avp_spec give the id of a name, creating it when new).
 *
 * search_first_avp / search_next_avp / search_index_avp return a record describing one
 * value (newest first, as 1.11 adds at the head): id, flags (AVP_VAL_STR for strings) and
 * the value as the search returned it. The records belong to the calling thread and are
 * reused after 16 further searches on it; destroy_avp(avp) removes the value a record
 * describes. With no message being processed on the thread (mod_init, a timer) there are
 * no AVPs: searches find nothing and additions fail, until a module makes a list current.
 *
 * Lists (1.11's tm keeps one per transaction and branch): the first set_avp_list or
 * get_avp_list on a thread moves the message's $avp values into the thread's own list and
 * makes the C lists the $avp store until the message (or timer handler) ends: every
 * function here, and the script's $avp, then works on the current head. Records are then
 * real list records (walk ->next) in shm: one block per value (record, then for a string
 * its str and NUL-ended bytes), freed by destroy_avp / destroy_avps / destroy_avp_list, by
 * the end of the message for the thread's own list, or by the list's owner (tm frees a
 * transaction's list with it). */
#ifndef SB_SDK_USR_AVP_H
#define SB_SDK_USR_AVP_H

#include "str.h"

typedef union {
	int n;
	str s;
} int_str;

struct usr_avp {
	int id;
	unsigned short flags;
	struct usr_avp *next;   /* NULL: walk with search_next_avp */
	void *data;
};

#define AVP_NAME_DELIM      ':'
#define AVP_NAME_VALUE_MASK 0x0003
#define AVP_CORE_MASK       0x00ff
#define AVP_SCRIPT_MASK     0xff00
#define avp_core_flags(f)       ((f) & 0x00ff)
#define avp_script_flags(f)     (((f) << 8) & 0xff00)
#define avp_get_script_flags(f) (((f) & 0xff00) >> 8)

#define AVP_NAME_STR (1 << 0)
#define AVP_VAL_STR  (1 << 1)

#define is_avp_str_name(a) ((a)->flags & AVP_NAME_STR)
#define is_avp_str_val(a)  ((a)->flags & AVP_VAL_STR)

#define GALIAS_CHAR_MARKER '$'

/* 1.11's detached AVP for a module to link by hand: always NULL here, with an error
 * (the AVPs are the script engine's store, not a list a module can link into). */
struct usr_avp *new_avp(unsigned short flags, int id, int_str val);
/* 0 or -1 (no message on this thread, no memory). add_avp_last adds as the oldest. */
int add_avp(unsigned short flags, int id, int_str val);
int add_avp_last(unsigned short flags, int id, int_str val);
/* The newest value of id after start (NULL: from the newest), or NULL. */
struct usr_avp *search_first_avp(unsigned short flags, int id, int_str *val,
		struct usr_avp *start);
struct usr_avp *search_next_avp(struct usr_avp *avp, int_str *val);
/* Value number index (0 = newest) of id, or NULL. */
struct usr_avp *search_index_avp(unsigned short flags, int id, int_str *val, unsigned int index);
void get_avp_val(struct usr_avp *avp, int_str *val);
void destroy_avp(struct usr_avp *avp);
void destroy_index_avp(unsigned short flags, int id, int index);
/* Removes the newest value of id, or all of them (all != 0); how many were removed. */
int destroy_avps(unsigned short flags, int id, int all);
/* Every AVP of the current message. */
void reset_avps(void);
/* The name of an AVP / of an id (a per-thread buffer), or NULL. */
str *get_avp_name(struct usr_avp *avp);
str *get_avp_name_id(int id);
/* The id of a name ("x", or the deprecated "s:x"/"i:x" forms); -1 on error. */
int get_avp_id(str *alias);
int parse_avp_spec(str *name, int *avp_name);

/* set_avp_list makes list (NULL: the thread's own) the current head and returns the
 * previous one; get_avp_list returns the current head; destroy_avp_list(_unsafe) frees the
 * records of a list and empties its head. */
struct usr_avp **set_avp_list(struct usr_avp **list);
struct usr_avp **get_avp_list(void);
void destroy_avp_list(struct usr_avp **list);
void destroy_avp_list_unsafe(struct usr_avp **list);
/* Replaces value number index (0 = newest) of id, keeping the order of the others:
 * 0, or -1 when there is no such value (at most index 14). */
int replace_avp(unsigned short flags, int id, int_str val, int index);

#endif
