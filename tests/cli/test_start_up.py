"""What ``parallax align`` loads: the seed pair's whole run has a 1 s budget, so modules that
only other commands need (citations, the package's metadata, charset detection) load on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import desktop
from desktop.core import cite
from desktop.paths import seed_files

ONLY_FOR_OTHERS = ("importlib.metadata", "citeproc", "lxml.etree", "charset_normalizer")
PROBE = """
import contextlib, io, sys
from desktop.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(["align", *sys.argv[1:], "--json"])
print(code, '"groups"' in out.getvalue(), *sorted(m for m in {names!r} if m in sys.modules))
"""


def test_aligning_utf8_text_files_loads_none_of_the_other_commands_modules():
    probe = PROBE.format(names=ONLY_FOR_OTHERS)
    out = subprocess.run([sys.executable, "-c", probe, *map(str, seed_files())], capture_output=True,
                         text=True, check=True, timeout=120).stdout.split()
    assert out == ["0", "True"]  # aligned, and none of them loaded


def test_the_version_and_citation_functions_load_on_first_use():
    assert desktop.__version__.count(".") >= 1
    assert "ris" in cite.EXPORT_FORMATS and callable(cite.bibliography) and callable(cite.available_styles)
    with pytest.raises(AttributeError):
        _ = desktop.no_such_name
    with pytest.raises(AttributeError):
        _ = cite.no_such_name
