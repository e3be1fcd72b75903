# The presence model, durations, parsing of Graph JSON, text sanitising and
# output formats: pure code, no I/O.
