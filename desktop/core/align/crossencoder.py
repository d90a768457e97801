"""The same-fact reader: both passages read together by a small transformer.

(``PairReader`` is what every reader shares, batching and threads: this one, and the larger
all-mpnet-base-v2 reader that is measured as a teacher and not shipped,
``packaging/mpnet_teacher.py``.)

A bi-encoder (the static vectors) compares two passages through one vector each, so "the same
people, a different thing said about them" looks like "the same fact". A cross-encoder reads the
pair as one input ``[CLS] a [SEP] b [SEP]`` and can attend from a word of one passage to a word of
the other. This one is all-MiniLM-L6-v2's encoder with a one-logit head, fine-tuned in three
stages (torch, development tools only): on ECB+ training same-event sentence pairs
(``packaging/train_cross_encoder.py``), then on the team's same-fact gold of 200 ECB+ training
article pairs (``packaging/train_reader.py``), then on the 31 pairs of the news-facts
development gold (``packaging/train_reader_dev.py``). Its feed-forward layers use GELU's tanh form
(``minilm.gelu_tanh``: three times as fast in numpy, within 0.04 logit of the torch model). The
weights are stored as int8 with a float32 scale per row (``minilm_quant``, written by
``packaging/make_cross_encoder.py``): the embeddings are multiplied back on load (the word-piece
table row by row as it is looked up), here in numpy; the encoder's matrices stay int8.

Runtimes: the encoder layers run as an onnxruntime graph with int8 products (``reader_onnx``,
``reader-int8.onnx``) where onnxruntime is installed, else in numpy (``reader_numpy``), which
computes the same arithmetic about 3 times slower (logits within 0.02 on average, 0.15 at
most: values within rounding of a quantisation step can land on either side); ``runtime`` says
which one a reader uses. Both quantise each token's activations to uint8 over the token's own
range for the products (the stored weights are int8 already): the reader's logits moved by 0.036
on average from float32 activations (0.26 at most, 3,570 news-facts pairs), and the second trees
are fitted on the new logits.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from desktop.core.align import reader_numpy, reader_onnx
from desktop.core.align.background import Background
from desktop.core.align.minilm import HIDDEN, WordPiece, _basic_words, _layer_norm, length_batches
from desktop.core.align.safetensors_io import read_safetensors

WEIGHTS = "cross-encoder.safetensors"
GRAPH = "reader-int8.onnx"  # the encoder layers for onnxruntime (``packaging/make_reader_graph.py``)
NUMPY = "numpy"
WORD_TABLE = "embeddings.word_embeddings.weight"
SETTINGS = "reader.json"  # {"max_pair_tokens": the length the reader was trained at}
MARKS = (("[CLS]",), ("[SEP]",), ("[SEP]",))  # [CLS] a [SEP] b [SEP]


def dequantised(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """float32 tensors: a name with a ``.q`` int8 tensor and a ``.scale`` is multiplied back."""
    out = {}
    for name, value in weights.items():
        if name.endswith(".scale"):
            continue
        if name.endswith(".q"):
            base = name[:-2]
            out[base] = value.astype(np.float32) * weights[base + ".scale"]
        else:
            out[name] = np.asarray(value, dtype=np.float32)
    return out


class PairReader:
    """``scores(pairs)``: one logit per (a, b) pair; higher means more likely the same fact. This
    class reads a model folder's vocabulary and settings, cuts each pair into
    ``start a middle b end`` (the model's ``marks``) and batches and shares the work; a reader
    reads a batch (``_logits``)."""

    runtime: str

    def __init__(self, model_dir: Path, marks: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
                 ) -> None:
        """``marks``: the tokens before, between and after the two passages."""
        vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
        self.tokenizer = WordPiece([v for v in vocab if v])
        settings = json.loads((model_dir / SETTINGS).read_text(encoding="utf-8"))
        self.max_pair_tokens = int(settings["max_pair_tokens"])
        start, middle, end = ([self.tokenizer.ids[token] for token in part] for part in marks)
        self.marks = (start, middle, end)
        self._pieces: dict[str, list[int]] = {}

    def pieces(self, text: str) -> list[int]:
        """The word pieces of a passage (cached: a passage is paired with many others)."""
        found = self._pieces.get(text)
        if found is None:
            found = []
            for word in _basic_words(text):
                found.extend(self.tokenizer._word_pieces(word))
                if len(found) >= self.max_pair_tokens:
                    break
            self._pieces[text] = found
        return found

    def pair_pieces(self, a: str, b: str) -> int:
        """How many tokens the reader reads of the pair, marks included (at most
        ``max_pair_tokens``): what reading it costs."""
        marked = len(self.pieces(a)) + len(self.pieces(b)) + sum(map(len, self.marks))
        return min(marked, self.max_pair_tokens)

    def _pair_input(self, a: str, b: str) -> tuple[list[int], int]:
        return _pair_ids(self.pieces(a), self.pieces(b), self.marks, self.max_pair_tokens)

    def _logits(self, batch: list[tuple[list[int], int]]) -> np.ndarray:
        raise NotImplementedError

    def scores(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 8, threads: int = 2,
               tick: Callable[[], None] = lambda: None) -> np.ndarray:
        """Logits, shape (len(pairs),). Pairs of similar length are batched together; with
        ``threads=2`` the batches are shared by this thread and one other (numpy's products
        release the interpreter lock: on two cores the reading takes about half as long, with
        the same values). ``tick`` is called between batches (it may raise to cancel).
        Batches of 8 were the fastest measured (``benchmarks/reader_speed.py``; the seed pair's
        64 paragraph pairs: 0.74 s, against 0.92 s in batches of 32)."""
        inputs = [self._pair_input(a, b) for a, b in pairs]
        out = np.zeros(len(inputs), dtype=np.float32)
        batches = list(length_batches([len(ids) for ids, _ in inputs], _even_batch(len(inputs), batch_size)))

        def read(mine: list[list[int]], tick: Callable[[], None]) -> None:
            for batch in mine:
                out[batch] = self._logits([inputs[i] for i in batch])
                tick()

        if len(batches) < 2 or threads < 2:
            read(batches, tick)
            return out
        with Background(1) as bg:
            job = bg.submit(read, batches[1::2], bg.tick)
            read(batches[::2], tick)
            bg.result(job, tick)
        return out


class CrossEncoder(PairReader):
    """The MiniLM reader: ``[CLS] a [SEP] b [SEP]``, its layers in onnxruntime or numpy."""

    def __init__(self, model_dir: Path, runtime: str = reader_onnx.RUNTIME) -> None:
        """``runtime``: ``reader_onnx.RUNTIME`` (onnxruntime where it is installed and the graph
        loads, else numpy) or ``NUMPY``."""
        self.encoder, self.runtime, raw = _encoder(model_dir, runtime)
        super().__init__(model_dir, MARKS)
        # The word-piece table (30,522 rows) stays int8: a run looks up a few hundred of its rows.
        self.word_q, self.word_scale = raw.pop(WORD_TABLE + ".q"), raw.pop(WORD_TABLE + ".scale")
        embeddings = dequantised({k: v for k, v in raw.items() if k.startswith("embeddings.")})
        self.position = embeddings["embeddings.position_embeddings.weight"]
        self.token_type = embeddings["embeddings.token_type_embeddings.weight"]
        self.ln0 = (embeddings["embeddings.LayerNorm.weight"], embeddings["embeddings.LayerNorm.bias"])

    def _logits(self, batch: list[tuple[list[int], int]]) -> np.ndarray:
        return self.encoder(*self._first_states(batch))

    def _first_states(self, batch: list[tuple[list[int], int]]) -> tuple[np.ndarray, np.ndarray]:
        """The embeddings' output (n, length, 384) and the attention bias (n, 1, 1, length)."""
        length = max(len(ids) for ids, _ in batch)
        tokens = np.zeros((len(batch), length), dtype=np.int64)
        types = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, (ids, first) in enumerate(batch):
            tokens[row, :len(ids)] = ids
            types[row, first:len(ids)] = 1
            mask[row, :len(ids)] = 1.0
        words = self.word_q[tokens].astype(np.float32) * self.word_scale[tokens]
        h = words + self.position[:length] + self.token_type[types]
        h = _layer_norm(h, *self.ln0).astype(np.float32)
        bias = ((1.0 - mask)[:, None, None, :] * -1e9).astype(np.float32)
        return h, bias


def _encoder(model_dir: Path, runtime: str
             ) -> tuple[reader_numpy.Encoder | reader_onnx.Encoder, str, dict[str, np.ndarray]]:
    """The encoder layers, the runtime that runs them (onnxruntime if asked for, installed and the
    graph loads, else numpy: the same values, slower) and the weights this side reads: for
    onnxruntime only the embeddings (the graph reads the layer matrices from the same file
    itself), for numpy all of them."""
    weights = model_dir / WEIGHTS
    if runtime == reader_onnx.RUNTIME and reader_onnx.available():
        embeddings = read_safetensors(weights, ("embeddings.",))  # first: says if the file is cut
        try:
            return reader_onnx.load(model_dir / GRAPH), reader_onnx.RUNTIME, embeddings
        except (OSError, ValueError):
            pass
    raw = read_safetensors(weights)
    w = dequantised({k: v for k, v in raw.items() if k.startswith(("pooler.", "classifier."))})
    pooler = (w["pooler.dense.weight"].T.copy(), w["pooler.dense.bias"])
    head = (w["classifier.weight"][0], float(w["classifier.bias"][0]))
    return reader_numpy.Encoder(raw, pooler, head), NUMPY, raw


def _even_batch(count: int, batch_size: int) -> int:
    """A batch size of at most ``batch_size`` that cuts ``count`` pairs into an even number of
    batches of nearly equal size, so that both threads finish together (44 pairs: 22 + 22,
    not 32 + 12)."""
    batches = 2 * -(-count // (2 * batch_size))
    return max(1, -(-count // max(1, batches)))


def _pair_ids(a: list[int], b: list[int], marks: tuple[list[int], list[int], list[int]],
              max_tokens: int) -> tuple[list[int], int]:
    """``start a middle b end`` (MiniLM: ``[CLS] a [SEP] b [SEP]``) cut to ``max_tokens`` the way
    the trainer's tokenizer cuts ("longest first": a piece comes off the longer passage until the
    pair fits), and where the second segment starts."""
    start, middle, end = marks
    room = max_tokens - len(start) - len(middle) - len(end)
    la, lb = len(a), len(b)
    while la + lb > room:
        if la > lb:
            la -= 1
        else:
            lb -= 1
    ids = [*start, *a[:la], *middle, *b[:lb], *end]
    return ids, la + len(start) + len(middle)


__all__ = ["HIDDEN", "CrossEncoder", "PairReader"]
