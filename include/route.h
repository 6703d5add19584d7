/* sipbridge module SDK: route (block) types, as bit flags for cmd_export_t.flags. */
#ifndef SB_SDK_ROUTE_H
#define SB_SDK_ROUTE_H

#define REQUEST_ROUTE 1    /* route{} and the route[x] blocks it calls */
#define FAILURE_ROUTE 2
#define ONREPLY_ROUTE 4
#define BRANCH_ROUTE  8
#define ERROR_ROUTE   16
#define LOCAL_ROUTE   32
#define STARTUP_ROUTE 64
#define TIMER_ROUTE   128
#define EVENT_ROUTE   256
#define ALL_ROUTES \
	(REQUEST_ROUTE|FAILURE_ROUTE|ONREPLY_ROUTE|BRANCH_ROUTE|ERROR_ROUTE| \
	 LOCAL_ROUTE|STARTUP_ROUTE|TIMER_ROUTE|EVENT_ROUTE)

/* The type of the block running on this thread. Per thread in sipbridge: several
 * workers run scripts at once in one process. */
extern __thread int route_type;

#define set_route_type(_new_type) do { route_type = (_new_type); } while (0)
#define swap_route_type(_backup, _new_type) \
	do { (_backup) = route_type; route_type = (_new_type); } while (0)
#define is_route_type(_type) (route_type == (_type))

#endif
