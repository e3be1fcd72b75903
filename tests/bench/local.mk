# Benchmarks: run with `make bench`, never part of `make check`. Each script
# gets the environment of the tests (GRAPHSIM, TEAMTOP, top_srcdir, ...).

GRAPHSIM_BENCH = tests/bench/graphsim.sh
EXTRA_DIST += $(GRAPHSIM_BENCH)

bench: graphsim$(EXEEXT)
	@$(AM_TESTS_ENVIRONMENT) \
	for s in $(GRAPHSIM_BENCH); do \
		echo "== $$s"; \
		$(SHELL) $(top_srcdir)/$$s || exit 1; \
	done
.PHONY: bench
