/* OpenSER 1.1 dialect: pkg memory, the same allocator and accounting as the main tree. */
#include "../../mem/mem.h"
