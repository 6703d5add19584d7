/* sipbridge module SDK: the CRC helpers of OpenSIPS 1.11 (to-tag suffixes, hashing).
 * Tables are the reflected forms of the CRC-32 (0xEDB88320), CCITT (0x8408) and
 * CRC-16 (0xA001) polynomials, 256 entries each, filled when the core loads. */
#ifndef SB_SDK_CRC_H
#define SB_SDK_CRC_H

#include "str.h"

/* hex characters crcitt_string_array writes */
#define CRC16_LEN 4

extern unsigned long int crc_32_tab[];
extern unsigned short int ccitt_tab[];
extern unsigned short int crc_16_tab[];

/* CRC-CCITT (X.25 form: start 0xFFFF, reflected, inverted at the end) of len bytes. */
unsigned short crcitt_string(char *s, int len);

/* The same CRC over the concatenation of size strings, written into dst as CRC16_LEN
 * hex digits, least significant first (int2reverse_hex), padded with '0'. */
void crcitt_string_array(char *dst, str src[], int size);

/* CRC-32 register of the string (start 0xFFFFFFFF, no final inversion). */
void crc32_uint(str *source_string, unsigned int *hash_ret);

#endif
