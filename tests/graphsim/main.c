/*
 * graphsim: a local emulator of the Microsoft Graph presence API.
 */
#include "config.h"

#include <stdio.h>

int
main(void)
{
	fprintf(stderr, "graphsim: not built yet\n");
	return 1;
}
