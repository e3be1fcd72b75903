# Benchmarks: run with `make bench`, never part of `make check`. Each script
# gets the environment of the tests (GRAPHSIM, TEAMTOP, top_srcdir, ...).
# tests/bench/dashboard.sh is distributed by ui/local.mk.

GRAPHSIM_BENCH = tests/bench/graphsim.sh
EXTRA_DIST += $(GRAPHSIM_BENCH)
ALL_BENCH = $(GRAPHSIM_BENCH) tests/bench/dashboard.sh

bench: graphsim$(EXEEXT) teamtop$(EXEEXT)
	@$(AM_TESTS_ENVIRONMENT) \
	for s in $(ALL_BENCH); do \
		echo "== $$s"; \
		$(SHELL) $(top_srcdir)/$$s || exit 1; \
	done
.PHONY: bench
