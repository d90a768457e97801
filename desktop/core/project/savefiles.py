"""The files a save writes beside a project: one temporary, guarded by one lock file.

A save of ``x.parallax`` writes the hidden temporary ``.x.parallax.tmp`` and renames it over the
project; a save killed before the rename leaves that temporary behind. The temporary has a
fixed name, so at most one ever exists, and the next save or open of the project removes a
leftover one, which is only safe if no live save is writing it at that moment (two Parallax
windows, or the workbench and ``parallax brief --project``, can touch the same file).

Why a lock file, and this one:

- a fixed name created with ``O_EXCL`` plus stale detection would need to tell a dead writer from
  a slow one: by age (the old rule, ten minutes, let 98 temporaries pile up) or by a process id
  written into the file (ids are reused, and mean nothing on a network share);
- an operating-system lock dies with its process, whatever kills it (even SIGKILL), so "the lock
  is free" is exactly "no save is running". It is taken on ``.x.parallax.lock``, not on the
  project or the temporary: those are renamed and replaced by every save (Windows cannot rename
  an open file), and SQLite's own POSIX locks on the project must not meet ours;
- ``flock`` on POSIX (per open file, so SQLite closing its descriptors never drops it), one byte
  of ``msvcrt.locking`` on Windows. On a file system without locks the save goes on unguarded.

A save waits for the lock (``LOCK_WAIT`` seconds at most, then fails with a message), removes the
leftover temporary, writes and renames its own, and deletes the lock file before releasing it.
Whoever opened the lock file before that deletion finds, once it holds the lock, that the name now
names another file or none, and starts again. So a finished or failed save leaves neither file on
POSIX (Windows cannot delete an open file: an empty lock file stays there); a killed one leaves
both, and the next save or open removes them. An open takes the lock only if it is free at once,
and otherwise leaves the files to the live save.
"""

from __future__ import annotations

import errno
import glob
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

LOCK_WAIT = 10.0  # seconds a save waits for another process's save of the same file
_POLL = 0.02
_BUSY = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK})
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # a planted symlink fails the save, not redirects it
_LEGACY_AGE = 600.0  # seconds; temporaries of older versions had random names and no lock

if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        with suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        """Closing the descriptor releases a flock."""


def temp_path(target: Path) -> Path:
    """The one temporary a save of ``target`` writes."""
    return target.with_name(f".{target.name}.tmp")


def lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


@contextmanager
def save_lock(target: Path, *, wait: float | None = None) -> Iterator[Path]:
    """Hold the save lock of ``target`` with no leftover temporary; yields the temporary's path.

    Raises ``TimeoutError`` when another process keeps saving for ``wait`` seconds
    (``LOCK_WAIT`` by default); the temporary is gone on exit, whatever happened.
    """
    lock = lock_path(target)
    wait = LOCK_WAIT if wait is None else wait
    fd = _acquire(lock, wait)
    if fd is None:
        raise TimeoutError(f"another Parallax process has been saving it for over {wait:g} s")
    tmp = temp_path(target)
    try:
        _remove_temporaries(target)
        yield tmp
    finally:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        _release(fd, lock)


def remove_leftovers(target: Path) -> None:
    """Remove what killed saves of ``target`` left, unless a live save holds the lock; never fails
    (a read-only folder keeps its files, and opening the project goes on)."""
    lock = lock_path(target)
    with suppress(OSError):
        if not (temp_path(target).exists() or lock.exists() or _legacy(target)):
            return  # the usual case: nothing to do, and nothing is written
        fd = _acquire(lock, 0.0)
        if fd is None:
            return
        try:
            _remove_temporaries(target)
        finally:
            _release(fd, lock)


def _acquire(lock: Path, wait: float) -> int | None:
    """An open descriptor of ``lock`` holding its lock, or None after ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o666)
        if _try_lock(fd) and _names(fd, lock):
            return fd
        held = _names(fd, lock)  # not ours: busy, or deleted by the last holder (then retry at once)
        _unlock(fd)
        os.close(fd)
        if held and time.monotonic() >= deadline:
            return None
        if held:
            time.sleep(_POLL)


def _try_lock(fd: int) -> bool:
    try:
        _lock(fd)
    except OSError as exc:
        return exc.errno not in _BUSY  # no locks on this file system: go on unguarded
    return True


def _names(fd: int, lock: Path) -> bool:
    """Is the open ``fd`` still the file named ``lock``?"""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(lock))
    except FileNotFoundError:
        return False


def _release(fd: int, lock: Path) -> None:
    with suppress(OSError):
        lock.unlink()  # while still locked: see the module docstring
    _unlock(fd)
    os.close(fd)


def _remove_temporaries(target: Path) -> None:
    """The leftover temporary, and old versions' randomly named ones once they are ten minutes old."""
    temp_path(target).unlink(missing_ok=True)
    limit = time.time() - _LEGACY_AGE
    for stale in _legacy(target):
        with suppress(OSError):
            if stale.stat().st_mtime < limit:
                stale.unlink()


def _legacy(target: Path) -> list[Path]:
    return list(target.parent.glob(f".{glob.escape(target.name)}.{'[0-9a-f]' * 8}.tmp"))
