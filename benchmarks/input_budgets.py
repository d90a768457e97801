"""Hostile and huge inputs through the real command line: are the budgets of ``desktop/core/limits.py`` kept?

    .venv/bin/python benchmarks/input_budgets.py                 # every case (about 6 minutes on 2 cores)
    .venv/bin/python benchmarks/input_budgets.py --only docx     # the cases whose name holds "docx"

The script builds each input itself in a temporary folder (nothing large is written: the DOCX
with a 3 GiB image part is about 3 MB, its part a compressed stream of zeros), then runs
``parallax align X SEED`` and ``parallax brief X SEED -o out.pdf`` (X against a seed article;
one case pairs two inputs at the limit) each in a fresh subprocess, and reads the child's wall
time and peak RSS (``os.wait4``). The inputs are built in subprocesses too: Linux counts the
RSS of the process that forked a child in the child's peak, so the runner stays small (its own
peak is printed: no figure can be inflated by more). Targets (issue 13): an accepted source is compared in
<= 60 s and <= 1.5 GB and briefed in <= 120 s; a refused one must be refused with one line
naming the file and the limit (the time to refuse is printed). The news text comes from the
ECB+ articles in ``../shared/benchmarks`` (as in ``align_speed.py``).
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _common import REPO
from align_speed import news_documents

from desktop.core import limits

SEED_A = REPO / "seeds" / "000_0678943cec9dccad.txt"
SEED_B = REPO / "seeds" / "004_f56bacf0fc7744a3.txt"
TARGET_ALIGN_S, TARGET_ALIGN_MB, TARGET_BRIEF_S = 60.0, 1500.0, 120.0
TIMEOUT_S = 400.0
AT_LIMIT = 0.95  # "at the limit": this share of a limit, so that rounding never tips it over
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    partner: Callable[[Path], Path] | None = None  # the B side (default: a seed article)
    notes: bool = False  # a notes case: X is a NOTES.json for the two seeds


@dataclass(frozen=True)
class Run:
    code: int
    seconds: float
    peak_mb: float
    message: str


# --- the inputs ---------------------------------------------------------------------------------

def _prose(chars: int, side: int = 0, per_paragraph: int = 5) -> str:
    """News prose of about ``chars`` characters, paragraphs of ``per_paragraph`` sentences."""
    pool = news_documents(7000)[side]
    paragraphs, size, k = [], 0, 0
    while size < chars:
        paragraph = " ".join(pool[(k + i) % len(pool)] for i in range(per_paragraph))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        k += per_paragraph
    return "\n\n".join(paragraphs)[:chars]


def _words(chars: int) -> str:
    """Words without any sentence punctuation, on one line."""
    words = [w.strip(".,;:!?\"'`()") for w in _prose(min(chars, 2_000_000)).split()]
    line = " ".join(w for w in words if w)
    return (line * (chars // len(line) + 1))[:chars]


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def text_49mb(folder: Path) -> Path:
    one = _prose(2_000_000)
    return _write(folder, "text-49mb.txt", ((one + "\n\n") * 25)[:49_000_000])


def oneline_5mb(folder: Path) -> Path:
    return _write(folder, "oneline-5mb.txt", _words(5_000_000))


def news_limit_a(folder: Path) -> Path:
    return _write(folder, "news-limit-a.txt", _prose(int(AT_LIMIT * limits.MAX_TEXT_CHARS), side=0))


def news_limit_b(folder: Path) -> Path:
    return _write(folder, "news-limit-b.txt", _prose(int(AT_LIMIT * limits.MAX_TEXT_CHARS), side=1))


def paragraph_limit(folder: Path) -> Path:
    text = _prose(int(AT_LIMIT * limits.MAX_TEXT_CHARS)).replace("\n\n", " ")
    return _write(folder, "one-paragraph-limit.txt", text)


def passage_05mb(folder: Path) -> Path:
    return _write(folder, "passage-0.5mb.txt", _words(500_000))


def page_49mb(folder: Path) -> Path:
    body = "".join(f"<p>{p}</p>\n" for p in _prose(2_000_000).split("\n\n"))
    page = f"<html><head><title>Huge</title></head><body><article>{body * 25}</article></body></html>"
    return _write(folder, "page-49mb.html", page[:49_000_000 - 30] + "</article></body></html>")


def _seed_page(extra: str) -> str:
    paragraphs = [p for p in SEED_A.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    article = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>Seed article</title></head><body>{extra}<article><h1>Summit</h1>"
            f"{article}</article></body></html>")


def page_tag_limit(folder: Path) -> Path:
    link = '<div class="nav-item menu"><a href="/x">Link</a></div>\n'  # 4 tags
    return _write(folder, "page-tag-limit.html", _seed_page(link * int(AT_LIMIT * limits.MAX_HTML_TAGS / 4)))


def page_images_30mb(folder: Path) -> Path:
    blob = base64.b64encode(os.urandom(7_500_000)).decode()  # 10 MB of base64 each
    images = "".join(f'<img src="data:image/png;base64,{blob}">' for _ in range(3))
    return _write(folder, "page-images-30mb.html", _seed_page(images))


def _docx_base() -> bytes:
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


Writer = Callable[[zipfile.ZipFile], None]


def _docx(folder: Path, name: str, document: Writer, extra: Writer | None = None,
          patch: dict[str, tuple[str, str]] | None = None) -> Path:
    """The default python-docx package with its document part written by ``document`` and text
    replaced in the parts named in ``patch`` (part -> (old, new))."""
    path = folder / name
    base_zip = zipfile.ZipFile(io.BytesIO(_docx_base()))
    with base_zip as base, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in base.infolist():
            if info.filename == "word/document.xml":
                document(out)
                continue
            data = base.read(info.filename)
            if patch and info.filename in patch:
                old, new = patch[info.filename]
                data = data.replace(old.encode(), new.encode())
            out.writestr(info.filename, data)
        if extra:
            extra(out)
    return path


def _paragraphs(texts: list[str]) -> bytes:
    return "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>" for t in texts).encode()


def _streamed_document(total: int, unit: bytes, tail: bytes) -> Callable[[zipfile.ZipFile], None]:
    def write(out: zipfile.ZipFile) -> None:
        with out.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode())
            chunk = unit * (1_000_000 // len(unit))
            for _ in range(total // len(chunk)):
                part.write(chunk)
            part.write(tail + b"</w:body></w:document>")
    return write


def docx_260mb(folder: Path) -> Path:
    unit = _paragraphs(["The minister said the talks would continue next week in Geneva."])
    return _docx(folder, "expanding-260mb.docx", _streamed_document(260_000_000, unit, b""))


def docx_260mb_lying(folder: Path) -> Path:
    """The same document, its size fields in the ZIP saying 1 MB."""
    unit = _paragraphs(["The minister said the talks would continue next week in Geneva."])
    path = _docx(folder, "expanding-260mb-lying.docx", _streamed_document(260_000_000, unit, b""))
    _lie_about_size(path, "word/document.xml", 1_000_000)
    return path


def _lie_about_size(path: Path, member: str, size: int) -> None:
    """Overwrite the uncompressed size of ``member`` in its local header and its central directory
    entry (the 32-bit field, or the ZIP64 extra field when the member has one)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    # (signature, offset of the size field, offset of the name length, fixed header length)
    for signature, size_at, name_len_at, header in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(signature)
        while at >= 0:
            n = struct.unpack_from("<H", data, at + name_len_at)[0]
            if data[at + header:at + header + n] == name:
                if struct.unpack_from("<I", data, at + size_at)[0] == 0xFFFFFFFF:
                    _lie_in_zip64(data, at, header, n, name_len_at, size)
                else:
                    struct.pack_into("<I", data, at + size_at, size)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def _lie_in_zip64(data: bytearray, at: int, header: int, name_len: int, name_len_at: int, size: int) -> None:
    extra_len = struct.unpack_from("<H", data, at + name_len_at + 2)[0]
    pos = at + header + name_len
    end = pos + extra_len
    while pos + 4 <= end:
        tag, length = struct.unpack_from("<HH", data, pos)
        if tag == 1:  # ZIP64: the uncompressed size comes first
            struct.pack_into("<Q", data, pos + 4, size)
            return
        pos += 4 + length


def docx_tag_limit(folder: Path) -> Path:
    tail = _paragraphs(["The minister said the talks would continue next week in Geneva."])
    total = int(AT_LIMIT * limits.MAX_DOCX_TAGS) * len(b"<w:p/>")
    return _docx(folder, "tags-at-limit.docx", _streamed_document(total, b"<w:p/>", tail))


def docx_3gib_image(folder: Path) -> Path:
    paragraphs = [p for p in SEED_A.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    body = _paragraphs([p.replace("&", "&amp;").replace("<", "&lt;") for p in paragraphs])

    def document(out: zipfile.ZipFile) -> None:
        out.writestr("word/document.xml", b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="'
                     + W.encode() + b'"><w:body>' + body + b"</w:body></w:document>")

    def image(out: zipfile.ZipFile) -> None:
        with out.open("word/media/image1.png", "w", force_zip64=True) as part:
            zeros = bytes(16 << 20)
            for _ in range(3 * 64):  # 3 GiB
                part.write(zeros)

    rel = ('<Relationship Id="rIdHuge" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/image" Target="media/image1.png"/></Relationships>')
    png = '<Default Extension="png" ContentType="image/png"/><Default Extension="xml"'
    patch = {"word/_rels/document.xml.rels": ("</Relationships>", rel),
             "[Content_Types].xml": ('<Default Extension="xml"', png)}
    return _docx(folder, "image-3gib.docx", document, extra=image, patch=patch)


def _notes(folder: Path, name: str, size: int) -> Path:
    text = ("The analyst wrote at length. " * (size // 29 + 1))[:size]
    note = {"source": "a", "quote": "Vnukovo airport", "note": text}
    return _write(folder, name, json.dumps([note]))


def notes_1mb(folder: Path) -> Path:
    return _notes(folder, "note-1mb.json", 1_000_000)


def notes_5mb(folder: Path) -> Path:
    return _notes(folder, "note-5mb.json", 5_000_000)


CASES = (
    Case("text 49 MB", text_49mb),
    Case("web page 49 MB", page_49mb),
    Case("one line 5 MB, no punctuation", oneline_5mb),
    Case("news text at the limit", news_limit_a),
    Case("two news texts at the limit", news_limit_a, partner=news_limit_b),
    Case("one paragraph at the limit", paragraph_limit),
    Case("passage 0.5 MB (no punctuation)", passage_05mb),
    Case("docx XML 260 MB", docx_260mb),
    Case("docx XML 260 MB, header says 1 MB", docx_260mb_lying),
    Case("docx XML at the tag limit", docx_tag_limit),
    Case("docx with a 3 GiB image part", docx_3gib_image),
    Case("web page at the tag limit", page_tag_limit),
    Case("web page, 30 MB of embedded images", page_images_30mb),
    Case("note 1 MB", notes_1mb, notes=True),
    Case("note 5 MB", notes_5mb, notes=True),
)


# --- running the command line -------------------------------------------------------------------

def run(args: list[str]) -> Run:
    """One ``parallax`` process: exit code, wall time, peak RSS, the first line of stderr."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "desktop", *args], cwd=REPO, stderr=err,
                                 stdout=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"},
                                 start_new_session=True)
        status, usage = _wait(child.pid)
        seconds = time.perf_counter() - start
        child.returncode = status
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    message = next((ln for ln in lines if ln.startswith("parallax:")), lines[-1] if lines else "")
    return Run(status, seconds, usage / 1024, message)


def _wait(pid: int) -> tuple[int, int]:
    """(exit status, peak RSS in kB) of ``pid``; killed after ``TIMEOUT_S`` (status -9)."""
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage.ru_maxrss
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
        time.sleep(0.1)


def commands(case: Case, x: Path, partner: Path, folder: Path) -> list[tuple[str, list[str]]]:
    pdf = str(folder / "out.pdf")
    if case.notes:
        return [("brief", ["brief", str(SEED_A), str(SEED_B), "--notes", str(x), "-o", pdf])]
    return [("align", ["align", str(x), str(partner)]), ("brief", ["brief", str(x), str(partner), "-o", pdf])]


def verdict(command: str, result: Run, names: str) -> str:
    if result.code == 2:
        good = names in result.message and ("limit" in result.message or "damaged" in result.message)
        return "refused" + ("" if good else " (message lacks the file or the limit!)")
    if result.code != 0:
        return f"FAILED (exit {result.code})"
    target_s = TARGET_ALIGN_S if command == "align" else TARGET_BRIEF_S
    ok = result.seconds <= target_s and (command == "brief" or result.peak_mb <= TARGET_ALIGN_MB)
    return "ok" if ok else "OVER TARGET"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="run only the cases whose name holds this text")
    ap.add_argument("--keep", type=Path, help="build the inputs in this folder and keep them")
    ap.add_argument("--build", nargs=2, metavar=("BUILDER", "FOLDER"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.build:  # a builder subprocess
        builder = {c.build.__name__: c.build for c in CASES} | {c.partner.__name__: c.partner for c in CASES
                                                               if c.partner}
        print(builder[args.build[0]](Path(args.build[1])))
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="parallax-budgets-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"targets: align <= {TARGET_ALIGN_S:.0f} s and <= {TARGET_ALIGN_MB:.0f} MB; brief <= "
          f"{TARGET_BRIEF_S:.0f} s; refused: one line naming the file and the limit\n")
    print(f"{'input':38} {'size':>9} {'cmd':6} {'exit':>4} {'wall s':>7} {'peak MB':>8}  verdict / message")
    failures = 0
    for case in CASES:
        if args.only and args.only not in case.name:
            continue
        x = build(case.build, folder)
        partner = build(case.partner, folder) if case.partner else SEED_B
        for command, cli in commands(case, x, partner, folder):
            result = run(cli)
            text = verdict(command, result, x.name)
            failures += text not in ("ok", "refused")
            print(f"{case.name:38} {limits.size(x.stat().st_size):>9} {command:6} {result.code:>4} "
                  f"{result.seconds:7.1f} {result.peak_mb:8.0f}  {text}", flush=True)
            if result.code == 2:
                print(f"{'':38}   {result.message}", flush=True)
        if not args.keep:
            x.unlink()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    runner = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nthe runner's own peak RSS: {runner:.0f} MB (the most any figure above can hold of it)")
    return 1 if failures else 0


def build(builder: Callable[[Path], Path], folder: Path) -> Path:
    """Run ``builder`` in a subprocess (see the module docstring); the path it wrote."""
    out = subprocess.run([sys.executable, __file__, "--build", builder.__name__, str(folder)], check=True,
                         capture_output=True, text=True)
    return Path(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main())
