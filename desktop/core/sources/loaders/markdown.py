"""Markdown files: the text a reader sees once the markup is rendered.

A line-by-line conversion, not a full CommonMark renderer: it removes heading marks, emphasis,
inline code ticks, link targets (keeping link text and image alt text), reference definitions,
block-quote marks, HTML tags, fences and horizontal rules, and shows list bullets as "•".
Known limits: nested emphasis across lines and tables (pipes stay) are left as written.
"""

from __future__ import annotations

import html
import re

_FENCE = re.compile(r"\s{0,3}(```|~~~)")
_RULE = re.compile(r"\s{0,3}([-*_])(\s*\1){2,}\s*")
_SETEXT = re.compile(r"\s{0,3}(=+|-+)\s*")
_HEADING = re.compile(r"\s{0,3}#{1,6}(\s+|$)")
_HEADING_TAIL = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"\s{0,3}(>\s?)+")
_BULLET = re.compile(r"(\s*)[-*+](\s+)")
_NUMBERED = re.compile(r"\s*\d{1,9}[.)]\s")
_REF_DEF = re.compile(r"\s{0,3}\[[^\]]+\]:\s*\S+.*")
_INLINE = (  # applied in this order
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # [text](url "title")
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolink
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"`+([^`]*)`+"), r"\1"),  # code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)"), r"\1"),  # *em*
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),  # _em_ (not snake_case)
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),  # backslash escapes
)


def to_plain(markdown: str) -> tuple[str, str]:
    """(reader-visible text, title from a leading level-1 heading or "").

    As in rendered Markdown, the lines of one paragraph (or list item) are joined by a space
    unless a line ends in a hard break (two spaces or a backslash).
    """
    out: list[str] = []
    joinable = False  # may the next plain line continue out[-1]?
    quoted = False  # was the previous line in a block quote?
    title = ""
    in_fence = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence, joinable = not in_fence, False
            continue
        if in_fence:
            out.append(line)
            continue
        if out and out[-1].strip() and _SETEXT.fullmatch(line):  # the underline of "Title\n====="
            if line.strip()[0] == "=" and not title and not any(o.strip() for o in out[:-1]):
                title = out[-1].strip()
            joinable = False
            continue
        if _RULE.fullmatch(line):
            out.append("")
            joinable = False
            continue
        if _REF_DEF.fullmatch(line):
            joinable = False
            continue
        quote = _QUOTE.match(line)
        body = line[quote.end():] if quote else line
        plain = body.strip() and bool(quote) == quoted and not (
            _HEADING.match(body) or _BULLET.match(body) or _NUMBERED.match(body))
        quoted = bool(quote)
        text = _inline(_block(line))
        if not title and line.lstrip().startswith("# ") and not any(o.strip() for o in out):
            title = text.strip()
        if joinable and plain:
            out[-1] = f"{out[-1].rstrip()} {text.strip()}"
        else:
            out.append(text)
        joinable = bool(line.strip()) and not _HEADING.match(line) and not line.endswith(("  ", "\\"))
    return "\n".join(out), title


def _block(line: str) -> str:
    heading = _HEADING.match(line)
    if heading:
        return _HEADING_TAIL.sub("", line[heading.end():])
    quote = _QUOTE.match(line)
    if quote:
        line = line[quote.end():]
    bullet = _BULLET.match(line)
    if bullet:
        return f"{bullet.group(1)}• {line[bullet.end():]}"
    return line


def _inline(text: str) -> str:
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return html.unescape(text)
