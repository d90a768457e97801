"""How responsive the workbench is.

1. Launch: wall time from starting a Python process to the main window shown (and painted),
   going through the CLI's parser as ``parallax gui`` does, median of several runs
   (target <= 1.5 s). For scale, the same process importing nothing
   but the CLI (``parallax --version``), which must not load Qt.
2. Stall: the longest gap in a 10 ms GUI timer while two generated sources of N sentences each
   are loaded and aligned in the background (target <= 100 ms), and then while the finished
   comparison is put on screen (panes, gutter, group list), which happens on the GUI thread.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_latency.py [--sentences 5000 | --seeds]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LAUNCH_CHILD = """
import os, sys, time
t0 = float(os.environ["PARALLAX_BENCH_T0"])
from desktop.cli import build_parser  # the path 'parallax gui' takes: the CLI first
build_parser().parse_args(["gui"])
from PySide6.QtCore import QSettings, QTimer
from desktop.ui.app import make_app
from desktop.ui.main_window import MainWindow
app = make_app()
window = MainWindow(QSettings(os.environ["PARALLAX_BENCH_INI"], QSettings.Format.IniFormat))
window.show()
def shown():
    app.processEvents()
    window.repaint()
    print(f"{time.time() - t0:.4f}")
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _child_env(folder: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PARALLAX_BENCH_INI"] = str(Path(folder) / "bench.ini")
    env["PARALLAX_DATA_DIR"] = folder
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def launch_times(runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        env = _child_env(folder)
        for _ in range(runs):
            env["PARALLAX_BENCH_T0"] = repr(time.time())
            out = subprocess.run([sys.executable, "-c", LAUNCH_CHILD], env=env, capture_output=True,
                                 text=True, check=True, cwd=ROOT)
            times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def cli_times(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desktop", "--version"], capture_output=True, check=True,
                       cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


# -- stall while aligning ----------------------------------------------------------------------

NAMES = ["Putin", "Xi", "Zelensky", "Biden", "Macron", "Scholz", "Lula", "Modi", "Erdogan", "Guterres"]
PLACES = ["Moscow", "Beijing", "Kyiv", "Washington", "Paris", "Berlin", "Brasilia", "Delhi", "Ankara"]
WORDS = [
    "the", "a", "talks", "summit", "leaders", "agreed", "said", "visit", "peace", "plan", "trade",
    "energy", "sanctions", "meeting", "officials", "ministers", "week", "statement", "support",
    "proposal", "countries", "security", "council", "war", "ceasefire", "deal", "export", "growth",
    "economy", "border", "troops", "aid", "negotiations", "delegation", "report", "agency", "press",
    "conference",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    words[rng.randrange(len(words))] = rng.choice(NAMES)
    words[rng.randrange(len(words))] = rng.choice(PLACES)
    words[rng.randrange(len(words))] = str(rng.randint(2, 2024))
    return " ".join(words).capitalize() + "."


def reworded(story: list[str], rng: random.Random, changed: float, own: float) -> list[str]:
    """Another outlet's report of ``story``: a share ``changed`` of its sentences with a word
    changed, a share ``own`` replaced by a sentence of its own, the rest left out."""
    out = []
    for s in story:
        roll = rng.random()
        if roll < changed:
            words = s.split()
            words[rng.randrange(len(words))] = rng.choice(WORDS + NAMES)
            out.append(" ".join(words))
        elif roll < changed + own:
            out.append(sentence(rng))
    return out


def paragraphs(sentences: list[str]) -> str:
    """Sentences as paragraphs of four."""
    return "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4))


def articles(n: int, seed: int = 7) -> tuple[str, str]:
    """Article A of ``n`` sentences; B keeps most of them with a word or two changed."""
    rng = random.Random(seed)
    a = [sentence(rng) for _ in range(n)]
    return paragraphs(a), paragraphs(reworded(a, rng, 0.75, 0.15))


def bench_window(app):
    """A shown main window on a throw-away data folder and settings file, autosave off (keep
    the returned folder alive as long as the window)."""
    from PySide6.QtCore import QSettings

    from desktop.ui.main_window import MainWindow

    folder = tempfile.TemporaryDirectory()
    os.environ["PARALLAX_DATA_DIR"] = folder.name
    window = MainWindow(QSettings(str(Path(folder.name) / "bench.ini"), QSettings.Format.IniFormat))
    window.files.stop_autosave()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    return window, folder


class Heartbeat:
    """A timer ticking every ``INTERVAL_MS`` on the GUI thread: a gap longer than the interval is
    how long the event loop was blocked. Gaps are kept per phase ("idle", "align", "show")."""

    INTERVAL_MS = 10

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.gaps: dict[str, list[int]] = {"idle": [], "align": [], "show": []}
        self.phase = "idle"
        self.last = 0
        self.timer = QTimer()
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def tick(self) -> None:
        now = self.clock.elapsed()
        self.gaps[self.phase].append(now - self.last)
        self.last = now

    def stop(self) -> None:
        self.tick()
        self.timer.stop()

    def longest_ms(self, phase: str) -> float:
        """The longest stall of a phase (its longest gap beyond the interval)."""
        return max(self.gaps[phase] or [0]) - self.INTERVAL_MS

    def p99_ms(self, phase: str) -> float:
        return _percentile(self.gaps[phase], 99) - self.INTERVAL_MS


def stall(n: int, seeds: bool = False) -> dict[str, float]:
    from PySide6.QtCore import QTimer

    from desktop.core.sources.loading import source_from_text
    from desktop.ui.app import make_app

    app = make_app()
    window, _folder = bench_window(app)
    if seeds:  # real news: the same-fact reader runs (generated text reads as versions)
        from desktop import paths
        from desktop.core.sources.loading import read_source

        a, b = (read_source(path) for path in paths.seed_files())
    else:
        text_a, text_b = articles(n)
        a, b = source_from_text(text_a), source_from_text(text_b)

    beat = Heartbeat()
    phase = {"t_start": 0.0, "t_result": 0.0, "t_shown": 0.0}
    original = window.files._adopt_new

    def adopt(project) -> None:  # the result arrives: from here the GUI thread does the work
        phase["t_result"] = time.perf_counter()
        beat.tick()
        beat.phase = "show"
        original(project)

    def shown() -> None:  # keep measuring for a second: the panes finish their layout in slices
        phase["t_shown"] = time.perf_counter()
        project = window.document.project
        phase["groups"] = len(project.comparison.groups) if project else 0
        QTimer.singleShot(1000, finish)

    def finish() -> None:
        beat.stop()
        window.document.reset(None)  # nothing unsaved: closing must not ask
        app.quit()

    def start() -> None:  # after an idle baseline: how much the machine alone delays the timer
        beat.phase = "align"
        phase["t_start"] = time.perf_counter()
        window.files.open_sources(a, b)

    window.files._adopt_new = adopt
    window.ready.connect(shown)
    beat.start()
    QTimer.singleShot(2000, start)
    app.exec()
    beat.timer.stop()
    window.runner.shutdown()
    return {
        "align_s": phase["t_result"] - phase["t_start"],
        "show_s": phase["t_shown"] - phase["t_result"],
        "stall_align_ms": beat.longest_ms("align"),
        "stall_show_ms": beat.longest_ms("show"),
        "p99_align_ms": beat.p99_ms("align"),
        "stall_idle_ms": beat.longest_ms("idle"),
        "p99_idle_ms": beat.p99_ms("idle"),
        "groups": phase.get("groups", 0),
    }


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeds", action="store_true", help="align the two sample articles instead")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    launch = launch_times(args.runs)
    cli = cli_times(args.runs)
    print(f"launch to window shown: median {statistics.median(launch):.2f} s "
          f"(min {min(launch):.2f}, max {max(launch):.2f}, {args.runs} runs; target <= 1.5 s)")
    print(f"'parallax --version' for scale: median {statistics.median(cli):.2f} s "
          f"(window/CLI ratio {statistics.median(launch) / statistics.median(cli):.1f}x)")

    result = stall(args.sentences, args.seeds)
    what = "the seed pair" if args.seeds else f"{args.sentences} x {args.sentences} sentences"
    print(f"{what}: aligned in {result['align_s']:.1f} s "
          f"({result['groups']} groups), put on screen in {result['show_s']:.2f} s")
    print(f"longest event-loop stall while aligning: {result['stall_align_ms']:.0f} ms "
          f"(99th percentile {result['p99_align_ms']:.0f} ms; target <= 100 ms)")
    print(f"baseline, same process idle for 2 s: longest {result['stall_idle_ms']:.0f} ms "
          f"(99th percentile {result['p99_idle_ms']:.0f} ms): what the machine's load alone adds")
    print(f"longest stall while putting the result on screen and for 1 s after (GUI thread): "
          f"{result['stall_show_ms']:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
