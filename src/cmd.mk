# The Graph calls, the roster and the one-shot commands.
