"""The frozen bundle's size and start-up time.

    .venv/bin/python benchmarks/bundle.py [--build] [--runs 10] [--dist dist/parallax]

Builds ``dist/parallax`` with .venv-build's PyInstaller (see .ci/build-venv) first when it is
missing (or with ``--build``),
then prints

- the bundle's size (sum of file sizes, symlinks not followed), its largest parts and the size
  of the folder as a .tar.gz;
- the median wall time of ``parallax --version`` (process start to exit: the frozen start-up cost);
- the median wall time of ``parallax gui --screenshot OUT.png`` offscreen: start, show the empty
  workbench, grab it and exit, an upper bound of "start to window";
- the same with the two seeds, which also loads and aligns them before the grab;

each beside the same command run from source (``python -m desktop``) in the same process, as the
baseline. Targets: the folder <= 200 MB and the .tar.gz download <= 100 MB (issue 10, which
withdrew issue 6's 150 MB folder target), start to window <= 2 s (issue 6).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))[:2]
MB = 1_000_000
MIB = 1 << 20
FOLDER_TARGET_MB = 200
DOWNLOAD_TARGET_MB = 100


def build(dist: Path) -> None:
    """Build with PyInstaller from .venv-build, the build environment .ci/build-venv makes."""
    pyinstaller = REPO / ".venv-build" / "bin" / "pyinstaller"
    subprocess.run(["bash", "-c", "source .ci/build-venv"], cwd=REPO, check=True)
    print(f"building {dist} with {pyinstaller} ...", flush=True)
    start = time.perf_counter()
    subprocess.run([str(pyinstaller), "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist.parent), "--workpath", str(REPO / "build" / "pyinstaller"),
                    str(REPO / "build.spec")], cwd=REPO, check=True)
    print(f"built in {time.perf_counter() - start:.0f} s")


def sizes(root: Path) -> tuple[int, int, dict[str, int]]:
    """(total bytes, file count, bytes per top-level part of _internal) without following symlinks."""
    total = count = 0
    parts: dict[str, int] = {}
    for path in root.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        count += 1
        rel = path.relative_to(root).parts
        key = "/".join(rel[:3]) if rel[:2] == ("_internal", "PySide6") else "/".join(rel[:2])
        parts[key] = parts.get(key, 0) + size
    return total, count, parts


def timed(cmd: list[str], runs: int, env: dict[str, str], cwd: Path) -> list[float]:
    """Wall times of ``runs`` runs; the first (cold file cache) run is made and dropped beforehand."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
        if i:
            times.append(elapsed)
    return times


def report(label: str, frozen: list[float], source: list[float]) -> None:
    f, s = statistics.median(frozen), statistics.median(source)
    print(f"{label:<34} frozen median {f:6.3f} s (min {min(frozen):.3f}, max {max(frozen):.3f})"
          f"   source {s:6.3f} s   frozen/source {f / s:4.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist" / "parallax")
    parser.add_argument("--build", action="store_true", help="rebuild the bundle first")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command (default 10)")
    parser.add_argument("--gui-runs", type=int, default=5, help="timed runs of each screenshot (default 5)")
    args = parser.parse_args()
    exe = args.dist / ("parallax.exe" if os.name == "nt" else "parallax")
    if args.build or not exe.exists():
        build(args.dist)

    total, count, parts = sizes(args.dist)
    print(f"bundle {args.dist}: {total / MB:.1f} MB ({total / MIB:.1f} MiB) in {count} files"
          f"   target <= {FOLDER_TARGET_MB} MB: {'met' if total <= FOLDER_TARGET_MB * MB else 'NOT met'}")
    for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:10]:
        print(f"  {size / MB:6.1f} MB  {name}")
    if shutil.which("tar") and shutil.which("gzip"):
        packed = subprocess.run(f"tar -C '{args.dist.parent}' -czf - '{args.dist.name}' | wc -c",
                                shell=True, capture_output=True, text=True, check=True)
        download = int(packed.stdout)
        print(f"as a .tar.gz download: {download / MB:.1f} MB   target <= {DOWNLOAD_TARGET_MB} MB: "
              f"{'met' if download <= DOWNLOAD_TARGET_MB * MB else 'NOT met'}")

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    source = [sys.executable, "-m", "desktop"]
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        report("parallax --version", timed([str(exe), "--version"], args.runs, env, cwd),
               timed([*source, "--version"], args.runs, {**env, "PYTHONPATH": str(REPO)}, cwd))
        shot = str(cwd / "shot.png")
        empty = ["gui", "--screenshot", shot]
        frozen = timed([str(exe), *empty], args.gui_runs, env, cwd)
        report("gui --screenshot (empty window)", frozen,
               timed([*source, *empty], args.gui_runs, {**env, "PYTHONPATH": str(REPO)}, cwd))
        print(f"start to window target <= 2 s: {'met' if statistics.median(frozen) <= 2 else 'NOT met'}"
              " (start, show the window, grab it, exit)")
        seeds = ["gui", *(str(s) for s in SEEDS), "--screenshot", shot]
        report("gui SEEDS --screenshot (aligned)", timed([str(exe), *seeds], args.gui_runs, env, cwd),
               timed([*source, *seeds], args.gui_runs, {**env, "PYTHONPATH": str(REPO)}, cwd))
        print("  (start, show, load and align the two seeds, grab, exit)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
