"""Stage 3, alignment: ``align`` owns pairing the passages of two sources that report the same facts.

``engine.align(texts_a, texts_b)`` returns ``Group``s (passage indices on each side). It scores
pairs lexically (``lexical``: TF-IDF spaces and containment), proposes candidates without the full
matrix (``candidates``), grows one-to-many groups (``groups``), and adds a semantic pass with
all-MiniLM-L6-v2 run in numpy (``semantic`` -> ``minilm``, int8 weights from ``minilm_quant``,
files read by ``safetensors_io``).
"""

from desktop.core.align.engine import Alignment, align
from desktop.core.align.tuning import Tuning

__all__ = ["Alignment", "Tuning", "align"]
