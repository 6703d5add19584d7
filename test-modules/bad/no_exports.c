/* A shared library without the `exports` symbol: not a module. */
int not_a_module(void)
{
	return 42;
}
