"""Stage 4, differences: ``diff`` owns what changed between the passages of an aligned group.

``words.diff_group`` gives word-level ``Difference``s with offsets into each source's text;
``kinds`` classifies each one (a changed number, name, date or quote; a rewording...) as a
``DiffKind``.
"""
