# The Graph calls, the roster and the one-shot commands.

dist_man_MANS += man/teamtop.1
