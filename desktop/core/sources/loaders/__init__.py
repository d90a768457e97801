"""One reader per format. Each turns bytes into (text, Metadata) or raises ``Unreadable``.

``desktop.core.sources.loading`` picks the reader, checks the file, and turns ``Unreadable`` (and any
library exception) into a ``SourceError`` that names the file.
"""

from __future__ import annotations


class Unreadable(Exception):
    """The problem with a file, worded for the user, without the file name (the caller adds it)."""
