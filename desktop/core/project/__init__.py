"""Stage 5, the analyst's work: ``project`` owns a comparison as the analyst corrects and keeps it.

- ``state``: ``Project`` (a comparison plus group statuses, notes and settings), immutable
- ``edits``: pure functions from one ``Project`` to the next (the GUI's undo stack holds these)
- ``anchor``: notes tied to quoted text, re-found after the text or the segmentation changes
- ``storage``: the ``.parallax`` file (SQLite): atomic saves, refusals, migration
- ``autosave``: periodic copies in the data folder and their recovery after a crash
- ``serialize``: a comparison as plain JSON data (the CLI's ``--json``)
"""
