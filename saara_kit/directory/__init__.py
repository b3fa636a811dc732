"""The resource directory (annuaire): training resources found, suggested, moderated and shared,
in French, Arabic and English, offline."""
