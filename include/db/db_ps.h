/* sipbridge module SDK: prepared-statement handle of the DB API (OpenSIPS 1.11 interface).
 * A module points con->curr_ps at a static db_ps_t of its own; a driver that prepares
 * statements stores its handle there on the first use. sipbridge's Java drivers cache
 * statements by text themselves and leave it alone. */
#ifndef SB_SDK_DB_PS_H
#define SB_SDK_DB_PS_H

typedef void *db_ps_t;

#define CON_HAS_PS(cn)          ((cn)->curr_ps)
#define CON_HAS_UNINIT_PS(cn)   (*((cn)->curr_ps) == NULL)
#define CON_CURR_PS(cn)         (*(cn)->curr_ps)
#define CON_PS_REFERENCE(cn)    ((cn)->curr_ps)
#define CON_RESET_CURR_PS(cn)   *((void ***)&(cn)->curr_ps) = NULL

#endif
