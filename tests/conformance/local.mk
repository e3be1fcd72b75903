# The conformance suite of graphsim: HTTP against a running graphsim.

CONFORMANCE_TESTS = tests/conformance/expiry.sh \
	tests/conformance/directory.sh tests/conformance/control.sh \
	tests/conformance/presence-write.sh tests/conformance/presence-read.sh \
	tests/conformance/presence-forms.sh \
	tests/conformance/token.sh tests/conformance/signin.sh \
	tests/conformance/delegated.sh tests/conformance/batch.sh \
	tests/conformance/throttle.sh tests/conformance/cli.sh
TESTS += $(CONFORMANCE_TESTS)
EXTRA_DIST += $(CONFORMANCE_TESTS) tests/conformance/common.sh
