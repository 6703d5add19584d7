/* sipbridge module SDK: generic ";name=value" parameter lists (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_PARAM_H
#define SB_SDK_PARSE_PARAM_H

#include <stdio.h>
#include "../str.h"

typedef enum ptype {
	P_OTHER = 0, P_Q, P_EXPIRES, P_METHODS, P_RECEIVED, P_TRANSPORT, P_LR, P_R2,
	P_MADDR, P_TTL, P_DSTIP, P_DSTPORT, P_INSTANCE
} ptype_t;

typedef enum pclass { CLASS_ANY = 0, CLASS_CONTACT, CLASS_URI } pclass_t;

typedef struct param {
	ptype_t type;
	str name;
	str body;             /* value without quotes; empty when none */
	int len;              /* whole parameter, '=' and quotes included */
	struct param *next;
} param_t;

struct contact_hooks {
	struct param *expires;
	struct param *q;
	struct param *methods;
	struct param *received;
	struct param *instance;   /* +sip.instance */
};

struct uri_hooks {
	struct param *transport;
	struct param *lr;
	struct param *r2;
	struct param *maddr;
	struct param *ttl;
	struct param *dstip;
	struct param *dstport;
};

typedef union param_hooks {
	struct contact_hooks contact;
	struct uri_hooks uri;
} param_hooks_t;

/* Parses the parameters at _s (after the first ';'), stopping at ',' or the end; _s is
 * advanced past what was parsed. The list *_p is pkg-allocated (free_params).
 * 0 on success, <0 on error. */
int parse_params(str *_s, pclass_t _c, param_hooks_t *_h, param_t **_p);
void free_params(param_t *_p);
void shm_free_params(param_t *_p);
void print_params(FILE *_o, param_t *_p);
int duplicate_params(param_t **_n, param_t *_p);
int shm_duplicate_params(param_t **_n, param_t *_p);

#endif
