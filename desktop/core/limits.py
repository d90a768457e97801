"""Size budgets of every stage, in one place: what a source may be, and why these numbers.

Parallax refuses a source too large for the machine up front, with its size and the limit in
one line naming the file (``SourceError``: exit status 2 on the command line, a message in the
workbench), or processes it in bounded pieces; it never starts work whose time or memory
follows from an unbounded input. Each stage's bound follows from the bounds before it:

=============  =================================================================================
stage          bound (constant) and how it is enforced
=============  =================================================================================
reading        ``MAX_FILE_BYTES`` (50 MB) per file, from ``stat`` before reading a byte.
extraction     ``MAX_TEXT_CHARS`` (600,000 characters, about 100,000 words) of text per source,
               checked on every reader's output (and on pasted text); a plain-text or Markdown
               file that cannot fit (``MAX_TEXT_BYTES_PER_CHAR`` bytes a character at most) is
               refused before it is decoded. Per format, the parser's own cost is bounded first:
               DOCX parts are unpacked only while they stay within ``MAX_DOCX_PART_BYTES`` each and
               ``MAX_DOCX_BYTES`` in all (declared sizes checked before reading, the unpacking
               itself stopped at the limit, so a lying ZIP header cannot pass) and hold at most
               ``MAX_DOCX_TAGS`` XML tags (python-docx spends up to 29 us a tag: a document of
               3.2 million empty paragraphs took 92 s and 0.8 GB); images and other parts the
               text does not need are never unpacked. A web page may hold
               ``MAX_HTML_MARKUP_BYTES`` of markup once embedded base64 images are set aside and
               ``MAX_HTML_TAGS`` tags (trafilatura's time goes by the tag: 785,000 tags took 95 s
               and 0.9 GB; a page at the limit is read in 8 s). A PDF may have
               ``MAX_PDF_PAGES`` pages; its text is counted run by run as pypdf hands it over,
               and reading stops as soon as it passes ``MAX_TEXT_CHARS`` (and a tenth).
segmentation   a passage is at most ``MAX_PASSAGE_CHARS`` characters: a longer sentence or
               paragraph is cut at a sentence or clause break, else at a space, else (a script
               without spaces) at the limit itself; offsets stay exact. At most ``MAX_PASSAGES``
               passages a source, checked before alignment (paragraphs give fewer). The
               sentence splitter's time grows faster than the text without punctuation: 2.6 s
               for a 600,000-character line (a 5 MB line would take minutes).
alignment      follows from ``MAX_PASSAGES`` x ``MAX_PASSAGE_CHARS`` and ``MAX_TEXT_CHARS``:
               two news texts at the limit (570,000 characters, 4,900 sentences a side) align
               and diff in 19 s at 0.75 GB through ``parallax align``; 10,000 sentences a side
               took 57 s at 1.5 GB, the edge of the target (<= 60 s, <= 1.5 GB): half of it.
diff           per aligned group: diff-match-patch's timeout (``diff.words.SETTINGS.timeout``,
               1 s) and then difflib on at most the group's passages, each bounded above.
notes          a NOTES.json file of at most ``MAX_NOTES_BYTES`` and ``MAX_NOTES`` notes.
PDF layout     a passage longer than ``PDF_PASSAGE_CHARS`` and a note longer than
               ``PDF_NOTE_CHARS`` are cut visibly ("… [12,345 more characters: see the
               source]": reportlab re-breaks the rest of a passage at every page it continues on,
               so 110,000 characters took 9 s, 250,000 took 67 s); the shared facts show at most
               ``PDF_GROUPS`` groups and each only-in section at most ``PDF_ONLY_PASSAGES``
               passages, then one line says how many more there are (a group costs about 16 ms
               over all passes: the two sources at the limit brief in 53 s).
=============  =================================================================================

The figures are measured by ``benchmarks/input_budgets.py`` (hostile inputs through the real
command line); README "Limits" has the table. Code reads these names at call time
(``limits.MAX_TEXT_CHARS``), so a test may lower one with ``monkeypatch.setattr``.
"""

from __future__ import annotations

MAX_FILE_BYTES = 50_000_000
MAX_TEXT_CHARS = 600_000
MAX_TEXT_BYTES_PER_CHAR = 4  # UTF-8 and UTF-32 spend at most 4 bytes on a character
MAX_PASSAGES = 5_000
MAX_PASSAGE_CHARS = 2_000
MAX_DOCX_PART_BYTES = 20_000_000
MAX_DOCX_BYTES = 30_000_000
MAX_DOCX_TAGS = 1_000_000
MAX_DOCX_MEMBERS = 10_000  # parts in the ZIP (Word writes tens; one image a part)
MAX_HTML_MARKUP_BYTES = 8_000_000
MAX_HTML_TAGS = 150_000
MAX_PDF_PAGES = 3_000
MAX_NOTES_BYTES = 2_000_000
MAX_NOTES = 1_000
PDF_PASSAGE_CHARS = 10_000
PDF_NOTE_CHARS = 4_000
PDF_GROUPS = 2_000
PDF_ONLY_PASSAGES = 1_000


def size(n: int) -> str:
    """A byte count for a message: "49.0 MB", or "12,345 bytes" when small."""
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def text_problem(chars: int, *, at_least: bool = False) -> str:
    """The message for a text over ``MAX_TEXT_CHARS`` ("" when within it)."""
    if chars <= MAX_TEXT_CHARS:
        return ""
    amount = f"more than {chars:,}" if at_least else f"{chars:,}"
    return (f"the text is {amount} characters long; the limit is {MAX_TEXT_CHARS:,} characters "
            f"(about {MAX_TEXT_CHARS // 6:,} words) a source")


def text_bytes_problem(n_bytes: int) -> str:
    """A text file too large to fit the character limit in any encoding ("" when it may fit)."""
    if n_bytes <= MAX_TEXT_CHARS * MAX_TEXT_BYTES_PER_CHAR:
        return ""
    return (f"the file is {size(n_bytes)}, more text than the limit of {MAX_TEXT_CHARS:,} characters "
            f"(about {MAX_TEXT_CHARS // 6:,} words) a source")


def many_passages_problem(counts: list[int]) -> str:
    """The message for N sources whose pairwise work (the sum of n_s x n_t over source pairs)
    exceeds that of two sources at ``MAX_PASSAGES`` each ("" when within)."""
    work = sum(a * b for k, a in enumerate(counts) for b in counts[k + 1:])
    if work <= MAX_PASSAGES * MAX_PASSAGES:
        return ""
    return (f"the {len(counts)} sources have {sum(counts):,} passages in all; comparing every pair of them "
            f"is {work / MAX_PASSAGES ** 2:.1f} times the limit of two sources of {MAX_PASSAGES:,} passages "
            "(compare fewer or shorter sources, or paragraphs: --granularity paragraph)")


def passages_problem(count: int, granularity: str) -> str:
    """The message for a source cut into more than ``MAX_PASSAGES`` passages ("" when fewer)."""
    if count <= MAX_PASSAGES:
        return ""
    hint = " (paragraphs give fewer: --granularity paragraph)" if granularity == "sentence" else ""
    return (f"the text splits into {count:,} {granularity} passages; the limit is {MAX_PASSAGES:,} "
            f"passages a source{hint}")


def one_line(problem: object, limit: int = 300) -> str:
    """A problem's description as one line of bounded length, for a message: a library's may end in
    a newline (lxml) or quote pages of the file (pypdf), a stored value may be of any length."""
    line = " ".join(str(problem).split())
    return line if len(line) <= limit else line[:limit - 3] + "..."


def cut_marker(hidden: int, where: str = "the source") -> str:
    """The visible end of a text shortened for the PDF."""
    return f" … [{hidden:,} more characters: see {where}]"
