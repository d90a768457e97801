"""Stage 3, alignment: ``align`` owns pairing the passages of two sources that report the same facts.

``align(texts_a, texts_b, tuning=Tuning(...))`` returns an ``Alignment``: ``Group``s (passage
indices on each side) and the record of the run (``EngineRun``: mode, passes, models). It scores
pairs lexically (``lexical``: TF-IDF spaces and containment), proposes candidates without the full
matrix (``candidates``) and grows one-to-many groups (``groups``): the version passes. Independent
reports are linked by the same-fact passes: static word-piece embeddings distilled from
all-MiniLM-L6-v2 (``static``, the file read by ``safetensors_io``, tokenised by ``minilm``'s
``WordPiece``), pair features (``pairfeatures``, ``evidence``, ``softmatch``) and fitted trees
(``samefact``), then the same-fact reader (``reading``: a small cross-encoder, ``crossencoder``,
reads the likeliest pairs and second trees decide them); ``reasons`` names each group's shared
fact and ``tuning`` holds every setting.
The shipped model files are named in ``models``; ``minilm`` (the numpy port) and ``minilm_quant``
serve packaging/make_static_model.py, which makes the static file.
"""

from desktop.core.align.engine import Alignment, align
from desktop.core.align.tuning import Tuning

__all__ = ["Alignment", "Tuning", "align"]
