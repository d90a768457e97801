"""Stage 2, text: ``text`` owns how a source's text is cut and read, with character offsets kept.

- ``segment``: a ``Source`` -> its passages (paragraphs or sentences) at a ``Granularity``
- ``sentences``: sentence boundaries (sentencex plus the rules news text needs)
- ``language``: a guess of the language and whether a text is in another script
- ``tokens``: words and punctuation with their offsets, for the word diff
- ``scripts``: the Unicode script ranges (CJK, Arabic, Hebrew...), defined once for all of Parallax
"""
