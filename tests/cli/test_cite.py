"""``parallax cite`` as a user runs it. Files are read by ``desktop.core.sources.loading``; most tests
replace that reader so they check this command alone."""

from __future__ import annotations

import http.server
import importlib.util
import json
import socket
import threading
from pathlib import Path

import bibtexparser
import pytest
import rispy

from desktop.cli import main
from desktop.commands import cite as cite_command
from desktop.core.model import Metadata, Source

FULL = Metadata(title="Xi leaves Moscow after summit with Putin", outlet="Example Wire",
                authors=("Maria Silva",), issued="2023-03-22", url="https://example.com/xi-moscow",
                accessed="2024-01-05", language="en")
OTHER = Metadata(title="Putin hosts Xi", outlet="Daily Globe", authors=("Ana Abreu",), issued="2023-03-21")


@pytest.fixture
def fake_reader(monkeypatch):
    """read_source stand-in: a file named full.txt / other.txt / empty.txt yields that metadata."""
    table = {"full.txt": FULL, "other.txt": OTHER, "empty.txt": Metadata()}
    seen: list[str] = []

    def read_source(path: str) -> Source:
        seen.append(path)
        name = Path(path).name
        if name.startswith("page"):  # a fetched page: its title is the file's text
            return Source(text="x", metadata=Metadata(title=Path(path).read_text(encoding="utf-8")))
        return Source(text="x", metadata=table[name], origin=path)

    monkeypatch.setattr(cite_command, "read_source", read_source)
    return seen


def test_references_in_each_style_sorted(fake_reader, capsys):
    assert main(["cite", "full.txt", "other.txt"]) == 0
    assert capsys.readouterr().out == (
        "Abreu, A. (2023, March 21). Putin hosts Xi. Daily Globe.\n"
        "Silva, M. (2023, March 22). Xi leaves Moscow after summit with Putin. Example Wire. "
        "https://example.com/xi-moscow\n")
    assert main(["cite", "full.txt", "--style", "mla"]) == 0
    assert capsys.readouterr().out == ("Silva, Maria. “Xi Leaves Moscow after Summit with Putin.” "
                                       "Example Wire, 22 Mar. 2023, https://example.com/xi-moscow.\n")
    assert main(["cite", "full.txt", "--style", "harvard"]) == 0
    assert "(Accessed: 5 January 2024)" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json"])
def test_exports_read_back_in_other_tools(fake_reader, fmt, tmp_path, capsys):
    out = tmp_path / f"refs.{fmt}"
    assert main(["cite", "full.txt", "other.txt", "--format", fmt, "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    text = out.read_text(encoding="utf-8")
    if fmt == "ris":
        titles = [record["title"] for record in rispy.loads(text)]
    elif fmt == "bibtex":
        titles = [entry.fields_dict["title"].value for entry in bibtexparser.parse_string(text).entries]
    else:
        titles = [item["title"] for item in json.loads(text)]
    assert titles == [FULL.title, OTHER.title]


def test_csl_json_to_stdout(fake_reader, capsys):
    assert main(["cite", "full.txt", "--format", "csl-json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == FULL.title


def test_list_styles_includes_user_styles(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    folder = tmp_path / "parallax" / "styles"
    folder.mkdir(parents=True)
    (folder / "house.csl").write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><title>House style</title>'
        '<link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info></style>',
        encoding="utf-8")
    assert main(["cite", "--list-styles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "apa\tAPA 7th edition"
    assert "house\tHouse style" in lines


def test_empty_metadata_warns(fake_reader, capsys):
    assert main(["cite", "empty.txt"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "(n.d.).\n"
    assert "empty.txt: no title, author or outlet" in captured.err


def test_errors_are_one_line(fake_reader, capsys):
    assert main(["cite", "full.txt", "--style", "nope"]) == 2
    assert capsys.readouterr().err.startswith("parallax: unknown citation style 'nope'")
    assert main(["cite"]) == 2
    assert "give at least one SOURCE" in capsys.readouterr().err


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        if self.path != "/story":
            self.send_error(404, "Not Found")
            return
        body = b"A fetched story"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_given_by_the_user_is_fetched(fake_reader, local_server, capsys):
    url = f"{local_server}/story"
    assert main(["cite", url, "--format", "csl-json"]) == 0
    item = json.loads(capsys.readouterr().out)[0]
    assert item["title"] == "A fetched story"
    assert item["URL"] == url  # the page named no canonical URL: the one the user gave
    assert "accessed" in item
    assert fake_reader[-1].endswith(".html")


def test_url_errors_are_clear(fake_reader, local_server, capsys):
    assert main(["cite", f"{local_server}/missing"]) == 2
    assert "the server answered 404" in capsys.readouterr().err
    with socket.socket() as probe:  # a port nobody listens on: as good as offline
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["cite", f"http://127.0.0.1:{port}/x"]) == 2
    err = capsys.readouterr().err
    assert "cannot fetch the page" in err and "network connection" in err


@pytest.mark.skipif(importlib.util.find_spec("desktop.core.sources.loading") is None,
                    reason="desktop.core.sources.loading not there yet")
def test_seed_through_the_real_loader(seed_paths, capsys):
    assert main(["cite", str(seed_paths[0]), "--style", "chicago-notes"]) == 0
    # the seed's "date 2023-03-22" line; no headline, so the file name is the title
    assert capsys.readouterr().out == "000_0678943cec9dccad. March 22, 2023.\n"


@pytest.mark.parametrize("style", ["apa", "chicago", "chicago-notes", "mla", "harvard"])
def test_cite_prints_one_entry_per_seed_named_by_file(seed_paths, capsys, style):
    """Issue 10: MLA printed one line for the two seeds, APA "(n.d.)." without a name."""
    assert main(["cite", *map(str, seed_paths), "--style", style]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    assert "000_0678943cec9dccad" in lines[0] and "004_f56bacf0fc7744a3" in lines[1]
    assert captured.err.count("names the file") == 2


def test_cite_takes_the_title_from_a_headline(tmp_path, capsys):
    source = tmp_path / "xi.txt"
    source.write_text("Xi leaves Moscow without a ceasefire\n\nChinese President Xi Jinping left.",
                      encoding="utf-8")
    assert main(["cite", str(source)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "Xi leaves Moscow without a ceasefire. (n.d.).\n"
    assert captured.err == ""


def test_cite_refuses_to_overwrite_a_source(tmp_path, capsys):
    from desktop.cli import main

    source = tmp_path / "a.txt"
    source.write_text("date 2023-03-22 Xi left Moscow.", encoding="utf-8")
    assert main(["cite", str(source), "--format", "ris", "-o", str(source)]) == 2
    assert source.read_text(encoding="utf-8").startswith("date 2023-03-22")
    assert "is also an input" in capsys.readouterr().err
