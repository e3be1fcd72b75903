/*
 * Files next to the running program, found through /proc/self/exe. Safe
 * from any thread.
 */
#include "config.h"

#include "exedir.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

/* The path of name in the running program's directory, or NULL. */
char *
exedir_path(const char *name)
{
	char self[PATH_MAX], *slash, *path;
	ssize_t n;

	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return NULL;
	self[n] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return NULL;
	*slash = '\0';
	xasprintf(&path, "%s/%s", self, name);
	return path;
}
