# Configuration, credentials and tokens, and the libcurl wrapper.
