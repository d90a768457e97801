"""Parallax: compare how different outlets report the same event."""

import os as _os

# One OpenBLAS thread unless the user says otherwise. On two cores, OpenBLAS's spinning worker
# threads fight the GUI thread and each other: measured 5x slower alignments under load, and a
# starved event loop. Must be set before numpy is first imported.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def __getattr__(name: str) -> str:
    """``__version__``, looked up on first use: ``importlib.metadata`` costs 25 ms of start-up
    (email, zipfile, csv), which ``parallax align`` never needs."""
    if name != "__version__":
        raise AttributeError(f"module 'desktop' has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("parallax")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        version = "0.1.0"
    globals()["__version__"] = version
    return version
