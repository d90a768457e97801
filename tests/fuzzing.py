"""The fuzz campaign's targets: what is fed, what is run, what must hold.

The property, for every target: the input gives a result or a one-line error (``ParallaxError``,
``SourceError``) that names the file, and no traceback; within ``HANG_LIMIT`` seconds (a hang
guard, not a speed test: the inputs are a few kilobytes, and ``benchmarks/fuzz_inputs.py`` prints
the slowest case). ``check`` returns "result" or "error" and raises ``Failure`` otherwise.

Targets: the readers of every format (byte mutations of small valid files; for DOCX, of one
member of the ZIP archive or of the archive), notes files, project files (a valid project with
values of other types and ranges written into its columns, rows deleted, bytes flipped) and
align-batch lines. Used by tests/fuzz/test_fuzz_inputs.py (few examples) and the benchmark.
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import sqlite3
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hostile import PARAGRAPHS, rewrite_zip, valid_files
from hypothesis import strategies as st

from desktop.core.model import ParallaxError, SourceError

HANG_LIMIT = 20  # seconds for one input of a few kilobytes: beyond it, the run is stuck


class Failure(AssertionError):
    """The property does not hold: a traceback, a multi-line error, an unnamed file, a hang."""


@dataclass(frozen=True)
class Target:
    name: str
    inputs: st.SearchStrategy[Any]
    run: Callable[[Any, Path], str]  # (input, a scratch folder) -> "result" | "error"


# -- byte mutations -------------------------------------------------------------------------------

TOKENS = [b"\x00", b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"<", b">", b"&", b"&#0;", b"&#xD800;",
          b"&#x10FFFF;", b"&amp", b"]]>", b"<!--", b"<![CDATA[", b"<script>", b"</p>", b"<p>", b"<?xml ",
          b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", b"&e;", b"\r", b"\n\n", b"\t",
          b"[" * 60, b"<<" * 60, b"(" * 60, b"9" * 400, b"-1", b"1e309", b"obj", b"endobj", b"stream\n",
          b"endstream", b" 0 R", b"/Length 99999999", b"%%EOF", b"xref", b"trailer", b"/Type /Page",
          b"---\n", b"# ", b"```", b"* ", b"> ", "\u202e".encode(), "\ud800".encode("utf-8", "surrogatepass"),
          b"\xf4\x90\x80\x80", b"\xc0\xaf", "Путин 習近平 ".encode(), b"\x85", "\u2028".encode()]


@st.composite
def mutated(draw: st.DrawFn, data: bytes, *, most: int = 6) -> bytes:
    """``data`` with a few edits: flipped bytes, inserted tokens or random bytes, deleted,
    repeated or truncated spans."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, most))):
        op = draw(st.sampled_from(["flip", "token", "random", "delete", "repeat", "truncate"]))
        at = draw(st.integers(0, len(out)))
        if op == "flip" and at < len(out):
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "token":
            out[at:at] = draw(st.sampled_from(TOKENS)) * draw(st.integers(1, 3))
        elif op == "random":
            out[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del out[at:at + draw(st.integers(1, 64))]
        elif op == "repeat":
            span = bytes(out[at:at + draw(st.integers(1, 64))])
            out[at:at] = span * draw(st.integers(1, 20))
        elif op == "truncate":
            del out[at:]
    return bytes(out)


def file_inputs(suffix: str) -> st.SearchStrategy[bytes]:
    """Mutations of the valid file of ``suffix``, and now and then bytes of no format at all."""
    valid = valid_files()[suffix]
    return st.one_of(mutated(valid), mutated(valid).flatmap(mutated), st.binary(max_size=512))


XML_SNIPPETS = [
    b"<w:p><w:r><w:t>Inserted words.</w:t></w:r></w:p>", b"<w:r><w:t xml:space='preserve'> x </w:t></w:r>",
    b"<w:br/>", b"<w:tab/>", b"<w:cr/>", b"<w:t>&#x10FFFF;&#xFFFE;\xe2\x80\xae</w:t>", b"<w:t></w:t>",
    b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>", b"<w:tbl/>",
    b"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='-3'/><w:vMerge/></w:tcPr></w:tc></w:tr></w:tbl>",
    b"<w:pPr><w:pStyle w:val='ListBullet'/><w:numPr><w:numId w:val='99'/></w:numPr></w:pPr>",
    b"<w:pPr><w:pStyle w:val='no such style'/></w:pPr>",
    b"<w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt>",
    b"<w:hyperlink r:id='rId999'><w:r><w:t>link</w:t></w:r></w:hyperlink>",
    b"<w:drawing><wp:inline><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed='rId999'/>"
    b"</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>",
    b"<w:fldSimple w:instr='INCLUDETEXT \"http://127.0.0.1:9/x\"'><w:r><w:t>f</w:t></w:r></w:fldSimple>",
    b"<dc:title>" + b"T" * 3000 + b"</dc:title>", b"<dc:creator>1, 2; 3</dc:creator>",
    b"<dcterms:created xsi:type='dcterms:W3CDTF'>99999-99-99T99:99:99Z</dcterms:created>",
    b"<x:unknown xmlns:x='urn:x'><w:p/></x:unknown>", b"<!-- comment -->", b"<?pi data?>",
    b"<w:p>" * 200 + b"</w:p>" * 200,
]


@st.composite
def xml_edit(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` (XML) with well-formed pieces inserted or elements dropped at tag boundaries, so the
    edit reaches python-docx instead of stopping at the XML parser."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        ends = [i + 1 for i, c in enumerate(out) if c == ord(">")]
        if not ends:
            break
        at = draw(st.sampled_from(ends))
        if draw(st.booleans()):
            out[at:at] = draw(st.sampled_from(XML_SNIPPETS))
        else:
            following = out.find(b">", at)
            if following != -1 and out[at:at + 1] == b"<":
                del out[at:following + 1]  # one tag less: often still well-formed (an empty element)
    return bytes(out)


@st.composite
def docx_inputs(draw: st.DrawFn) -> bytes:
    """A DOCX with one or two members edited (bytes mutated, or well-formed XML edits), or the
    archive's own bytes mutated."""
    valid = valid_files()[".docx"]
    if draw(st.integers(0, 5)) == 0:
        return draw(mutated(valid))
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    names = ["word/document.xml", "word/document.xml", "docProps/core.xml", "[Content_Types].xml",
             "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml"]
    change = {}
    for _ in range(draw(st.integers(1, 2))):
        name = draw(st.sampled_from([n for n in names if n in members]))
        edit = xml_edit if draw(st.integers(0, 2)) else mutated
        change[name] = draw(edit(change.get(name, members[name])))
    return rewrite_zip(valid, change)


# -- readers --------------------------------------------------------------------------------------

def read_file(suffix: str) -> Callable[[bytes, Path], str]:
    def run(data: bytes, folder: Path) -> str:
        from desktop.core.sources.loading import read_source

        path = folder / f"input{suffix}"
        path.write_bytes(data)
        return _outcome(lambda: read_source(path), path, SourceError)

    return run


def _outcome(call: Callable[[], object], path: Path, error: type[Exception] = ParallaxError) -> str:
    """"result" or "error" (one line, naming ``path``); anything else raises ``Failure``."""
    try:
        with hang_guard():
            call()
    except error as exc:
        message = str(exc)
        if str(path) not in message or "\n" in message or len(message) > 2000:
            raise Failure(f"not a one-line error naming the file: {message[:500]!r}") from exc
        return "error"
    except Failure:
        raise
    except BaseException as exc:  # noqa: BLE001 - a traceback is exactly what the campaign looks for
        raise Failure(f"{type(exc).__name__}: {str(exc)[:300]}") from exc
    return "result"


class Hang(BaseException):
    pass


@contextlib.contextmanager
def hang_guard(seconds: int = HANG_LIMIT) -> Iterator[None]:
    """Interrupt a call stuck for ``seconds`` (POSIX; elsewhere no guard)."""
    if sys.platform == "win32":
        yield
        return

    def stuck(_signum: int, _frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- notes files ----------------------------------------------------------------------------------

TEXTS = (st.text(st.characters(exclude_categories=()), max_size=40)
         | st.text(st.characters(categories=["Cs", "Lu"]), min_size=1, max_size=3))  # lone surrogates
HUGE = "<huge number>"  # written as 5,000 digits (Python's json reads them, then int() refuses)
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.sampled_from([HUGE, -(2**64), 2**63])
    | st.floats() | TEXTS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXTS, inner, max_size=4), max_leaves=12)
QUOTES = st.sampled_from(["Putin met Xi", "two days", "signed 12", "said", "Moscow", " ", ""]) | TEXTS


@st.composite
def notes_inputs(draw: st.DrawFn) -> bytes:
    """A notes file: a list of note objects (right keys, values of any type), or any JSON, as
    ASCII-escaped or raw UTF-8 (lone surrogates then become bad bytes), or mutated bytes."""
    note = st.fixed_dictionaries(
        {"source": st.sampled_from(["a", "b", "c"]) | ANY_JSON, "quote": QUOTES | ANY_JSON},
        optional={"note": TEXTS | ANY_JSON, "tags": st.lists(TEXTS, max_size=3) | ANY_JSON,
                  "occurrence": st.integers(-2, 3) | ANY_JSON})
    value = draw(st.lists(note, max_size=5) | ANY_JSON)
    ascii_only = draw(st.booleans())
    data = to_json(value, ascii_only)
    return draw(mutated(data)) if draw(st.integers(0, 4)) == 0 else data


def to_json(value: Any, ascii_only: bool) -> bytes:
    """Python's JSON (NaN and Infinity included) of ``value``; surrogates kept as bad bytes."""
    text = json.dumps(value, ensure_ascii=ascii_only, allow_nan=True).replace(f'"{HUGE}"', "9" * 5000)
    return text.encode("utf-8", "surrogatepass")


def read_notes(data: bytes, folder: Path) -> str:
    from desktop.core.project.anchor import load_notes_json
    from desktop.core.sources.loading import source_from_text

    path = folder / "notes.json"
    path.write_bytes(data)
    sources = {"a": source_from_text("\n\n".join(PARAGRAPHS), origin="a.txt"),
               "b": source_from_text("Putin met Xi in Moscow. The talks lasted two days.", origin="b.txt")}
    return _outcome(lambda: load_notes_json(path, sources), path)


# -- project files --------------------------------------------------------------------------------

SQL_VALUES = (st.none() | st.integers(-(2**63), 2**63 - 1) | st.floats() | st.text(max_size=40)
    | st.binary(max_size=16)
    | st.sampled_from(['[1, 2]', '"a string"', '{"title": 7}', '{"authors": [1]}', "null", "[]", "{}",
                       '{"threshold": "high"}', '{"granularity": 3}', "1e999", "[" * 3000, "-1",
                       '["x"]', "proposed", "confirmed", "equal", "word", "a", "b", "c", "9" * 5000]))
TABLES = {"info": ["key", "value"],  # schema 2 (desktop/core/project/tables.py)
          "sources": ["idx", "text", "metadata", "origin", "format", "body_start"],
          "passages": ["source", "idx", "start_offset", "end_offset", "paragraph", "sentence"],
          "facts": ["position", "score", "reason", "status", "reference"],
          "members": ["fact", "source", "passages"],
          "differences": ["fact", "source", "seq", "op", "kind", "ref_start", "ref_end", "start_offset",
                          "end_offset"],
          "notes": ["position", "source", "start_offset", "end_offset", "quote", "text", "tags"],
          "settings": ["key", "value"]}


def _valid_project() -> bytes:
    """Two short sources compared by the real engine, with a note."""
    from desktop.core.model import Note
    from desktop.core.pipeline import compare
    from desktop.core.project.state import Project
    from desktop.core.project.storage import save_project
    from desktop.core.sources.loading import source_from_text

    comparison = compare(source_from_text("\n\n".join(PARAGRAPHS), origin="a.txt"),
                         source_from_text("Xi met Putin in Moscow, and they signed 14 deals. Talks lasted "
                                          "two days.", origin="b.txt"))
    note = Note("a", 0, 5, comparison.a.text[:5], "A note", ("omission",))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.parallax"
        save_project(Project(comparison, (note,), Project.new(comparison, title="Fuzz").settings), path)
        return path.read_bytes()


@st.composite
def project_edits(draw: st.DrawFn) -> list[tuple[Any, ...]]:
    """Edits to a valid project file: ("set", table, column, row, value), ("delete", table, row),
    ("pragma", name, value) or ("bytes", mutated file)."""
    if draw(st.integers(0, 7)) == 0:
        return [("bytes", draw(mutated(VALID_PROJECT())))]
    edits: list[tuple[Any, ...]] = []
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(sorted(TABLES)))
        kind = draw(st.sampled_from(["set", "set", "set", "delete", "pragma"]))
        if kind == "set":
            edits.append(("set", table, draw(st.sampled_from(TABLES[table])), draw(st.integers(0, 3)),
                          draw(SQL_VALUES)))
        elif kind == "delete":
            edits.append(("delete", table, draw(st.integers(0, 3))))
        else:
            edits.append(("pragma", draw(st.sampled_from(["user_version", "application_id"])),
                          draw(st.integers(-1, 3) | st.just(0x50524C58))))
    return edits


_VALID_PROJECT: list[bytes] = []


def VALID_PROJECT() -> bytes:  # noqa: N802 - a constant, built on first use
    if not _VALID_PROJECT:
        _VALID_PROJECT.append(_valid_project())
    return _VALID_PROJECT[0]


def _apply(path: Path, edits: list[tuple[Any, ...]]) -> None:
    if edits[0][0] == "bytes":
        path.write_bytes(edits[0][1])
        return
    path.write_bytes(VALID_PROJECT())
    with contextlib.closing(sqlite3.connect(path)) as conn:
        for edit in edits:
            with contextlib.suppress(sqlite3.Error):  # a constraint refusing an edit: the file stays valid
                _apply_one(conn, edit)
                conn.commit()


def _apply_one(conn: sqlite3.Connection, edit: tuple[Any, ...]) -> None:
    if edit[0] == "pragma":
        conn.execute(f"PRAGMA {edit[1]} = {int(edit[2])}")
        return
    table, row = edit[1], edit[-2] if edit[0] == "set" else edit[2]
    columns = TABLES[table]
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    if not rows:
        return
    old = rows[row % len(rows)]
    where = " AND ".join(f"{c} IS ?" for c in columns)
    if edit[0] == "delete":
        conn.execute(f"DELETE FROM {table} WHERE {where}", old)
    else:
        conn.execute(f"UPDATE {table} SET {edit[2]} = ? WHERE {where}", (edit[4], *old))


def open_project(edits: list[tuple[Any, ...]], folder: Path) -> str:
    """Open the edited project and, when it opens, brief it (what ``brief --project`` does): the
    briefing too gives a result or a one-line error (a citation style not installed here)."""
    from desktop.core.project.storage import load_project
    from desktop.report.briefing import BriefingOptions, build_briefing

    path = folder / "edited.parallax"
    _apply(path, edits)
    loaded: list[Any] = []
    outcome = _outcome(lambda: loaded.append(load_project(path)), path)
    if outcome == "error":
        return outcome
    project = loaded[0]
    out = folder / "brief.pdf"
    options = BriefingOptions(title=project.settings.title or "t", style=project.settings.style)
    try:
        with hang_guard():
            build_briefing(project.comparison, out, options=options, notes=project.notes)
    except ParallaxError as exc:
        if "\n" in str(exc) or len(str(exc)) > 2000:
            raise Failure(f"opens, but briefs with a long error: {str(exc)[:300]!r}") from exc
        return "error"
    except BaseException as exc:  # noqa: BLE001
        raise Failure(f"opens, but does not brief: {type(exc).__name__}: {str(exc)[:300]}") from exc
    return outcome


# -- align-batch lines ---------------------------------------------------------------------------

SENTENCES = st.lists(st.sampled_from(PARAGRAPHS + ["", " ", "Xi.", "12 agreements were signed."]) | TEXTS,
                     max_size=5)


@st.composite
def batch_lines(draw: st.DrawFn) -> bytes:
    """A few align-batch lines: records with ids and sentence lists of any type, ids that Python's
    json reads but JSON forbids (NaN, Infinity), bad UTF-8, byte mutations."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        record = draw(st.fixed_dictionaries(
            {"id": st.integers() | st.floats() | TEXTS, "sents_a": SENTENCES, "sents_b": SENTENCES}))
        for key in ("id", "sents_a", "sents_b"):
            if draw(st.integers(0, 5)) == 0:
                record[key] = draw(ANY_JSON)
            if draw(st.integers(0, 9)) == 0:
                del record[key]
        data = to_json(record, draw(st.booleans()))
        lines.append(draw(mutated(data)) if draw(st.integers(0, 4)) == 0 else data)
    return b"\n".join(lines) + b"\n"


def run_batch(data: bytes, folder: Path) -> str:
    """Every output line strict JSON, every failed line one message line, nothing raised."""
    from desktop.commands.align import _stream_batch

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # as strict as the output file
    err = io.StringIO()
    try:
        with hang_guard():
            done, failed = _stream_batch(io.BytesIO(data), out, None, err)
        out.flush()
    except BaseException as exc:  # noqa: BLE001
        raise Failure(f"{type(exc).__name__}: {str(exc)[:300]}") from exc
    for line in out.buffer.getvalue().decode("utf-8").split("\n")[:-1]:  # JSON Lines: \n only
        try:
            json.loads(line, parse_constant=_refuse_constant)
        except ValueError as exc:
            raise Failure(f"output line is not strict JSON: {line[:200]!r}") from exc
    messages = [m for m in err.getvalue().split("\n") if m]
    if len(messages) != failed or not all(m.startswith("\rparallax: line ") for m in messages):
        raise Failure(f"{failed} failed lines, but the messages are {messages[:5]!r}")
    return "error" if failed else "result"


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


TARGETS = {
    **{f"read{suffix}": Target(f"read{suffix}", file_inputs(suffix), read_file(suffix))
       for suffix in (".txt", ".md", ".html", ".pdf")},
    "read.docx": Target("read.docx", docx_inputs(), read_file(".docx")),
    "notes": Target("notes", notes_inputs(), read_notes),
    "project": Target("project", project_edits(), open_project),
    "align-batch": Target("align-batch", batch_lines(), run_batch),
}
