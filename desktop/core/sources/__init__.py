"""Stage 1, files in: ``sources`` owns everything between a file on disk and a ``Source``.

It checks the file (size, kind), picks the reader in ``loaders`` (plain text, Markdown, HTML,
DOCX, PDF), decodes and normalises the text, and fills ``Metadata`` from the file and its text
(``metadata``: front matter, headers, dates, authors). Callers need only ``read_source`` and
``source_from_text``; every problem reaches them as one ``SourceError`` naming the file.
"""

from desktop.core.sources.loading import read_source, source_from_text

__all__ = ["read_source", "source_from_text"]
