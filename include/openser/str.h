/* OpenSER 1.1 dialect: same counted string as the main tree. */
#include "../str.h"
