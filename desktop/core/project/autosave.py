"""Autosave and crash recovery for project files.

Autosaves are ordinary ``.parallax`` files in ``<data dir>/autosave/`` (``PARALLAX_DATA_DIR``
overrides the data dir, e.g. in tests), written atomically like a save. Each records the
project's own path (empty for an untitled project) and the id of the process that wrote it.

The workbench calls ``write_autosave(project, project_path)`` every few minutes while there are
unsaved changes, ``discard_autosave(project_path)`` after a successful save or a close without
saving, and ``find_recoverable()`` at start, before its first autosave (an untitled project's
autosave is named after the process id, which a crashed process may have shared): what is left
then is what a crash left behind.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from desktop.core.model import ParallaxError
from desktop.core.project.savefiles import remove_leftovers
from desktop.core.project.state import Project
from desktop.core.project.storage import SUFFIX, read_info, write_atomic

ENV_DATA_DIR = "PARALLAX_DATA_DIR"

_written: set[Path] = set()  # autosaves this process wrote: never offered back to it


def data_dir() -> Path:
    """Parallax's per-user data folder (not created here)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "Parallax"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "Parallax"
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "parallax"


def autosave_dir() -> Path:
    return data_dir() / "autosave"


def autosave_path(project_path: str | Path | None) -> Path:
    """Where the autosave of a project lives; an untitled project's is per process."""
    if project_path is None:
        name = f"untitled-{os.getpid()}"
    else:
        resolved = Path(project_path).resolve()
        digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:12]
        stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in resolved.stem)[:40]
        name = f"{stem or 'project'}-{digest}"
    return autosave_dir() / f"{name}{SUFFIX}"


def write_autosave(project: Project, project_path: str | Path | None = None) -> Path:
    """Autosave ``project`` (saved at ``project_path``, or None when untitled); returns the file."""
    target = autosave_path(project_path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ParallaxError(f"Cannot autosave into {target.parent}: {exc.strerror or exc}.") from None
    original = "" if project_path is None else str(Path(project_path).resolve())
    write_atomic(project, target, {"original_path": original, "pid": str(os.getpid())})
    _written.add(target)
    return target


def find_recoverable() -> list[Path]:
    """Autosaves left by processes that ended without discarding them, newest first.

    Autosaves of this process and of other running Parallax processes are not listed.
    """
    folder = autosave_dir()
    if not folder.is_dir():
        return []
    _remove_killed_autosaves(folder)
    found: list[tuple[float, Path]] = []
    for path in folder.glob(f"*{SUFFIX}"):
        if path in _written or not path.is_file():
            continue
        if _still_running(path):
            continue
        found.append((path.stat().st_mtime, path))
    return [p for _, p in sorted(found, key=lambda item: (-item[0], item[1].name))]


def autosave_origin(autosave: str | Path) -> Path | None:
    """The project file an autosave belongs to; None for an untitled project or an unreadable file."""
    try:
        original = read_info(Path(autosave)).get("original_path", "")
    except ParallaxError:
        return None
    return Path(original) if original else None


def discard_autosave(path: str | Path | None = None) -> None:
    """Delete an autosave: give the autosave file itself, or the project's path (None: untitled)."""
    target = Path(path) if path is not None else autosave_path(None)
    if target.resolve().parent != autosave_dir().resolve():
        target = autosave_path(target)
    target.unlink(missing_ok=True)
    remove_leftovers(target)
    _written.discard(target)


def _remove_killed_autosaves(folder: Path) -> None:
    """The temporaries of autosaves killed before their rename (unless a live process is writing
    them): an untitled project's autosave is named after its process, so no later save or open
    of the same name would ever remove them."""
    for tmp in folder.glob(f".*{SUFFIX}.tmp"):
        remove_leftovers(folder / tmp.name[1:-len(".tmp")])


def _still_running(path: Path) -> bool:
    """True when the autosave's writer is another live process (another open window)."""
    try:
        pid = int(read_info(path).get("pid", "0"))
    except (ParallaxError, ValueError):
        return False
    return pid > 0 and pid != os.getpid() and _pid_alive(pid)


def _pid_alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
