/* OpenSER 1.1 dialect: functions receive the same struct sip_msg as in the main tree. */
#include "../../parser/msg_parser.h"
