/* The API api_provider offers through find_export("load_provider", 0, 0). */
#ifndef API_PROVIDER_H
#define API_PROVIDER_H

typedef int (*provider_add_f)(int a, int b);

struct provider_binds {
	provider_add_f add;
};

typedef int (*load_provider_f)(struct provider_binds *pb);

#endif
