"""Date formats per language, read by Django through FORMAT_MODULE_PATH.

Only the named formats the templates use are set here; everything else (input formats, number
separators) falls back to Django's own module for the language.
"""
