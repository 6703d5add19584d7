/* Every native source of the core includes the SDK through this header: the core is
 * compiled with -fvisibility=hidden, and the pragma gives the SDK's declarations default
 * visibility, so exactly the SDK's functions and variables are exported to modules and
 * every other core symbol stays hidden (modules define globals of their own with common
 * names; they must never bind to core internals). */
#ifndef SB_NATIVE_SDK_H
#define SB_NATIVE_SDK_H

#pragma GCC visibility push(default)
#include "../include/sr_module.h"
#include "../include/mod_fix.h"
#include "../include/ut.h"
#include "../include/mem/shm_mem.h"
#include "../include/usr_avp.h"
#include "../include/route_struct.h"
#include "../include/action.h"
#include "../include/script_cb.h"
#include "../include/script_var.h"
#include "../include/parser/msg_parser.h"
#include "../include/parser/hf.h"
#include "../include/parser/parser_f.h"
#include "../include/parser/parse_uri.h"
#include "../include/parser/parse_to.h"
#include "../include/parser/parse_from.h"
#include "../include/parser/parse_via.h"
#include "../include/parser/parse_cseq.h"
#include "../include/parser/parse_content.h"
#include "../include/parser/parse_expires.h"
#include "../include/parser/parse_param.h"
#include "../include/parser/parse_nameaddr.h"
#include "../include/parser/parse_rr.h"
#include "../include/parser/parse_methods.h"
#include "../include/parser/parse_allow.h"
#include "../include/parser/parse_supported.h"
#include "../include/parser/parse_diversion.h"
#include "../include/parser/parse_rpid.h"
#include "../include/parser/parse_pai.h"
#include "../include/parser/parse_ppi.h"
#include "../include/parser/parse_refer_to.h"
#include "../include/parser/parse_hname2.h"
#include "../include/parser/contact/contact.h"
#include "../include/parser/contact/parse_contact.h"
#include "../include/data_lump.h"
#include "../include/data_lump_rpl.h"
#include "../include/msg_translator.h"
#include "../include/socket_info.h"
#include "../include/trim.h"
#include "../include/dset.h"
#pragma GCC visibility pop

/* Functions the Java side calls (through jnr-ffi or JNA): exported, but not part of the
 * module SDK. Their names start with sb_. */
#define SB_JAVA_API __attribute__((visibility("default")))

#endif
