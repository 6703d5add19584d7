/* sipbridge module SDK: to-tags of locally generated replies (OpenSIPS 1.11 tags.h).
 * A tag is MD5_LEN hex characters of the server's signature and first listener, a
 * separator, then a CRC16_LEN suffix that calc_crc_suffix derives from the request's
 * first Via (host, port, branch), so retransmissions get the same tag. */
#ifndef SB_SDK_TAGS_H
#define SB_SDK_TAGS_H

#include <string.h>
#include "parser/msg_parser.h"
#include "globals.h"
#include "crc.h"
#include "str.h"
#include "md5utils.h"
#include "socket_info.h"

#define TOTAG_VALUE_LEN (MD5_LEN + CRC16_LEN + 1)

/* Writes the CRC16_LEN suffix for msg into tag_suffix (untouched when there is no Via). */
static inline void calc_crc_suffix(struct sip_msg *msg, char *tag_suffix)
{
	str parts[3];
	int n = 0;

	if (msg->via1 == NULL)
		return;
	parts[n++] = msg->via1->host;
	parts[n++] = msg->via1->port_str;
	if (msg->via1->branch)
		parts[n++] = msg->via1->branch->value;
	crcitt_string_array(tag_suffix, parts, n);
}

/* Fills tag (TOTAG_VALUE_LEN bytes) with the MD5 part and separator; *suffix points at
 * where calc_crc_suffix writes. */
static inline void init_tags(char *tag, char **suffix, char *signature, char separator)
{
	struct socket_info *si = get_first_socket();
	str parts[3];

	parts[0].s = signature;
	parts[0].len = (int)strlen(signature);
	parts[1].s = si ? si->address_str.s : "";
	parts[1].len = si ? si->address_str.len : 0;
	parts[2].s = si ? si->port_no_str.s : "";
	parts[2].len = si ? si->port_no_str.len : 0;
	MD5StringArray(tag, parts, 3);
	tag[MD5_LEN] = separator;
	*suffix = tag + MD5_LEN + 1;
}

#endif
