# Benchmarks: run with `make bench`, never part of `make check`. Each script
# gets the environment of the tests (GRAPHSIM, TEAMTOP, top_srcdir, ...).
# tests/bench/dashboard.sh is distributed by ui/local.mk.

GRAPHSIM_BENCH = tests/bench/graphsim.sh
EXTRA_DIST += $(GRAPHSIM_BENCH) tests/bench/memory.sh
ALL_BENCH = $(GRAPHSIM_BENCH) tests/bench/dashboard.sh tests/bench/memory.sh \
	tests/bench/scale.sh
EXTRA_DIST += tests/bench/scale.sh tests/bench/README

# A C benchmark of the dashboard's view rebuild, built only by `make bench`.
EXTRA_PROGRAMS = tests/bench/view
tests_bench_view_SOURCES = tests/bench/view.c
tests_bench_view_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ui $(NCURSES_CFLAGS)
tests_bench_view_LDADD = libui.a libcore.a $(NCURSES_LIBS) $(CORE_LIBS)
CLEANFILES += tests/bench/view$(EXEEXT)

# The pseudo-terminal that tests/bench/scale.sh runs the dashboard on.
EXTRA_PROGRAMS += tests/bench/pty
tests_bench_pty_SOURCES = tests/bench/pty.c
CLEANFILES += tests/bench/pty$(EXEEXT)

bench: graphsim$(EXEEXT) teamtop$(EXEEXT) tests/bench/view$(EXEEXT) \
    tests/bench/pty$(EXEEXT)
	@echo "== tests/bench/view"; tests/bench/view$(EXEEXT) || exit 1
	@$(AM_TESTS_ENVIRONMENT) \
	BENCH_PTY=$(abs_top_builddir)/tests/bench/pty$(EXEEXT); export BENCH_PTY; \
	for s in $(ALL_BENCH); do \
		echo "== $$s"; \
		$(SHELL) $(top_srcdir)/$$s || exit 1; \
	done
.PHONY: bench
