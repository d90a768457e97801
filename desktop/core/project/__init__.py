"""Stage 5, the analyst's work: ``project`` owns a comparison as the analyst corrects and keeps it.

- ``state``: ``Project`` (two sources: a comparison plus group statuses, notes and settings), immutable
- ``many``: ``ManyProject`` (2 to 12 sources: facts, notes on any source), and the two-source
  project as its N = 2 case (``from_pair``, ``to_pair``)
- ``edits``: pure functions from one ``Project`` to the next (the GUI's undo stack holds these);
  the note edits take a ``ManyProject`` too
- ``corrections``: pure corrections of the facts of a ``ManyProject`` (add/remove a passage, merge,
  split, confirm, reject, reference source, re-alignment)
- ``anchor``: notes tied to quoted text, re-found after the text or the segmentation changes
- ``storage``: the ``.parallax`` file (SQLite): atomic saves, refusals, migration, backups;
  ``tables``: its schema-2 tables and the upgrade of schema 1
- ``autosave``: periodic copies in the data folder and their recovery after a crash
- ``serialize``: a comparison as plain JSON data (the CLI's ``--json``)
"""
