/* OpenSER 1.1 dialect: statistics have the same shape as in the main tree. */
#include "../statistics.h"
