# The core library (no curses) and the teamtop program.

noinst_LIBRARIES += libcore.a
libcore_a_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(CJSON_CFLAGS) \
	$(LIBCONFIG_CFLAGS) $(CRYPTO_CFLAGS) $(SQLITE_CFLAGS)
libcore_a_SOURCES = src/xmalloc.c src/xmalloc.h src/log.c src/log.h \
	src/completion.c src/completion.h src/history.c src/history.h \
	src/recorder.c src/recorder.h src/daybands.c src/daybands.h \
	src/exedir.c src/exedir.h

bin_PROGRAMS += teamtop
teamtop_SOURCES = src/main.c
teamtop_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ui $(NCURSES_CFLAGS) \
	$(CURL_CFLAGS) $(CJSON_CFLAGS) $(LIBCONFIG_CFLAGS)
teamtop_LDADD = libui.a libcore.a $(NCURSES_LIBS) $(CORE_LIBS)

check_PROGRAMS += tests/unit/test_xmalloc
TESTS += tests/unit/test_xmalloc
tests_unit_test_xmalloc_SOURCES = tests/unit/test_xmalloc.c
tests_unit_test_xmalloc_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_xmalloc_LDADD = $(UNIT_LDADD)

EXTRA_DIST += tests/lib/tap.sh tests/lib/graphsim.sh

check_PROGRAMS += tests/unit/test_daybands
TESTS += tests/unit/test_daybands
tests_unit_test_daybands_SOURCES = tests/unit/test_daybands.c
tests_unit_test_daybands_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_daybands_LDADD = $(UNIT_LDADD)

# Shell completion, written by the program from its own tables.
bashcompletiondir = $(datadir)/bash-completion/completions
zshcompletiondir = $(datadir)/zsh/vendor-completions
fishcompletiondir = $(datadir)/fish/vendor_completions.d

install-data-local:
	$(MKDIR_P) "$(DESTDIR)$(bashcompletiondir)" \
	    "$(DESTDIR)$(zshcompletiondir)" "$(DESTDIR)$(fishcompletiondir)"
	$(top_builddir)/teamtop completion bash \
	    >"$(DESTDIR)$(bashcompletiondir)/teamtop"
	$(top_builddir)/teamtop completion zsh \
	    >"$(DESTDIR)$(zshcompletiondir)/_teamtop"
	$(top_builddir)/teamtop completion fish \
	    >"$(DESTDIR)$(fishcompletiondir)/teamtop.fish"

uninstall-local:
	rm -f "$(DESTDIR)$(bashcompletiondir)/teamtop" \
	    "$(DESTDIR)$(zshcompletiondir)/_teamtop" \
	    "$(DESTDIR)$(fishcompletiondir)/teamtop.fish"
