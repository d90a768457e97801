"""The adapter of onnxruntime: the same-fact reader's encoder graph run with int8 products.

Every setting of onnxruntime that Parallax uses is here. The graph (``reader-int8.onnx``, written
by ``packaging/make_reader_graph.py``) computes the arithmetic ``reader_numpy`` computes (the
same values, but where float rounding lands one on the other side of a quantisation step);
onnxruntime runs its integer products about 3 times as fast as numpy computes the same (news
sentence pairs on two threads, ``benchmarks/reader_speed.py``: 2.7 against 8.5 ms a pair). One
session serves both reading threads: its ``run`` releases the interpreter lock and is safe to call
from two threads at once, so each call keeps to one thread of onnxruntime's own
(``intra_op_num_threads=1``) and the reader shares its batches as before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

RUNTIME = "onnxruntime"
Encoder = Callable[[np.ndarray, np.ndarray], np.ndarray]
PairGraph = Callable[[np.ndarray, np.ndarray], np.ndarray]


def available() -> bool:
    """Whether onnxruntime can be imported (it is a dependency; a broken install falls back)."""
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def load(graph: Path) -> Encoder:
    """``encoder(h0, bias) -> logits`` from the MiniLM reader's graph file. Raises ImportError
    without onnxruntime, OSError or ValueError for a missing or unreadable graph."""
    session = _session(graph)

    def encoder(h0: np.ndarray, bias: np.ndarray) -> np.ndarray:
        return session.run(["logit"], {"h0": h0, "bias": bias})[0]

    return encoder


def load_pair_graph(graph: Path) -> PairGraph:
    """``read(ids, mask) -> logits`` from a graph that reads word-piece ids itself (the larger
    reader's, ``packaging/make_mpnet_graph.py``; a teacher, not shipped, run with the same
    settings): ids and mask (n, length) int64, logits (n,). Raises as ``load``."""
    session = _session(graph)

    def read(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return session.run(["logit"], {"ids": ids, "mask": mask})[0].reshape(-1)

    return read


def _session(graph: Path):  # -> onnxruntime.InferenceSession (not imported at module level)
    """One session with the settings every reader graph runs with."""
    import onnxruntime as ort

    if not graph.is_file():
        raise OSError(f"{graph.name} is missing")
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # the reader's own two threads share the batches
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # Basic: constant folding (the graph's weight transposes, once) without the fusions of the
    # higher levels, which ran no faster here and cost 20 ms more a session (85 ms against 65).
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.log_severity_level = 3  # errors only: its notes on unused constants are not the analyst's
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        return ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
    except Exception as error:  # onnxruntime raises its own exception types for a bad file
        raise ValueError(f"{graph.name}: {error}") from error
