# Colour themes, installed to $(pkgdatadir)/themes.
themesdir = $(pkgdatadir)/themes
dist_themes_DATA =
