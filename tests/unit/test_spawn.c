/*
 * Commands run without a shell: argv reaches the program as it is, the
 * extra variables replace those of the environment, the child is reaped
 * with its status, and a command that does not exist ends with 127.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "spawn.h"

/* Wait up to 10 seconds for a child to end; its wait status. */
static int
wait_child(pid_t pid)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int status = 0, i, r;

	for (i = 0; i < 1000; i++) {
		if ((r = spawn_reap(pid, &status)) == 1)
			return status;
		assert_int_equal(r, 0);
		nanosleep(&ts, NULL);
	}
	fail_msg("the child did not end");
	return -1;
}

/* The contents of a file. */
static char *
slurp(const char *path)
{
	char *buf = calloc(1, 65536);
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	fread(buf, 1, 65535, f);
	fclose(f);
	return buf;
}

static void
test_argv_and_environment_reach_the_command(void **state)
{
	char dir[4096], path[4200], cmd[4300], *out;
	char *argv[] = { "sh", "-c",
		"printf '%s\\n' \"$1\" >\"$2\"; env >>\"$2\"; exit 3", "sh",
		"$(touch pwned); `id` ;", path, NULL };
	char *env[] = { "TEAMTOP_NAME=Ann Lee", "SPAWN_TEST=new", NULL };
	char *cause = NULL;
	pid_t pid;
	int status;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_spawn");
	snprintf(path, sizeof path, "%s/out", dir);
	setenv("SPAWN_TEST", "old", 1);
	pid = spawn_start(argv, env, &cause);
	assert_true(pid > 0);
	status = wait_child(pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	assert_int_equal(spawn_reap(pid, &status), -1);
	out = slurp(path);
	assert_memory_equal(out, "$(touch pwned); `id` ;\n", 23);
	assert_non_null(strstr(out, "\nTEAMTOP_NAME=Ann Lee\n"));
	assert_non_null(strstr(out, "\nSPAWN_TEST=new\n"));
	assert_null(strstr(out, "SPAWN_TEST=old"));
	free(out);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* spawn_start_input: the command reads what the pipe carries. */
static void
test_input_reaches_the_command(void **state)
{
	char dir[4096], path[4200], cmd[4300], *out;
	char *argv[] = { "sh", "-c", "cat >\"$1\"", "sh", path, NULL };
	char *env[] = { NULL };
	char *cause = NULL;
	int in[2], status;
	pid_t pid;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_spawn");
	snprintf(path, sizeof path, "%s/in", dir);
	assert_int_equal(pipe(in), 0);
	pid = spawn_start_input(argv, env, in[0], &cause);
	close(in[0]);
	assert_true(pid > 0);
	assert_int_equal(write(in[1], "ann@contoso.com", 15), 15);
	close(in[1]);
	status = wait_child(pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	out = slurp(path);
	assert_string_equal(out, "ann@contoso.com");
	free(out);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_no_descriptor_of_ours_is_inherited(void **state)
{
	char dir[4096], path[4200], cmd[4300], *out, *p;
	char *argv[] = { "sh", "-c", "ls /proc/$$/fd >\"$1\"", "sh", path,
		NULL };
	char *env[] = { NULL };
	char *cause = NULL;
	int fd, status, n = 0;
	pid_t pid;

	(void)state;
	tmpdir_make(dir, sizeof dir, "test_spawn");
	snprintf(path, sizeof path, "%s/fds", dir);
	/* A descriptor without close-on-exec, as a library might leave. */
	fd = open("/dev/null", O_RDONLY);
	assert_true(fd > 2);
	pid = spawn_start(argv, env, &cause);
	assert_true(pid > 0);
	status = wait_child(pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	out = slurp(path);
	/* The shell's own, but not ours. */
	for (p = strtok(out, "\n"); p != NULL; p = strtok(NULL, "\n")) {
		assert_true(atoi(p) != fd);
		n++;
	}
	assert_true(n >= 3);
	close(fd);
	free(out);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_missing_command_ends_with_127(void **state)
{
	char *argv[] = { "teamtop-no-such-command", NULL };
	char *env[] = { NULL };
	char *cause = NULL;
	pid_t pid;
	int status;

	(void)state;
	pid = spawn_start(argv, env, &cause);
	assert_true(pid > 0);
	status = wait_child(pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 127);
}

static void
test_empty_command_is_refused(void **state)
{
	char *argv[] = { "", NULL };
	char *env[] = { NULL };
	char *cause = NULL;

	(void)state;
	assert_int_equal(spawn_start(argv, env, &cause), -1);
	assert_string_equal(cause, "the command is empty");
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_argv_and_environment_reach_the_command),
		cmocka_unit_test(test_input_reaches_the_command),
		cmocka_unit_test(test_no_descriptor_of_ours_is_inherited),
		cmocka_unit_test(test_missing_command_ends_with_127),
		cmocka_unit_test(test_empty_command_is_refused),
	};

	return cmocka_run_group_tests_name("spawn", tests, NULL, NULL);
}
