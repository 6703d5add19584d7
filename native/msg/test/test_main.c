/* Runs the native/msg unit tests; the last line is "N passed, N failed". */
#include "tcheck.h"
#include "core_stubs.h"

int t_passed, t_failed;

int main(void)
{
	long pkg0 = stub_pkg_live, shm0 = stub_shm_live;
	test_view();
	test_parse();
	test_lumps();
	test_build();
	test_parse_more();
	CHECK(stub_pkg_live == pkg0);
	CHECK(stub_shm_live == shm0);
	printf("%d passed, %d failed\n", t_passed, t_failed);
	return t_failed ? 1 : 0;
}
