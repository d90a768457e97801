"""Citation metadata of a saved web page, read from the page's own markup.

trafilatura finds title, author and date but often leaves the outlet and URL empty (see
ENVIRONMENT.md), so this reads, in order of trust: schema.org JSON-LD (NewsArticle and kin),
Open Graph / article: / Dublin Core / citation_ meta tags, the canonical link, the browser's
"saved from url=" comment, ``<html lang>``, and a visible byline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

from desktop.core.model import Metadata
from desktop.core.sources.metadata import parse_date, split_authors

_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report)$")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "dcterms.title", "citation_title", "headline")
_OUTLET_KEYS = ("og:site_name", "application-name", "dc.publisher", "dcterms.publisher", "citation_publisher",
                "citation_journal_title", "publisher")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "dcterms.creator", "citation_author", "byl",
                "parsely-author", "sailthru.author", "twitter:creator")
_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.issued",
              "dcterms.created",
              "citation_publication_date", "citation_date", "parsely-pub-date", "sailthru.date",
              "article.published")
_URL_KEYS = ("og:url", "twitter:url", "dc.identifier", "citation_public_url")
_LANG_KEYS = ("content-language", "dc.language", "dcterms.language", "og:locale", "language")
_BYLINE_XPATH = ('//*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
                 ' or contains(@class, "author-name") or contains(@class, "article-author")]')


def page_metadata(page: str) -> Metadata:
    """Metadata declared by the page; fields it does not declare stay empty."""
    try:
        tree = lxml_html.document_fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return Metadata()
    meta = _meta_tags(tree)
    ld = _json_ld(tree)
    return Metadata(
        title=ld.get("title") or _first(meta, _TITLE_KEYS) or _page_title(tree, meta),
        outlet=_first(meta, ("og:site_name",)) or ld.get("outlet") or _first(meta, _OUTLET_KEYS),
        authors=ld.get("authors") or _meta_authors(meta) or _byline(tree),
        issued=_date(ld.get("issued", "")) or _meta_date(meta) or _time_element(tree),
        url=_url(tree, meta, ld, page),
        language=_language(ld.get("language") or tree.get("lang") or tree.get("xml:lang")
                           or _first(meta, _LANG_KEYS)),
    )


def _meta_tags(tree: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for node in tree.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop") or node.get("http-equiv")
        content = (node.get("content") or "").strip()
        if key and content:
            found.setdefault(key.strip().lower(), []).append(content)
    return found


def _first(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str:
    for key in keys:
        for value in meta.get(key, ()):
            if value.strip():
                return _clean(value)
    return ""


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _page_title(tree: Any, meta: dict[str, list[str]]) -> str:
    """<title> without the " | Site" suffix."""
    title = _clean(tree.findtext(".//title") or "")
    site = _first(meta, _OUTLET_KEYS)
    for sep in (" | ", " - ", " — ", " – ", " :: "):
        head, _, tail = title.rpartition(sep)
        if head and (not site or tail.strip().lower() == site.lower() or len(tail) < 30):
            return head.strip()
    return title


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first Article-like JSON-LD object, reduced to our fields."""
    for obj in _ld_objects(tree):
        types = obj.get("@type", "")
        types = types if isinstance(types, list) else [types]
        if not any(isinstance(t, str) and _ARTICLE_TYPES.search(t) for t in types):
            continue
        return {
            "title": _clean(_text(obj.get("headline") or obj.get("name"))),
            "authors": _ld_people(obj.get("author") or obj.get("creator")),
            "issued": _text(obj.get("datePublished") or obj.get("dateCreated")),
            "outlet": _clean(_text(obj.get("publisher") or obj.get("sourceOrganization"))),
            "language": _text(obj.get("inLanguage")),
            "url": _text(obj.get("url") or obj.get("mainEntityOfPage")),
        }
    return {}


def _ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _text(value: Any) -> str:
    """A JSON-LD value as a string: "x", {"name": "x"}, {"@id": "x"}, ["x", ...]."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return _text(value[0]) if value else ""
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("alternateName") or value.get("@id") or value.get("url"))
    return ""


def _ld_people(value: Any) -> tuple[str, ...]:
    people = value if isinstance(value, list) else [value]
    names: list[str] = []
    for person in people:
        name = _clean(_text(person))
        if name and not name.startswith(("http://", "https://")):
            names.extend(split_authors(name))
    return tuple(dict.fromkeys(names))


def _meta_authors(meta: dict[str, list[str]]) -> tuple[str, ...]:
    for key in _AUTHOR_KEYS:
        values = [v for v in meta.get(key, ()) if not v.startswith(("http://", "https://", "@"))]
        if values:
            names = [n for v in values for n in split_authors(_clean(v))]
            return tuple(dict.fromkeys(names))
    return ()


def _byline(tree: Any) -> tuple[str, ...]:
    for node in tree.xpath(_BYLINE_XPATH)[:5]:
        text = _clean(node.text_content())
        if 3 <= len(text) <= 80 and not any(ch.isdigit() for ch in text):
            return split_authors(text)
    return ()


def _date(value: str) -> str:
    return parse_date(value)[0] if value else ""


def _meta_date(meta: dict[str, list[str]]) -> str:
    for key in _DATE_KEYS:
        for value in meta.get(key, ()):
            iso = _date(value)
            if iso:
                return iso
    return ""


def _time_element(tree: Any) -> str:
    nodes = tree.xpath('//time[@itemprop="datePublished" or contains(@class, "pub")][@datetime]') or \
        tree.xpath("//article//time[@datetime]")
    return _date(nodes[0].get("datetime")) if nodes else ""


def _url(tree: Any, meta: dict[str, list[str]], ld: dict[str, Any], page: str) -> str:
    candidates = [link.get("href", "") for link in tree.xpath('//link[@rel="canonical"]')]
    candidates += [_first(meta, _URL_KEYS), ld.get("url", "")]
    saved = _SAVED_FROM.search(page[:2000])
    if saved:
        candidates.append(saved.group(1))
    for url in candidates:
        url = (url or "").strip()
        if url.startswith(("http://", "https://")):
            return url
    return ""


def _language(value: str | None) -> str:
    """"en_GB" / "EN-gb" -> "en-GB"; nonsense -> ""."""
    value = (value or "").strip().replace("_", "-")
    match = re.fullmatch(r"([A-Za-z]{2,3})(?:-([A-Za-z]{2}|\d{3}))?(?:-.*)?", value)
    if not match:
        return ""
    primary, region = match.group(1).lower(), match.group(2)
    return f"{primary}-{region.upper()}" if region else primary
