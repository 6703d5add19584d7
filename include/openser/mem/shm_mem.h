/* OpenSER 1.1 dialect: shm memory, the same allocator and accounting as the main tree. */
#include "../../mem/shm_mem.h"
