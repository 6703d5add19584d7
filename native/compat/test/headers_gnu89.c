/* Built with -std=gnu89 -Wall -Wextra -Werror (the dialect OpenSIPS 1.11 builds its
 * modules with on gcc 5 and later): every module-facing SDK header must compile there. */
#include "../../../include/sr_module.h"
#include "../../../include/ut.h"
#include "../../../include/trim.h"
#include "../../../include/mod_fix.h"
#include "../../../include/locking.h"
#include "../../../include/rw_locking.h"
#include "../../../include/mi/mi.h"
#include "../../../include/md5.h"
#include "../../../include/md5utils.h"
#include "../../../include/config.h"
#include "../../../include/globals.h"
#include "../../../include/timer.h"
#include "../../../include/poll_types.h"
#include "../../../include/time_rec.h"
#include "../../../include/script_var.h"
#include "../../../include/data_lump.h"
#include "../../../include/data_lump_rpl.h"
#include "../../../include/msg_translator.h"
#include "../../../include/socket_info.h"
#include "../../../include/parser/parse_uri.h"
#include "../../../include/parser/parse_from.h"
#include "../../../include/parser/parse_rr.h"
#include "../../../include/parser/parse_param.h"
#include "../../../include/parser/contact/parse_contact.h"
/* core-net */
#include "../../../include/pt.h"
#include "../../../include/forward.h"
#include "../../../include/proxy.h"
#include "../../../include/resolve.h"
#include "../../../include/udp_server.h"
#include "../../../include/tcp_server.h"
#include "../../../include/tsend.h"
#include "../../../include/blacklists.h"
#include "../../../include/receive.h"
#include "../../../include/msg_callbacks.h"
#include "../../../include/evi/evi_modules.h"
#include "../../../include/evi/evi_params.h"
#include "../../../include/evi/evi_transport.h"

int sb_compat_headers_gnu89(void);
int sb_compat_headers_gnu89(void)
{
	return 0;
}
