/* sipbridge module SDK: the generic AAA interface (OpenSIPS 1.11 aaa/aaa.h).
 *
 * A module that authenticates or accounts over AAA (uri, acc, auth_aaa, group, peering)
 * holds an aaa_prot of function pointers and an aaa_conn handle. aaa_prot_bind("radius:
 * <rest>", &prot) looks for the module named aaa_<protocol> (aaa_radius) and asks its
 * exported "aaa_bind_api" function to fill prot; then prot.init_prot(url) opens the
 * connection. sipbridge has no AAA protocol of its own: without such a module loaded,
 * aaa_prot_bind returns -1 with an LM_ERR and prot is left untouched, exactly what a
 * 1.11 module sees when aaa_radius is not loaded. Modules bind only when their aaa_url
 * parameter is set, so without it they run with AAA off.
 *
 * Memory: aaa_parse_url gives prot_name (a str and its text, both pkg, owned by the
 * caller; the text is not NUL-terminated) and rest pointing into the caller's URL. */
#ifndef SB_SDK_AAA_H
#define SB_SDK_AAA_H

#include <stdio.h>
#include "../dprint.h"
#include "../mem/mem.h"
#include "../str.h"
#include "../sr_module.h"
#include "aaa_avp.h"

/* dictionary_find: what to look up */
#define AAA_DICT_FIND_VAL    1
#define AAA_DICT_FIND_ATTR   2
#define AAA_DICT_FIND_VEND   3
/* message kinds */
#define AAA_AUTH             4
#define AAA_ACCT             5
#define AAA_RECV             6
/* avp_get: where the search starts */
#define AAA_GET_FROM_START   7
#define AAA_GET_FROM_CURRENT 8

/* one dictionary entry: its name in, its code (and type) out */
typedef struct _aaa_map {
	char *name;
	int value;
	int type;
} aaa_map;

/* a request or reply: the protocol's AVP list, the last AVP a search found, AAA_AUTH/ACCT */
typedef struct _aaa_message {
	void *avpair;
	void *last_found;
	int type;
} aaa_message;

/* a connection of the protocol module (opaque here) */
typedef void aaa_conn;

typedef aaa_message *(create_message_f)(aaa_conn *, int);
typedef int (destroy_message_f)(aaa_conn *, aaa_message *);
/* send a request; the reply (when the last argument is not NULL) comes back there */
typedef int (send_request_f)(aaa_conn *, aaa_message *, aaa_message **);
/* fill map->value from the dictionary (AAA_DICT_FIND_*) */
typedef int (find_f)(aaa_conn *, aaa_map *, int);
/* add an AVP: value, length, vendor */
typedef int (avp_add_f)(aaa_conn *, aaa_message *, aaa_map *, void *, int, int);
/* get an AVP: where the value and its length go, AAA_GET_FROM_* */
typedef int (avp_get_f)(aaa_conn *, aaa_message *, aaa_map *, void **, int *, int);
/* open the protocol with the whole URL */
typedef aaa_conn *(init_prot_f)(str *);

/* what a protocol module fills in (field order is 1.11's) */
typedef struct _aaa_prot {
	init_prot_f       *init_prot;
	create_message_f  *create_aaa_message;
	destroy_message_f *destroy_aaa_message;
	send_request_f    *send_aaa_request;
	find_f            *dictionary_find;
	avp_add_f         *avp_add;
	avp_get_f         *avp_get;
} aaa_prot;

/* bind the protocol module named by the URL's scheme ("radius:..." -> aaa_radius):
 * 0 and prot filled, or -1 (NULL argument, URL without ':', no such module or it has no
 * "aaa_bind_api", or its bind function refused) with an LM_ERR */
int aaa_prot_bind(str *aaa_url, aaa_prot *prot);

/* what a protocol module exports as "aaa_bind_api" */
typedef int (*aaa_bind_api_f)(aaa_prot *);

/* a parsed URL: the scheme, and what follows the ':' */
typedef struct _aaa_prot_config {
	str *prot_name;
	void *rest;
} aaa_prot_config;

/* split "<scheme>:<rest>"; 0, or -1 (NULL argument, no ':', no memory) */
int aaa_parse_url(str *aaa_url, aaa_prot_config *aaa_config);

/* Look up the codes of every named entry of an attribute table (at, nr_at entries) and a
 * value table (vl, nr_vl) through protocol ap on connection rh; on a failure log it (fn
 * names the caller) and make the enclosing function return e1 (attribute) or e2 (value). */
#define INIT_AV(ap, rh, at, nr_at, vl, nr_vl, fn, e1, e2) \
	do { \
		int _sb_i; \
		for (_sb_i = 0; _sb_i < (nr_at); _sb_i++) { \
			if ((at)[_sb_i].name == NULL) \
				continue; \
			if ((ap).dictionary_find((rh), &(at)[_sb_i], AAA_DICT_FIND_ATTR) < 0) { \
				LM_ERR("%s: no code for attribute %s\n", (fn), (at)[_sb_i].name); \
				return (e1); \
			} \
		} \
		for (_sb_i = 0; _sb_i < (nr_vl); _sb_i++) { \
			if ((vl)[_sb_i].name == NULL) \
				continue; \
			if ((ap).dictionary_find((rh), &(vl)[_sb_i], AAA_DICT_FIND_VAL) < 0) { \
				LM_ERR("%s: no code for value %s\n", (fn), (vl)[_sb_i].name); \
				return (e2); \
			} \
		} \
	} while (0)

#endif
