# Colour themes, installed to $(pkgdatadir)/themes.
themesdir = $(pkgdatadir)/themes
dist_themes_DATA = themes/default.theme themes/light.theme \
	themes/mono.theme themes/high-contrast.theme \
	themes/colour-blind-safe.theme
