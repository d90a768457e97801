"""The comparison engine: pure Python, no Qt, no reportlab. One package per stage of the data path.

::

    file on disk ──sources──▶ Source (text + Metadata)
                                 │ text: segment (sentences, language; tokens, scripts)
                                 ▼
                       passages of A, passages of B
                                 │ align: words + static embeddings -> candidate pairs -> groups
                                 ▼
                       groups (passages of A <-> passages of B)
                                 │ diff: word differences per group, classified by kind
                                 ▼
                       Comparison (model) ── pipeline.compare() runs the three steps above
                                 │ project: the analyst's corrections, notes, the .parallax file
                                 ▼
                       Project ──desktop.report──▶ the PDF briefing (citations from cite)

- ``model``: the frozen dataclasses every stage passes on (``Source``, ``Passage``, ``Group``,
  ``Difference``, ``Comparison``...)
- ``limits``: the size budget of every stage (file, text, passages, DOCX parts, web pages, PDF
  pages, notes, PDF layout) and the measurements behind it
- ``sources``: a file -> ``Source`` (readers per format, decoding, metadata)
- ``text``: a ``Source`` -> passages with offsets; tokens, language, Unicode script ranges
- ``align``: two lists of passages -> groups of passages that report the same facts
- ``diff``: an aligned group -> word differences and their kinds
- ``pipeline``: two sources -> one ``Comparison`` (segment, align, diff); CLI, GUI and PDF call it
- ``project``: a comparison as the analyst corrects and saves it (edits, notes, storage, autosave)
- ``cite``: source metadata as citations and reference-manager exports

The import-linter contract "core stages" in ``pyproject.toml`` keeps this order: a stage imports
only the stages below it.
"""
