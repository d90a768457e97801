"""Parallax: compare how different outlets report the same event."""

import os as _os
from importlib import metadata as _metadata

# One OpenBLAS thread unless the user says otherwise. On two cores, OpenBLAS's spinning worker
# threads fight the GUI thread and each other: measured 5x slower alignments under load, and a
# starved event loop. Must be set before numpy is first imported.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

try:
    __version__ = _metadata.version("parallax")
except _metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
