"""``parallax cite SOURCE... [--style KEY] [--format text|ris|bibtex|csl-json] [-o FILE]``.

A SOURCE is a file (read with ``desktop.core.sources.loading.read_source``) or an http(s) URL, which is
fetched only because the user named it; nothing else touches the network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from desktop.commands.guard import refuse_overwriting_inputs
from desktop.core import cite
from desktop.core.model import Metadata, ParallaxError
from desktop.core.sources.titles import name_title

FETCH_TIMEOUT = 20.0  # seconds
FETCH_LIMIT = 20 * 1024 * 1024  # bytes
_URL = re.compile(r"^https?://", re.IGNORECASE)
_SUFFIXES = {"application/pdf": ".pdf", "text/plain": ".txt", "text/markdown": ".md",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "cite", help="print the references of sources, or export them for a reference manager",
        description="Print the reference-list entries of the sources in a citation style, or export "
                    "them as RIS, BibTeX or CSL-JSON (for Zotero and other reference managers). "
                    f"More styles: drop a .csl file into {cite.user_style_dir()}.",
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="a file (.txt, .md, .html, .docx, .pdf) or an http(s) URL to fetch")
    parser.add_argument("--style", default="apa",
                        help="citation style: apa (default), chicago, chicago-notes, mla, harvard, "
                             "or the name of a .csl file in the user style folder")
    parser.add_argument("--format", dest="fmt", default="text", choices=("text", *cite.EXPORT_FORMATS),
                        help="text: references in the style (default); ris, bibtex, csl-json: an export")
    parser.add_argument("-o", "--output", type=Path, help="write to this file (UTF-8) instead of stdout")
    parser.add_argument("--list-styles", action="store_true", help="list the available styles and exit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list_styles:
        _emit("".join(f"{key}\t{name}\n" for key, name in cite.available_styles().items()), args.output)
        return 0
    if not args.sources:
        raise ParallaxError("cite: give at least one SOURCE (a file or an http(s) URL)")
    refuse_overwriting_inputs(args.output, args.sources)
    metas = [load_metadata(spec) for spec in args.sources]
    for spec, meta in zip(args.sources, metas, strict=True):
        if not (meta.authors or meta.outlet) and meta.title in ("", name_title(spec)):
            print(f"parallax: warning: {spec}: no title, author or outlet found; the reference "
                  "names the file (edit the source's metadata in the workbench)", file=sys.stderr)
    if args.fmt == "text":
        entries = cite.bibliography(metas, style=args.style, fmt="text")
        text = "".join(entry + "\n" for entry in entries)
    else:
        text = cite.export(metas, args.fmt)
    _emit(text, args.output)
    return 0


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ParallaxError(f"{output}: cannot write ({exc.strerror or exc})") from exc


def read_source(path: str):
    """``desktop.core.sources.loading.read_source`` (imported late: tests may replace this function)."""
    from desktop.core.sources import loading

    return loading.read_source(path)


def load_metadata(spec: str) -> Metadata:
    """The metadata of a file, or of a page the user asked us to fetch."""
    if not _URL.match(spec):
        return read_source(spec).metadata
    data, content_type = fetch(spec)
    suffix = _SUFFIXES.get(content_type, ".html")
    with tempfile.TemporaryDirectory(prefix="parallax-cite-") as folder:
        path = Path(folder) / f"page{suffix}"
        path.write_bytes(data)
        try:
            meta = read_source(str(path)).metadata
        except ParallaxError as exc:
            raise ParallaxError(str(exc).replace(str(path), spec)) from exc
    if meta.title == name_title(str(path)):  # named after the temporary file: name it after the URL
        meta = replace(meta, title=name_title(spec))
    return replace(meta, url=meta.url or spec, accessed=meta.accessed or dt.date.today().isoformat())


def fetch(url: str, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str]:
    """The body and content type of a URL; a clear ``ParallaxError`` when offline or refused.

    The HTTP client is imported here, by the one command that fetches, and only for a URL: every
    other command (and reading any file) runs without it (it also costs 13 ms of start-up).
    """
    import urllib.error  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415

    request = urllib.request.Request(url, headers={"User-Agent": "Parallax (citation lookup)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
            data = response.read(FETCH_LIMIT + 1)
            content_type = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise ParallaxError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ParallaxError(f"{url}: cannot fetch the page ({reason}); check the address and "
                            "the network connection, or save the page and cite the file") from exc
    if len(data) > FETCH_LIMIT:
        raise ParallaxError(f"{url}: the page is larger than {FETCH_LIMIT // (1024 * 1024)} MB")
    return data, content_type
