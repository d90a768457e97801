"""The fuzz campaign of the suite: for each target of tests/fuzzing.py, a few dozen generated
inputs must each give a result or a one-line error naming the file (no traceback, no hang).

Bounded to about 20 s in all: derandomized (the same inputs every run, so a red suite means a
change broke something, not that the dice rolled), no example database written, no deadline (the
hang guard inside each target stops a stuck input). ``PARALLAX_FUZZ_EXAMPLES`` scales the counts;
``benchmarks/fuzz_inputs.py --examples 2000`` is the long campaign.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from fuzzing import TARGETS
from hypothesis import HealthCheck, given, settings

# Inputs per target: the slow ones (a project that opens is also briefed) get fewer.
EXAMPLES = {"project": 25, "read.html": 40, "read.docx": 50}
DEFAULT_EXAMPLES = 60
SCALE = float(os.environ.get("PARALLAX_FUZZ_EXAMPLES", "1"))


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_every_input_gives_a_result_or_a_one_line_error(name):
    target = TARGETS[name]

    @settings(max_examples=max(1, round(EXAMPLES.get(name, DEFAULT_EXAMPLES) * SCALE)), deadline=None,
              derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(target.inputs)
    def holds(data):
        with tempfile.TemporaryDirectory() as folder:
            assert target.run(data, Path(folder)) in ("result", "error")

    holds()


def test_the_fuzzed_tables_are_the_ones_a_saved_project_holds():
    """The project target edits columns by name: a renamed table would make its edits no-ops."""
    import contextlib
    import sqlite3

    from fuzzing import TABLES, VALID_PROJECT

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.parallax"
        path.write_bytes(VALID_PROJECT())
        with contextlib.closing(sqlite3.connect(path)) as conn:
            for table, columns in TABLES.items():
                found = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
                assert sorted(found) == sorted(columns), table
