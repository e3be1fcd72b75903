# graphsim, the emulator of the Graph presence API.

pkglibexec_PROGRAMS += graphsim
graphsim_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/graphsim \
	$(MHD_CFLAGS) $(CJSON_CFLAGS)
graphsim_SOURCES = tests/graphsim/main.c src/xmalloc.c src/xmalloc.h
graphsim_LDADD = $(MHD_LIBS) $(CJSON_LIBS)
