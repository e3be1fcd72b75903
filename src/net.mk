# Configuration, credentials and tokens, and the libcurl wrapper.

libcore_a_SOURCES += src/cfg.c src/cfg.h src/cred.c src/cred.h \
	src/http.c src/http.h
