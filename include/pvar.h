/* sipbridge module SDK: pseudo-variables (OpenSIPS 1.11 interface).
 *
 * A pseudo-variable a module parses (pv_parse_spec, pv_parse_format, fixup_spve...) is
 * compiled by the Java script engine; the spec keeps a handle to it and getf/setf are
 * core functions that ask Java for the value on the message being processed. String
 * values returned in pv_value_t (pv_get_spec_value, pv_printf_s, fixup_get_svalue...)
 * point into per-thread buffers owned by the core, used in turn: a value stays valid
 * while the same thread makes the next 7 evaluations (so two or three values can be
 * fetched and then used together, as with OpenSIPS's rotating print buffers); copy it
 * if you keep it longer. */
#ifndef SB_SDK_PVAR_H
#define SB_SDK_PVAR_H

#include "str.h"
#include "usr_avp.h"

struct sip_msg;

#define PV_MARKER_STR "$"
#define PV_MARKER     '$'
#define PV_LNBRACKET_STR "("
#define PV_LNBRACKET     '('
#define PV_RNBRACKET_STR ")"
#define PV_RNBRACKET     ')'
#define PV_LIBRACKET_STR "["
#define PV_LIBRACKET     '['
#define PV_RIBRACKET_STR "]"
#define PV_RIBRACKET     ']'

#define PV_VAL_NONE  0
#define PV_VAL_NULL  1
#define PV_VAL_EMPTY 2
#define PV_VAL_STR   4
#define PV_VAL_INT   8
#define PV_TYPE_INT  16
#define PV_VAL_PKG   32
#define PV_VAL_SHM   64

#define PV_NAME_INTSTR 0
#define PV_NAME_PVAR   1

#define PV_IDX_INT  0
#define PV_IDX_PVAR 1
#define PV_IDX_ALL  2

/* Assignment operators for pv_set_value / setf: EQ_T and COLONEQ_T of route_struct.h
 * (1.11's action numbers, 54 and 55). */
#include "route_struct.h"

enum _pv_type {
	PVT_NONE = 0, PVT_EMPTY, PVT_NULL, PVT_MARKER, PVT_AVP, PVT_HDR, PVT_PID,
	PVT_RETURN_CODE, PVT_TIMES, PVT_TIMEF, PVT_MSGID, PVT_METHOD, PVT_STATUS,
	PVT_REASON, PVT_RURI, PVT_RURI_USERNAME, PVT_RURI_DOMAIN, PVT_RURI_PORT,
	PVT_FROM, PVT_FROM_USERNAME, PVT_FROM_DOMAIN, PVT_FROM_TAG, PVT_TO,
	PVT_TO_USERNAME, PVT_TO_DOMAIN, PVT_TO_TAG, PVT_CSEQ, PVT_CONTACT,
	PVT_CALLID, PVT_USERAGENT, PVT_MSG_BUF, PVT_MSG_LEN, PVT_FLAGS, PVT_HEXFLAGS,
	PVT_SRCIP, PVT_SRCPORT, PVT_RCVIP, PVT_RCVPORT, PVT_PROTO, PVT_DSTURI,
	PVT_SCRIPTVAR, PVT_BODY, PVT_OTHER, PVT_EXTRA
};
typedef enum _pv_type pv_type_t;
/* 1.11 names of PV kinds the script engine never gives a spec (xlog's colour markers are
 * not PVs in sipbridge), so modules' switch statements over spec types compile. */
enum _pv_type_unused {
	PVT_COLOR = PVT_EXTRA + 1,
	/* the rest of 1.11's names but PVT_MSG_BODY (tm's, with its pvar needs): pv_parse_spec
	 * gives a core name its 1.11 kind (PVT_OURI for $ou and $ouri...), PVT_OTHER to others */
	PVT_REFER_TO, PVT_DSET, PVT_BRANCH, PVT_BRANCHES,
	PVT_CONTENT_TYPE, PVT_CONTENT_LENGTH, PVT_AUTH_USERNAME, PVT_AUTH_REALM,
	PVT_RURI_PROTOCOL, PVT_DSTURI_DOMAIN, PVT_DSTURI_PORT, PVT_DSTURI_PROTOCOL,
	PVT_FROM_DISPLAYNAME, PVT_TO_DISPLAYNAME, PVT_OURI, PVT_OURI_USERNAME,
	PVT_OURI_DOMAIN, PVT_OURI_PORT, PVT_OURI_PROTOCOL, PVT_FORCE_SOCK,
	PVT_RPID_URI, PVT_DIVERSION_URI, PVT_ACC_USERNAME, PVT_PPI,
	PVT_PPI_DISPLAYNAME, PVT_PPI_DOMAIN, PVT_PPI_USERNAME, PVT_PAI_URI,
	PVT_BFLAGS, PVT_HEXBFLAGS, PVT_SFLAGS, PVT_HEXSFLAGS,
	PVT_ERR_CLASS, PVT_ERR_LEVEL, PVT_ERR_INFO, PVT_ERR_RCODE,
	PVT_ERR_RREASON, PVT_AUTH_USERNAME_WHOLE, PVT_AUTH_DURI, PVT_DIV_REASON,
	PVT_DIV_PRIVACY, PVT_AUTH_DOMAIN, PVT_AUTH_NONCE, PVT_AUTH_RESPONSE,
	PVT_TIME, PVT_PATH, PVT_ARGV, PVT_HDRCNT,
	PVT_AUTH_NONCE_COUNT, PVT_AUTH_QOP, PVT_AUTH_ALGORITHM, PVT_AUTH_OPAQUE,
	PVT_AUTH_CNONCE, PVT_RU_Q, PVT_ROUTE_PARAM
};

typedef struct _pv_value {
	str rs;     /* string value */
	int ri;     /* integer value */
	int flags;  /* PV_VAL_* */
} pv_value_t, *pv_value_p;

typedef struct _pv_name {
	int type;   /* PV_NAME_* */
	union {
		struct {
			int type;      /* AVP_NAME_STR or 0 */
			int_str name;
		} isname;
		void *dname;   /* sipbridge: the Java handle of the compiled spec */
	} u;
} pv_name_t, *pv_name_p;

typedef struct _pv_index {
	int type;   /* PV_IDX_* */
	union {
		int ival;
		void *dval;
	} u;
} pv_index_t, *pv_index_p;

typedef struct _pv_param {
	pv_name_t pvn;
	pv_index_t pvi;
	str pvv;    /* a value buffer a module's getf may keep (pkg, the module's) */
} pv_param_t, *pv_param_p;

typedef int (*pv_getf_t)(struct sip_msg *, pv_param_t *, pv_value_t *);
typedef int (*pv_setf_t)(struct sip_msg *, pv_param_t *, int, pv_value_t *);

typedef struct _pv_spec {
	pv_type_t type;
	pv_getf_t getf;
	pv_setf_t setf;   /* NULL when read-only */
	pv_param_t pvp;
	void *trans;
} pv_spec_t, *pv_spec_p;

typedef int (*pv_parse_name_f)(pv_spec_p sp, str *in);
typedef int (*pv_parse_index_f)(pv_spec_p sp, str *in);
typedef int (*pv_init_param_f)(pv_spec_p sp, int param);

/* A pseudo-variable exported by a module (module_exports.items). */
typedef struct _pv_export {
	str name;
	pv_type_t type;
	pv_getf_t getf;
	pv_setf_t setf;
	pv_parse_name_f parse_name;
	pv_parse_index_f parse_index;
	pv_init_param_f init_param;
	int iparam;
} pv_export_t;

/* A format: literal text followed by one spec, chained. */
typedef struct _pv_elem {
	str text;
	pv_spec_t spec;
	struct _pv_elem *next;
} pv_elem_t, *pv_elem_p;

#define pv_is_w(pv) ((pv)->setf != NULL)
/* the kind of a spec's name (1.11): given by another pseudo-variable, an integer, a string */
#define pv_has_dname(pv) ((pv)->pvp.pvn.type == PV_NAME_PVAR)
#define pv_has_iname(pv) ((pv)->pvp.pvn.type == PV_NAME_INTSTR && \
		!((pv)->pvp.pvn.u.isname.type & AVP_NAME_STR))
#define pv_has_sname(pv) ((pv)->pvp.pvn.type == PV_NAME_INTSTR && \
		((pv)->pvp.pvn.u.isname.type & AVP_NAME_STR))

char *pv_parse_spec(str *in, pv_spec_p sp);
int pv_get_spec_value(struct sip_msg *msg, pv_spec_p sp, pv_value_t *value);
int pv_set_value(struct sip_msg *msg, pv_spec_p sp, int op, pv_value_t *value);
int pv_print_spec(struct sip_msg *msg, pv_spec_p sp, char *buf, int *len);
void pv_spec_free(pv_spec_t *spec);
int pv_parse_format(str *in, pv_elem_p *el);
int pv_printf(struct sip_msg *msg, pv_elem_p list, char *buf, int *len);
int pv_printf_s(struct sip_msg *msg, pv_elem_p list, str *s);
int pv_elem_free_all(pv_elem_p log);
void pv_value_destroy(pv_value_t *val);

/* Lists of specs (1.11's shapes). parse_pvname_list: the specs of a list of names
 * separated by blanks, ',' or ';' (each of type `type` when type != 0: PVT_AVP for
 * $avp(x), PVT_SCRIPTVAR for $var(x)); pkg records, NULL on error. */
typedef struct _pvname_list {
	pv_spec_t sname;
	struct _pvname_list *next;
} pvname_list_t, *pvname_list_p;

typedef struct pv_spec_list {
	pv_spec_p spec;
	struct pv_spec_list *next;
} pv_spec_list_t, *pv_spec_list_p;

pvname_list_t *parse_pvname_list(str *in, unsigned int type);

/* The index of a spec: *flags = PV_IDX_ALL for [*], else *idx (an int index, or the
 * integer value of an index pseudo-variable). 0, or -1. */
int pv_get_spec_index(struct sip_msg *msg, pv_param_p ip, int *idx, int *flags);

/* A context a module offers for $(<name>(pv)) (tm: "request", "reply"): the function
 * gives the message the inner pv is evaluated on. Registered and kept; the Java script
 * engine does not evaluate contexts yet. 0, or -1 for a bad name (a name registered again takes the new function). */
typedef struct sip_msg *(*pv_contextf_t)(struct sip_msg *);
int register_pv_context(char *name, pv_contextf_t get_context);

/* Name and index parsers a module may name in its items (tm's $bavp(name)[index]), as
 * 1.11 gives them. pv_parse_avp_name: a static name becomes the AVP id (PV_NAME_INTSTR,
 * isname.type 0; pv_get_avp_name gives it back); a name given by a pseudo-variable is
 * refused (sipbridge's PV_NAME_PVAR names are Java handles). pv_parse_index: digits with an optional '-' (PV_IDX_INT), '*'
 * (PV_IDX_ALL) or a '$' spec (PV_IDX_PVAR). Both return 0, or -1 with an LM_ERR. */
int pv_parse_avp_name(pv_spec_p sp, str *in);
int pv_parse_index(pv_spec_p sp, str *in);

/* 1.11's spec type of the message body ($rb): pv_parse_spec gives it to "$rb", so
 * modules that accept only a body (tm's t_write_req format) recognise it. */
#define PVT_MSG_BODY PVT_BODY

/* The AVP id (usr_avp.h) of an $avp(name) spec from pv_parse_spec (a literal name is
 * PV_NAME_INTSTR with the id, as 1.11; *name_type gets its script flags); 0, or -1. */
int pv_get_avp_name(struct sip_msg *msg, pv_param_p ip, int *avp_name, unsigned short *name_type);
/* The name of a name parameter: isname as an int (PV_VAL_INT|PV_TYPE_INT) or a string
 * (AVP_NAME_STR), or the value of a module-built PV_NAME_PVAR name spec. 0, or -1. */
int pv_get_spec_name(struct sip_msg *msg, pv_param_p ip, pv_value_t *name);

/* Helpers for modules' own getf functions. */
int pv_get_null(struct sip_msg *msg, pv_param_t *param, pv_value_t *res);
int pv_get_uintval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, unsigned int uival);
int pv_get_sintval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, int sival);
int pv_get_strval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, str *sval);
int pv_get_strintval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, str *sval, int ival);
int pv_get_intstrval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, int ival, str *sval);

#endif
