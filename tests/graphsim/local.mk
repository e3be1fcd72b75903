# graphsim, the emulator of the Graph presence API.

pkglibexec_PROGRAMS += graphsim
graphsim_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/graphsim \
	$(MHD_CFLAGS) $(CJSON_CFLAGS) $(CRYPTO_CFLAGS) $(ZLIB_CFLAGS)
graphsim_SOURCES = tests/graphsim/main.c \
	tests/graphsim/auth.c tests/graphsim/auth.h \
	tests/graphsim/batch.c tests/graphsim/batch.h \
	tests/graphsim/clock.c tests/graphsim/clock.h \
	tests/graphsim/control.c tests/graphsim/control.h \
	tests/graphsim/directory.c tests/graphsim/directory.h \
	tests/graphsim/jbuf.c tests/graphsim/jbuf.h \
	tests/graphsim/login.c tests/graphsim/login.h \
	tests/graphsim/names.c tests/graphsim/names.h \
	tests/graphsim/presence.c tests/graphsim/presence.h \
	tests/graphsim/presence_api.c tests/graphsim/presence_api.h \
	tests/graphsim/rng.c tests/graphsim/rng.h \
	tests/graphsim/server.c tests/graphsim/server.h \
	tests/graphsim/simulate.c tests/graphsim/simulate.h \
	tests/graphsim/tenant.c tests/graphsim/tenant.h \
	src/xmalloc.c src/xmalloc.h
graphsim_LDADD = $(MHD_LIBS) $(CJSON_LIBS) $(CRYPTO_LIBS) $(ZLIB_LIBS)
