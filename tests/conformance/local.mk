# The conformance suite of graphsim: HTTP against a running graphsim.
