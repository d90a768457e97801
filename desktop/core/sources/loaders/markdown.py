"""Markdown files: the text a reader sees once the markup is rendered.

markdown-it-py (CommonMark, plus tables and strikethrough) parses the file; this module renders
its tokens as plain text: headings, paragraphs and list items as they read (bullets as "•",
numbered items keep their number), link text and image alt text without their targets, code as
written, block quotes without their marks, table cells separated by tabs, HTML tags dropped.
Blocks are separated by a blank line, the items of a tight list by a line break; the lines of one
paragraph are joined by a space unless a line ends in a hard break, as in rendered Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->", re.DOTALL)
_LIST_OPEN = {"bullet_list_open", "ordered_list_open"}
_LIST_CLOSE = {"bullet_list_close", "ordered_list_close"}


def to_plain(markdown: str) -> tuple[str, str]:
    """(reader-visible text, title from a leading level-1 heading or "")."""
    tokens = _PARSER.parse(markdown)
    blocks: list[str] = []  # rendered blocks
    title = ""
    prefix: list[str] = []  # bullet of the list item whose first paragraph comes next
    depth = 0
    tight: list[int] = []  # per open list: the first block of a tight list, or -1 (loose)
    for n, token in enumerate(tokens):
        if token.type in _LIST_OPEN:
            inside_tight = bool(tight) and tight[-1] >= 0  # a nested list continues its item
            tight.append((tight[-1] if inside_tight else len(blocks)) if _is_tight(tokens, n) else -1)
            depth += 1
        elif token.type in _LIST_CLOSE:
            tight.pop()
            depth -= 1
        elif token.type == "list_item_open":
            bullet = f"{token.info}{token.markup}" if token.info else "•"
            prefix.append("  " * (depth - 1) + bullet + " ")
        elif token.type == "inline":
            text = _inline(token.children or [])
            if tokens[n - 1].type == "heading_open" and tokens[n - 1].tag == "h1" and not blocks:
                title = text.strip()
            if tokens[n - 1].type in ("th_open", "td_open"):
                _add_cell(blocks, tokens, n, text)
                continue
            lead = prefix.pop() if prefix else ("  " * depth if depth else "")
            _add(blocks, lead + text, joined=bool(tight) and -1 < tight[-1] < len(blocks))
        elif token.type in ("fence", "code_block"):
            _add(blocks, token.content.rstrip("\n"), joined=False)
        elif token.type == "html_block":
            text = _TAG.sub("", token.content).strip()
            if text:
                _add(blocks, text, joined=False)
    return "\n\n".join(blocks), title


def _is_tight(tokens: Sequence[Token], n: int) -> bool:
    """markdown-it hides the paragraphs of a tight list; the first item's tells for the list."""
    for token in tokens[n + 1:]:
        if token.type == "paragraph_open":
            return token.hidden
    return True


def _add(blocks: list[str], text: str, *, joined: bool) -> None:
    if joined:
        blocks[-1] = f"{blocks[-1]}\n{text}"
    else:
        blocks.append(text)


def _add_cell(blocks: list[str], tokens: Sequence[Token], n: int, text: str) -> None:
    """Cells of a row are joined by a tab, rows by a line break, the table is one block."""
    first_cell = tokens[n - 2].type == "tr_open"
    first_row = first_cell and tokens[n - 3].type == "thead_open"
    if first_row:
        blocks.append(text)
    elif first_cell:
        blocks[-1] = f"{blocks[-1]}\n{text}"
    else:
        blocks[-1] = f"{blocks[-1]}\t{text}"


def _inline(children: Sequence[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline(child.children or []))
        elif child.type == "html_inline":
            continue  # a tag; the text around it is ordinary text tokens
    return "".join(parts)
