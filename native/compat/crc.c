/* crc.h: table-driven CRCs. The tables are computed once at load time from their
 * polynomials instead of being spelled out. */
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/crc.h"
#pragma GCC visibility pop

unsigned long int crc_32_tab[256];
unsigned short int ccitt_tab[256];
unsigned short int crc_16_tab[256];

/* entry i of a reflected table: eight shift/xor steps of i through the polynomial */
static unsigned long reflected_entry(unsigned long poly, unsigned int i)
{
	unsigned long r = i;
	int k;
	for (k = 0; k < 8; k++)
		r = (r & 1) ? (r >> 1) ^ poly : r >> 1;
	return r;
}

__attribute__((constructor)) static void sb_crc_tables_init(void)
{
	unsigned int i;
	for (i = 0; i < 256; i++) {
		crc_32_tab[i] = reflected_entry(0xEDB88320UL, i);
		ccitt_tab[i] = (unsigned short)reflected_entry(0x8408UL, i);
		crc_16_tab[i] = (unsigned short)reflected_entry(0xA001UL, i);
	}
}

static inline unsigned short ccitt_step(unsigned short crc, unsigned char c)
{
	return (unsigned short)(ccitt_tab[(crc ^ c) & 0xff] ^ (crc >> 8));
}

unsigned short crcitt_string(char *s, int len)
{
	unsigned short crc = 0xFFFF;
	int i;
	for (i = 0; i < len; i++)
		crc = ccitt_step(crc, (unsigned char)s[i]);
	return (unsigned short)~crc;
}

void crcitt_string_array(char *dst, str src[], int size)
{
	unsigned short crc = 0xFFFF;
	int room = CRC16_LEN, i, j;

	for (i = 0; i < size; i++)
		for (j = 0; j < src[i].len; j++)
			crc = ccitt_step(crc, (unsigned char)src[i].s[j]);
	crc = (unsigned short)~crc;
	if (int2reverse_hex(&dst, &room, crc) == -1)
		LM_CRIT("CRC text longer than %d characters\n", CRC16_LEN);
	while (room > 0) {
		*dst++ = '0';
		room--;
	}
}

void crc32_uint(str *source_string, unsigned int *hash_ret)
{
	const unsigned char *p = (const unsigned char *)source_string->s;
	unsigned int crc = 0xFFFFFFFFu;
	int i;
	for (i = 0; i < source_string->len; i++)
		crc = (unsigned int)crc_32_tab[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
	*hash_ret = crc;
}
