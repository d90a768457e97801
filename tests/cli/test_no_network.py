"""No network access of any kind while reading files, aligning or briefing, even on files full of
remote references (scripts, images, stylesheets, refreshes, frames, external relationships, URI
actions, remote file specifications, external entities)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hostile import PARAGRAPHS, hostile_files
from netguard import NetworkGuard

from desktop.cli import main
from desktop.core.model import SourceError
from desktop.core.sources.loading import read_source

ROOT = Path(__file__).resolve().parents[2]
REFUSED = {"laughs.docx": "the DOCX is damaged", "nested.pdf": "nested too deeply"}


@pytest.fixture
def no_network(monkeypatch):
    guard = NetworkGuard(monkeypatch)
    yield guard
    guard.check()


def test_every_reader_reads_hostile_files_offline(tmp_path, no_network):
    for path in hostile_files(tmp_path):
        if path.name in REFUSED:
            with pytest.raises(SourceError, match=REFUSED[path.name]):
                read_source(path)
        else:
            assert PARAGRAPHS[1].split(",")[0] in read_source(path).text, path.name


def test_align_and_brief_on_hostile_files_stay_offline(tmp_path, no_network, capsys):
    files = {path.name: str(path) for path in hostile_files(tmp_path)}
    assert main(["align", files["page.html"], files["remote.docx"]]) == 0
    assert main(["align", "--json", files["notes.md"], files["actions.pdf"]]) == 0
    assert main(["brief", files["page.html"], files["actions.pdf"], "-o", str(tmp_path / "b.pdf")]) == 0
    assert main(["brief", files["xxe.docx"], files["notes.md"], "-o", str(tmp_path / "c.pdf")]) == 0
    assert main(["brief", files["plain.txt"], files["nested.pdf"], "-o", str(tmp_path / "d.pdf")]) == 2
    assert "nested too deeply" in capsys.readouterr().err
    assert (tmp_path / "b.pdf").stat().st_size > 0 and not (tmp_path / "d.pdf").exists()


FRESH = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    sys.path[:0] = [{root!r}, {tests!r}]
    import pytest
    from netguard import NetworkGuard
    with pytest.MonkeyPatch.context() as patch:
        guard = NetworkGuard(patch, sockets=True)  # from the first import on: not even a socket
        from hostile import hostile_files
        from desktop.cli import main
        files = {{p.name: str(p) for p in hostile_files(Path(sys.argv[1]))}}
        codes = [main(["align", files["page.html"], files["remote.docx"]]),
                 main(["brief", files["notes.md"], files["actions.pdf"], "-o", sys.argv[1] + "/b.pdf"])]
    print(json.dumps({{"codes": codes, "attempts": guard.attempts}}))
""")


def test_a_fresh_process_creates_no_socket_at_all_while_reading(tmp_path):
    """The import of the HTML reader used to bind a socket (urllib3's IPv6 probe, through
    trafilatura and courlan): a fresh interpreter shows it, the test process has it imported."""
    script = FRESH.format(root=str(ROOT), tests=str(ROOT / "tests"))
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                         timeout=300, check=True, cwd=tmp_path)
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result == {"codes": [0, 0], "attempts": []}
