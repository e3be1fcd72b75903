# Manual pages (mdoc).
dist_man_MANS += man/graphsim.1
