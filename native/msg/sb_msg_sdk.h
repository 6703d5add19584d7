/* The message part of the SDK, seen from the core's sources. Like ../sb_sdk.h (which it
 * includes first) it gives the SDK declarations default visibility, so the parse, lump
 * and builder functions a module calls are exported and everything else stays hidden.
 * (The lead may fold these includes into ../sb_sdk.h.) */
#ifndef SB_MSG_SDK_H
#define SB_MSG_SDK_H

#include "../sb_sdk.h"

#pragma GCC visibility push(default)
#include "../../include/parser/msg_parser.h"
#include "../../include/parser/hf.h"
#include "../../include/parser/parser_f.h"
#include "../../include/parser/parse_uri.h"
#include "../../include/parser/parse_to.h"
#include "../../include/parser/parse_from.h"
#include "../../include/parser/parse_via.h"
#include "../../include/parser/parse_cseq.h"
#include "../../include/parser/parse_content.h"
#include "../../include/parser/parse_expires.h"
#include "../../include/parser/parse_param.h"
#include "../../include/parser/parse_nameaddr.h"
#include "../../include/parser/parse_rr.h"
#include "../../include/parser/parse_methods.h"
#include "../../include/parser/parse_allow.h"
#include "../../include/parser/parse_supported.h"
#include "../../include/parser/parse_diversion.h"
#include "../../include/parser/parse_rpid.h"
#include "../../include/parser/parse_pai.h"
#include "../../include/parser/parse_ppi.h"
#include "../../include/parser/parse_refer_to.h"
#include "../../include/parser/parse_hname2.h"
#include "../../include/parser/contact/contact.h"
#include "../../include/parser/contact/parse_contact.h"
#include "../../include/data_lump.h"
#include "../../include/data_lump_rpl.h"
#include "../../include/msg_translator.h"
#include "../../include/socket_info.h"
#include "../../include/trim.h"
#pragma GCC visibility pop

#endif
