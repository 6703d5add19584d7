/* msg_translator.h: the Via parameters a server adds to the received request's top Via
 * (dialog builds them for the requests it sends on behalf of a dialog). */
#include <stdio.h>
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/msg_translator.h"
#include "../../include/error.h"
#include "../../include/resolve.h"
#include "../../include/globals.h"
#pragma GCC visibility pop

/* ";received=<source address>" (NUL-terminated pkg text, the caller frees it) */
char *received_builder(struct sip_msg *msg, unsigned int *received_len)
{
	char *buf, *ip;
	int n;

	if (msg == NULL || received_len == NULL) {
		LM_ERR("received_builder: NULL argument\n");
		return NULL;
	}
	ip = ip_addr2a(&msg->rcv.src_ip);
	if (ip == NULL)
		return NULL;
	buf = pkg_malloc(MAX_RECEIVED_SIZE);
	if (buf == NULL) {
		ser_error = E_OUT_OF_MEM;
		LM_ERR("received_builder: out of pkg memory\n");
		return NULL;
	}
	n = snprintf(buf, MAX_RECEIVED_SIZE, "%s%s", RECEIVED, ip);
	if (n < 0 || n >= MAX_RECEIVED_SIZE) {
		pkg_free(buf);
		LM_ERR("received_builder: address too long\n");
		return NULL;
	}
	*received_len = (unsigned int)n;
	return buf;
}

/* ";rport=<source port>" (NUL-terminated pkg text, the caller frees it) */
char *rport_builder(struct sip_msg *msg, unsigned int *rport_len)
{
	char *buf;
	int n;

	if (msg == NULL || rport_len == NULL) {
		LM_ERR("rport_builder: NULL argument\n");
		return NULL;
	}
	buf = pkg_malloc(MAX_RPORT_SIZE);
	if (buf == NULL) {
		ser_error = E_OUT_OF_MEM;
		LM_ERR("rport_builder: out of pkg memory\n");
		return NULL;
	}
	n = snprintf(buf, MAX_RPORT_SIZE, "%s%u", RPORT, (unsigned int)msg->rcv.src_port);
	*rport_len = (unsigned int)n;
	return buf;
}

int received_test(struct sip_msg *msg)
{
	str *where;

	if (msg == NULL || msg->via1 == NULL) {
		LM_ERR("received_test: no parsed top Via\n");
		return 0;
	}
	if (msg->via1->received != NULL)
		return 1;
	where = msg->via1->maddr ? &msg->via1->maddr->value : &msg->via1->host;
	/* check_ip_address: 0 same address, -1 another one */
	return check_ip_address(&msg->rcv.src_ip, where, msg->via1->port, msg->via1->proto,
			received_dns);
}
