"""Parent digests: what a parent's periodic summary says, and when it is due.

The modules here that decide things (``period``, ``content``, ``privacy``, ``prompts``,
``text``) are pure: plain values in, plain values out. ``store``
reads and writes the database, ``controllers`` serves digests over HTTP.
"""
