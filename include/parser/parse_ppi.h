/* sipbridge module SDK: the P-Preferred-Identity header (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_PPI_H
#define SB_SDK_PARSE_PPI_H

#include "msg_parser.h"
#include "parse_to.h"

#define get_ppi(p_msg) ((struct to_body *)(p_msg)->ppi->parsed)

int parse_ppi_header(struct sip_msg *msg);

#endif
