"""Saved web pages: the article body only, through trafilatura; metadata from the page itself.

Navigation, asides, footers, scripts and cookie banners are dropped by trafilatura's main-text
extraction; each block it keeps (heading, paragraph, list item, quote, table row) becomes one
paragraph of the text, paragraphs separated by blank lines.

The page is measured before it is parsed (``desktop.core.limits``): trafilatura's time goes by
the tag (785,000 tags of navigation links took 95 s and 0.9 GB), so the tags are counted and
the markup's size bounded, once embedded base64 images (``data:`` URIs, often most of a page
saved as one file) are set aside; they are never parsed. The size bound also keeps every
attribute under libxml2's 10 MB text limit, at which its HTML parser was seen to hang.
"""

from __future__ import annotations

import logging
import re
import socket
from typing import Any

from desktop.core import limits
from desktop.core.model import Metadata
from desktop.core.sources.loaders import Unreadable
from desktop.core.sources.loaders.html_meta import page_metadata
from desktop.core.sources.loaders.textfile import detect, normalise, refuse_binary
from desktop.core.sources.metadata import merge_metadata, parse_date, split_authors


def _import_trafilatura() -> Any:
    """trafilatura, imported without opening a socket.

    Its URL helper ``courlan`` imports urllib3, whose ``util.connection`` binds a socket to ``::1``
    at import time to learn whether IPv6 works, unless ``socket.has_ipv6`` says it cannot. No
    traffic leaves the machine, but reading a file must not touch the network stack at all (and a
    sandbox or firewall would report it), so the flag reads False during the import. urllib3 then
    keeps IPv4 only, which costs nothing: Parallax never fetches through it (``parallax cite``
    uses the standard library).
    """
    has_ipv6 = socket.has_ipv6
    socket.has_ipv6 = False
    try:
        import trafilatura  # noqa: PLC0415
    finally:
        socket.has_ipv6 = has_ipv6
    return trafilatura


trafilatura = _import_trafilatura()

# trafilatura's settings, in one place
_EXTRACT = {"include_comments": False, "include_tables": True, "include_images": False,
            "include_links": False, "favor_precision": False, "with_metadata": True}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MARKUP = re.compile(r"<\s*(html|head|body|p|div|article|main|section|span|h[1-6]|!doctype)\b", re.IGNORECASE)
_BLOCKS = frozenset({"p", "head", "quote", "list", "item", "table", "row", "cell", "code", "div", "section"})
_SPACE = re.compile(r"\s+")
_EMBEDDED = re.compile(rb"(data:[\w.+-]+/[\w.+-]+(?:;[\w.+-]+=[\w.+-]+)*;base64,)[A-Za-z0-9+/=\r\n]{256,}")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every odd page at WARNING
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def read_html(data: bytes) -> tuple[str, Metadata]:
    """(article text, metadata) of a saved page; raises ``Unreadable``."""
    page = decode_page(within_budget(data))
    if not _MARKUP.search(page[:20000]):
        raise Unreadable("the file holds no HTML markup (is it plain text named .html?)")
    document = trafilatura.bare_extraction(page, **_EXTRACT)
    body = getattr(document, "body", None) if document is not None else None
    paragraphs = _paragraphs(body) if body is not None else []
    if not paragraphs:
        raise Unreadable("no article text found in the page (is it an index page or a script-only page?)")
    text = normalise("\n\n".join(paragraphs))
    return text, merge_metadata(page_metadata(page), _from_trafilatura(document))


def within_budget(data: bytes) -> bytes:
    """The page with embedded base64 payloads emptied; raises ``Unreadable`` when its markup
    passes ``limits.MAX_HTML_MARKUP_BYTES`` or its tags ``limits.MAX_HTML_TAGS``."""
    markup = _EMBEDDED.sub(rb"\1", data)
    if len(markup) > limits.MAX_HTML_MARKUP_BYTES:
        images = len(data) - len(markup)
        embedded = f" besides {limits.size(images)} of embedded images" if images else ""
        raise Unreadable(f"the page is {limits.size(len(markup))}{embedded}; the limit for a web page is "
                         f"{limits.size(limits.MAX_HTML_MARKUP_BYTES)}")
    tags = markup.count(b"<")
    if tags > limits.MAX_HTML_TAGS:
        raise Unreadable(f"the page has {tags:,} tags; the limit for a web page is {limits.MAX_HTML_TAGS:,}")
    return markup


def decode_page(data: bytes) -> str:
    """Decode by byte-order mark, then the declared charset (bad bytes become U+FFFD, as in a
    browser), then strict UTF-8, then detection."""
    refuse_binary(data, "a web page")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        name = "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else name
        try:
            return data.decode(name, errors="replace")  # as a browser does: bad bytes show as �
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return detect(data)


def _paragraphs(node: Any) -> list[str]:
    """The text of every block under ``node``, list items marked with a bullet."""
    out: list[str] = []
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("list", "table", "row", "quote", "div", "section") and any(
                isinstance(c.tag, str) and c.tag in _BLOCKS for c in child):
            if tag == "row":
                cells = [_SPACE.sub(" ", "".join(c.itertext())).strip() for c in child]
                out.append(" | ".join(c for c in cells if c))
            else:
                out.extend(_paragraphs(child))
            continue
        text = _SPACE.sub(" ", "".join(child.itertext())).strip()
        if text:
            out.append(f"• {text}" if tag == "item" else text)
    return [p for p in out if p]


def _from_trafilatura(document: Any) -> Metadata:
    return Metadata(
        title=(document.title or "").strip(),
        outlet=(document.sitename or "").strip(),
        authors=split_authors(document.author) if document.author else (),
        issued=parse_date(document.date)[0] if document.date else "",
        url=document.url if (document.url or "").startswith(("http://", "https://")) else "",
        language=(document.language or "").strip(),
    )

