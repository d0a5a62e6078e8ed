"""The language codes resdiff knows, importable without loading any language module.

The command line's ``--lang`` choice needs them at start-up; :mod:`resdiff.lang` holds the
knowledge itself.
"""

SUPPORTED = ("ar", "en", "es", "fr", "ru", "zh")
