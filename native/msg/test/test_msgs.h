/* Test messages and a small scanner that writes the view input the way the Java core
 * does (it stands in for the Java parser in the C tests and the benchmark). */
#ifndef SB_TEST_MSGS_H
#define SB_TEST_MSGS_H

#include "sb_msg_int.h"

extern const char MSG_INVITE[];
extern const char MSG_200_TWO_VIAS[];
extern const char MSG_REGISTER[];
extern const char MSG_FOLDED_COMPACT[];
extern const char MSG_IPV6[];

/* Copies text into the slot and writes its view input (proto PROTO_*, af 4/6, src and
 * dst given as text). Marks the slot dirty. 0, or -1 if the scanner fails. */
int fill_view(struct sb_slot *slot, const char *text, unsigned int id, int proto,
		const char *src, int sport, const char *dst, int dport);

#endif
