"""Kill saving processes at random moments and check what is left (run by test_save_leftovers).

``python killed_saves.py PROJECT KILLS SEED`` imports Parallax once, then KILLS times forks a child
that saves PROJECT in a loop (the title counts the saves; each completed save is reported through
a pipe) and SIGKILLs it after a random delay. After each kill it records how many temporaries and
lock files lie beside the project, reads the project back and checks it holds the last reported
save or the one after it (completed but killed before reporting), then cleans up by a save
(odd kills) or an open (even kills) and records what is left. Prints one JSON report.
POSIX only (fork, SIGKILL). Forking keeps 30 kills within a few seconds: no import per child.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE.parent), str(HERE)]

from projkit import comparison, source  # noqa: E402

from desktop.core.model import Group  # noqa: E402
from desktop.core.project.state import Project  # noqa: E402
from desktop.core.project.storage import load_project, save_project  # noqa: E402


def big_project() -> Project:
    """2,000 groups: a save takes long enough (tens of ms) for kills to land inside it."""
    paragraphs = [[f"Sentence {p}.{s} about the talks in Moscow." for s in range(10)] for p in range(200)]
    a, pa = source(paragraphs)
    groups = [Group((i,), (i,), 0.5) for i in range(len(pa))]
    c = comparison(groups=groups[:1])
    c = replace(c, a=a, b=a, passages_a=pa, passages_b=pa, only_a=(), only_b=(),
                groups=tuple(replace(c.groups[0], group=g, differences=()) for g in groups))
    return Project.new(c)


def titled(project: Project, n: int) -> Project:
    return replace(project, settings=replace(project.settings, title=str(n)))


def saver(project: Project, path: Path, first: int, out: int) -> None:
    """The child: save forever, reporting each completed save."""
    try:
        n = first
        while True:
            save_project(titled(project, n), path)
            os.write(out, f"{n}\n".encode())
            n += 1
    finally:
        os._exit(1)


def reported(fd: int) -> list[int]:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return [int(x) for x in b"".join(chunks).split()]


def stored_title(path: Path) -> int:
    """The saved title, read without Parallax (so without its cleanup of leftovers)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return int(json.loads(conn.execute("SELECT value FROM settings WHERE key = 'title'").fetchone()[0]))
    finally:
        conn.close()


def leftovers(path: Path) -> tuple[int, int]:
    names = [p.name for p in path.parent.iterdir() if p != path]
    return sum(n.endswith(".tmp") for n in names), sum(n.endswith(".lock") for n in names)


def main(path: Path, kills: int, seed: int) -> dict[str, object]:
    project = big_project()
    started = time.perf_counter()
    save_project(titled(project, 0), path)
    save_time = time.perf_counter() - started
    rng = random.Random(seed)
    report: dict[str, object] = {"kills": 0, "after_a_completed_save": 0, "left_a_temporary": 0,
                                 "most_temporaries": 0, "most_locks": 0, "wrong": [], "not_cleaned": [],
                                 "save_ms": round(save_time * 1000)}
    n = 1
    for k in range(kills):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            saver(project, path, n, w)
        os.close(w)
        time.sleep(rng.uniform(0.0, 3 * save_time))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        report["kills"] += 1
        done = reported(r)
        last = done[-1] if done else n - 1
        report["after_a_completed_save"] += bool(done)
        temps, locks = leftovers(path)
        report["left_a_temporary"] += temps > 0
        report["most_temporaries"] = max(report["most_temporaries"], temps)
        report["most_locks"] = max(report["most_locks"], locks)
        title = stored_title(path)
        if title not in (last, last + 1):
            report["wrong"].append({"kill": k, "title": title, "last_reported": last})
        if k % 2:
            save_project(titled(project, title + 1), path)  # the next save removes the leftovers
            n = title + 2
        else:
            loaded = load_project(path)  # the next open removes them (and must succeed)
            if loaded.settings.title != str(title) or len(loaded.comparison.groups) != 2000:
                report["wrong"].append({"kill": k, "loaded": loaded.settings.title})
            n = title + 1
        if leftovers(path) != (0, 0):
            report["not_cleaned"].append({"kill": k, "by": "save" if k % 2 else "open"})
    return report


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))))
