/* dprint.h's str2facility: a syslog facility by its name (acc's log_facility parameter). */
#include <strings.h>
#include <syslog.h>
#include "../sb_sdk.h"

static const struct { const char *name; int value; } facilities[] = {
	{ "LOG_AUTH", LOG_AUTH }, { "LOG_AUTHPRIV", LOG_AUTHPRIV }, { "LOG_CRON", LOG_CRON },
	{ "LOG_DAEMON", LOG_DAEMON }, { "LOG_FTP", LOG_FTP }, { "LOG_KERN", LOG_KERN },
	{ "LOG_LOCAL0", LOG_LOCAL0 }, { "LOG_LOCAL1", LOG_LOCAL1 }, { "LOG_LOCAL2", LOG_LOCAL2 },
	{ "LOG_LOCAL3", LOG_LOCAL3 }, { "LOG_LOCAL4", LOG_LOCAL4 }, { "LOG_LOCAL5", LOG_LOCAL5 },
	{ "LOG_LOCAL6", LOG_LOCAL6 }, { "LOG_LOCAL7", LOG_LOCAL7 }, { "LOG_LPR", LOG_LPR },
	{ "LOG_MAIL", LOG_MAIL }, { "LOG_NEWS", LOG_NEWS }, { "LOG_SYSLOG", LOG_SYSLOG },
	{ "LOG_USER", LOG_USER }, { "LOG_UUCP", LOG_UUCP },
};

/* the facility named s (any case), -1 when unknown or NULL */
__attribute__((visibility("default"))) int str2facility(char *s)
{
	unsigned int i;
	if (s == NULL)
		return -1;
	for (i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++)
		if (strcasecmp(s, facilities[i].name) == 0)
			return facilities[i].value;
	return -1;
}
