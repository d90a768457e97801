"""A longer fuzz campaign over the test suite's targets (tests/fuzzing.py): readers of every format,
notes files, project files, align-batch lines.

    python benchmarks/fuzz_inputs.py --examples 2000 [--target read.pdf ...] [--seed 1]

For each target: how many inputs ran, how many gave a result and how many a one-line error, the
failures (a traceback, a multi-line or unnamed error, a hang past the guard) counted per distinct
message with the first input that gave it, the median and slowest time, and the slowest input's
size. Failures do not stop the run (no shrinking: the suite's hypothesis test shrinks a failure
once it is known). It imports the targets from tests/ rather than copying them, so the campaign
and the suite cannot drift apart.
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _common import REPO

sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "core")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fuzzing import TARGETS, Failure, Target  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402


@dataclass
class Tally:
    outcomes: dict[str, int] = field(default_factory=lambda: {"result": 0, "error": 0, "failure": 0})
    times: list[float] = field(default_factory=list)
    slowest: tuple[float, int] = (0.0, 0)
    failures: dict[str, tuple[int, str]] = field(default_factory=dict)  # message -> (count, first input)


def run_target(target: Target, examples: int, run_seed: int) -> Tally:
    tally = Tally()

    @seed(run_seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(target.inputs)
    def one(data: object) -> None:
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            try:
                outcome = target.run(data, Path(folder))
            except Failure as exc:
                outcome = "failure"
                count, first = tally.failures.get(str(exc), (0, _show(data)))
                tally.failures[str(exc)] = (count + 1, first)
        elapsed = time.perf_counter() - started
        tally.outcomes[outcome] += 1
        tally.times.append(elapsed)
        tally.slowest = max(tally.slowest, (elapsed, _size(data)))

    one()
    return tally


def _size(data: object) -> int:
    return len(data) if isinstance(data, bytes) else len(repr(data))


def _show(data: object) -> str:
    text = repr(data)
    return text if len(text) < 300 else f"{text[:300]}... ({_size(data)} bytes)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs per target")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="default: all")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"fuzz campaign: {args.examples} inputs per target, seed {args.seed}")
    print(f"{'target':<12} {'inputs':>7} {'results':>8} {'errors':>7} {'failures':>9} "
          f"{'median ms':>10} {'slowest ms':>11} {'its bytes':>10}")
    failed = 0
    started = time.perf_counter()
    for name in args.target or sorted(TARGETS):
        tally = run_target(TARGETS[name], args.examples, args.seed)
        o = tally.outcomes
        print(f"{name:<12} {len(tally.times):>7} {o['result']:>8} {o['error']:>7} {o['failure']:>9} "
              f"{statistics.median(tally.times) * 1000:>10.1f} {tally.slowest[0] * 1000:>11.0f} "
              f"{tally.slowest[1]:>10}", flush=True)
        for message, (count, first) in list(tally.failures.items())[:8]:
            print(f"    FAILURE x{count}: {message}\n        first input: {first}")
        failed += o["failure"]
    print(f"total {time.perf_counter() - started:.0f} s; {failed} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
