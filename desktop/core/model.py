"""The data model of a comparison: small frozen dataclasses, no Qt, no reportlab.

Every offset is a character offset into ``Source.text`` (Python string indices), so
``source.text[p.start:p.end] == p.text`` holds for every passage and every difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

T = TypeVar("T")
MAX_SOURCES = 12  # a comparison holds 2 to 12 sources


class ParallaxError(Exception):
    """An error the user can act on: the message names the file and the problem."""


class SourceError(ParallaxError):
    """A source could not be read (unknown type, bad bytes, empty, truncated, too large...)."""


@dataclass(frozen=True)
class Metadata:
    """What a citation needs about a source; field names follow CSL-JSON where they can.

    ``authors`` are display names as written ("Maria Silva"); ``issued`` and ``accessed``
    are ISO dates, possibly partial ("2023", "2023-03", "2023-03-22"); empty means unknown.
    """

    title: str = ""
    outlet: str = ""  # CSL container-title
    authors: tuple[str, ...] = ()
    issued: str = ""
    url: str = ""
    accessed: str = ""
    language: str = ""
    kind: str = "article-newspaper"  # CSL type


@dataclass(frozen=True)
class Source:
    """One article as loaded: its text exactly as shown to the analyst, and its metadata.

    ``body_start`` skips a leading header the loader consumed as metadata (e.g. the seed's
    ``date 2023-03-22``): segmentation starts there, offsets still count from 0.
    """

    text: str
    metadata: Metadata = field(default_factory=Metadata)
    origin: str = ""  # file path, URL, or "" for pasted text
    format: str = "text"  # text, txt, md, html, docx, pdf
    body_start: int = 0

    @property
    def label(self) -> str:
        """A short human name: outlet, title, or the file name."""
        meta = self.metadata
        return meta.outlet or meta.title or (self.origin.rsplit("/", 1)[-1] if self.origin else "pasted text")


class Granularity(StrEnum):
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True)
class Passage:
    """A sentence or paragraph of a source. ``index`` is its 0-based position in the source."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int  # 1-based paragraph number in the source
    sentence: int  # 1-based sentence number inside that paragraph (1 for paragraph passages)

    @property
    def locator(self) -> str:
        """Where a reader finds it: "para. 3, sent. 2"."""
        return f"para. {self.paragraph}, sent. {self.sentence}"


@dataclass(frozen=True)
class AlignOptions:
    """Settings of one alignment run; the defaults are the measured ones."""

    threshold: float | None = None  # None: the aligner's tuned default
    granularity: Granularity = Granularity.SENTENCE
    ignore_case: bool = False
    ignore_punctuation: bool = False


class GroupStatus(StrEnum):
    """The analyst's verdict on a group; rejected groups stay stored but leave the briefing."""

    PROPOSED = "proposed"  # found by the aligner, not reviewed
    CONFIRMED = "confirmed"  # reviewed, or linked by hand
    REJECTED = "rejected"


@dataclass(frozen=True)
class Group:
    """Passages of A and of B that report the same facts (1:1, 1:n, n:1 or n:m).

    ``a`` and ``b`` are sorted passage indices; ``reason`` is a short human explanation
    ("names: Putin, Xi; numbers: 12; terms: peace, plan").
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    reason: str = ""
    status: GroupStatus = GroupStatus.PROPOSED


class DiffKind(StrEnum):
    """What kind of change a word difference is; views colour and filter by it."""

    NUMBER = "number"  # a number or date changed
    NAME = "name"  # a proper name changed
    QUOTE = "quote"  # words inside quotation marks changed
    WORDING = "wording"  # any other change of words
    FORMAT = "format"  # case or punctuation only (views may hide these)


class DiffOp(StrEnum):
    DELETE = "delete"  # only in A
    INSERT = "insert"  # only in B
    REPLACE = "replace"  # A's words replaced by B's


@dataclass(frozen=True)
class Difference:
    """One word-level difference inside an aligned group.

    Ranges are offsets into the respective ``Source.text``; an empty range (start == end)
    marks where an insertion/deletion happens on the side that lacks the words.
    """

    op: DiffOp
    kind: DiffKind
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str

    @property
    def summary(self) -> str:
        """What changed, for a tooltip or a PDF popup: "number: 4 -> 2"."""
        return f"{self.kind.value}: {self.a_text or '∅'} -> {self.b_text or '∅'}"


@dataclass(frozen=True)
class AlignedGroup:
    """A group together with its word differences."""

    group: Group
    differences: tuple[Difference, ...] = ()

    def count(self, kind: DiffKind) -> int:
        return sum(1 for d in self.differences if d.kind is kind)


@dataclass(frozen=True)
class EngineRun:
    """How the aligner reached its groups: which question it answered (``mode``: "independent
    reports" or "versions of one text"), the passes that ran in order, and the model files used."""

    mode: str
    passes: tuple[str, ...]
    models: tuple[str, ...]
    pairs_read: int = 0  # pairs the same-fact reader read...
    pairs_to_read: int = 0  # ...of those a run of its own at normal size reads (``Tuning.reader_budget``)
    reader_runtime: str = ""  # what ran the reader: "onnxruntime" (int8 products) or "numpy" (slower)

    @property
    def reading_cut(self) -> bool:
        """Whether the reader read fewer pairs than a normal run reads (a large document pair, or
        a many-source run sharing the budget): the faster reading, which the JSON, the status
        bar and the briefing report."""
        return self.pairs_read < self.pairs_to_read

    def reading_note(self) -> str:
        """One line for the analyst when the budget cut the reading, else ""."""
        if not self.reading_cut:
            return ""
        return (f"the same-fact reader read the {self.pairs_read:,} likeliest of {self.pairs_to_read:,} "
                "likely pairs (its budget for one run); the rest were decided without it")


@dataclass(frozen=True)
class Comparison:
    """Everything the engine computed for two sources; the input of the views and the PDF."""

    a: Source
    b: Source
    passages_a: tuple[Passage, ...]
    passages_b: tuple[Passage, ...]
    groups: tuple[AlignedGroup, ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    options: AlignOptions = field(default_factory=AlignOptions)
    run: EngineRun | None = None  # None: groups loaded from a project file, not computed now


@dataclass(frozen=True)
class Note:
    """An analyst's note anchored to words of one source: ``side`` is which source (a ``Which``;
    its letter, "a" or "c", is accepted and stored as the ``Which``), the range is into its text."""

    side: Which
    start: int
    end: int
    quote: str
    text: str
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.side, Which):  # notes files and older callers name the source by letter
            object.__setattr__(self, "side", Which.coerce(self.side))


@dataclass(frozen=True, order=True)
class Which:
    """Which source of a comparison: its 0-based position, shown to the analyst as a letter
    (A, B, C, ...; the first source is A). Two-source code reads ``Which(0)``/``Which(1)`` where
    it once read "a"/"b"; ``key`` is that old lower-case letter, kept in files."""

    index: int

    def __post_init__(self) -> None:
        if not 0 <= self.index < 26:
            raise ValueError(f"no source number {self.index + 1}: a comparison holds at most 26")

    @property
    def letter(self) -> str:
        return chr(ord("A") + self.index)

    @property
    def key(self) -> str:
        return self.letter.lower()

    def of(self, items: Sequence[T]) -> T:
        """This source's item of a per-source sequence (``Which(1).of((x, y)) == y``)."""
        return items[self.index]

    @classmethod
    def parse(cls, text: str) -> Which:
        """A source from its letter ("a", "B")."""
        if len(text) != 1 or not text.isascii() or not text.isalpha():
            raise ValueError(f"not a source letter: {text!r}")
        return cls(ord(text.upper()) - ord("A"))

    @classmethod
    def coerce(cls, value: Which | str | int) -> Which:
        """``value`` itself, or the source its letter ("a") or its index names: the workbench and
        notes files still name sources by letter, files by index, the core by ``Which``."""
        if isinstance(value, Which):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        if type(value) is int:
            return cls(value)
        raise TypeError(f"not a source: {value!r}")

    @classmethod
    def all(cls, count: int) -> tuple[Which, ...]:
        """The sources of a comparison of ``count`` sources, in order."""
        return tuple(cls(i) for i in range(count))

    @property
    def other(self) -> Which:
        """The other source of a pair (two-source code: A for B, B for A)."""
        if self.index > 1:
            raise ValueError(f"source {self.letter} is not one of a pair")
        return Which(1 - self.index)


@dataclass(frozen=True)
class Fact:
    """Passages of several sources that report one fact: per source at most one contiguous run.

    ``members`` pairs each reporting source's index with its sorted passage indices, in source
    order; a source not among them does not report the fact. ``score`` is the best same-fact
    probability (or lexical score) of the pairwise links that formed it.
    """

    members: tuple[tuple[int, tuple[int, ...]], ...]
    score: float
    reason: str = ""
    status: GroupStatus = GroupStatus.PROPOSED

    @property
    def sources(self) -> tuple[int, ...]:
        return tuple(s for s, _ in self.members)

    def passages(self, source: int) -> tuple[int, ...]:
        """The passages of ``source`` in this fact; () when it does not report it."""
        for s, passages in self.members:
            if s == source:
                return passages
        return ()


@dataclass(frozen=True)
class Wording:
    """How one source words a fact: its passages and its word differences against the fact's
    reference wording (``Difference.a_*`` is the reference, ``b_*`` this source)."""

    source: int
    passages: tuple[int, ...]
    differences: tuple[Difference, ...] = ()

    def count(self, kind: DiffKind) -> int:
        return sum(1 for d in self.differences if d.kind is kind)


@dataclass(frozen=True)
class FactView:
    """A fact with every reporting source's wording; ``reference`` is the source the others are
    compared with (the analyst's reference source when it reports the fact, else the first that does)."""

    fact: Fact
    reference: int
    wordings: tuple[Wording, ...]


@dataclass(frozen=True)
class ManyComparison:
    """Everything the engine computed for 2 to 12 sources: the facts, who reports each and how."""

    sources: tuple[Source, ...]
    passages: tuple[tuple[Passage, ...], ...]
    facts: tuple[FactView, ...]
    reference: int = 0
    options: AlignOptions = field(default_factory=AlignOptions)
    runs: tuple[EngineRun, ...] = ()  # one per pairwise alignment, in ``pairs`` order
    pairs: tuple[tuple[int, int], ...] = ()  # which source pairs the engine aligned

    def reading_note(self) -> str:
        """One line when the same-fact reader's budget cut the reading of some source pairs, else ""."""
        cut = [run for run in self.runs if run.reading_cut]
        if not cut:
            return ""
        return (f"the same-fact reader's budget left likely pairs unread in {len(cut)} of "
                f"{len(self.runs)} source pairs (decided without it)")

    def reported_by(self, source: int) -> tuple[int, ...]:
        """Indices of the facts ``source`` reports."""
        return tuple(k for k, view in enumerate(self.facts) if source in view.fact.sources)

    def only_in(self, source: int) -> tuple[int, ...]:
        """Facts that ``source`` alone reports (passages no other source matches)."""
        return tuple(k for k, view in enumerate(self.facts) if view.fact.sources == (source,))

    def omitted_by(self, source: int) -> tuple[int, ...]:
        """Facts every other source reports and ``source`` does not."""
        others = tuple(s for s in range(len(self.sources)) if s != source)
        return tuple(k for k, view in enumerate(self.facts)
                     if source not in view.fact.sources and set(others) <= set(view.fact.sources))


class Cancelled(ParallaxError):
    """Raised by a progress callback to stop long work (the user pressed Cancel)."""
