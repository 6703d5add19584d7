/* sipbridge module SDK: printf formatting for MI values (OpenSIPS 1.11 mi/fmt.h).
 *
 * mi_print_fmt formats into a buffer of the calling thread (so transports on different
 * threads never share it); the text is valid until the thread's next mi_print_fmt. */
#ifndef SB_SDK_MI_FMT_H
#define SB_SDK_MI_FMT_H

#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include "../dprint.h"

#define DEFAULT_MI_FMT_BUF_SIZE 2048

extern __thread char *mi_fmt_buf;
extern __thread int mi_fmt_buf_len;

/* Gives the calling thread a formatting buffer of size bytes. 0, or -1 (no memory). */
int mi_fmt_init(unsigned int size);

/* fmt/ap formatted into the thread's buffer; NULL when it does not fit or fails. */
static inline char *mi_print_fmt(char *fmt, va_list ap, int *len)
{
	int n;
	if (mi_fmt_buf == NULL && mi_fmt_init(DEFAULT_MI_FMT_BUF_SIZE) != 0) {
		LM_ERR("no buffer for MI formatting\n");
		return NULL;
	}
	n = vsnprintf(mi_fmt_buf, (size_t)mi_fmt_buf_len, fmt, ap);
	if (n < 0 || n >= mi_fmt_buf_len) {
		LM_ERR("MI formatting failed (%d of %d bytes)\n", n, mi_fmt_buf_len);
		return NULL;
	}
	*len = n;
	return mi_fmt_buf;
}

#endif
