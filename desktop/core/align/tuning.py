"""Every setting of the aligner, documented once. ``align(a, b, tuning=Tuning(...))`` takes it.

The defaults are the measured ones (``benchmarks/align_quality.py``); the same-fact model's own
decision threshold is stored with the model (``fit`` in its file) and ``link_threshold=None``
uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.align.lexical import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True)
class Tuning:
    """Settings of one alignment run."""

    # --- which question the run answers --------------------------------------------------------
    versions_threshold: float = 0.7
    """Two documents are *versions of one text* (an edited copy, a plain-language rewrite) when the
    median lexical cosine of their mutual best sentence pairs reaches this; they are then aligned
    sentence to sentence by the version passes (contiguous n:m units). Below it they are
    *independent reports* and the same-fact model links every pair of passages that report a same
    fact. Measured: the rewrites of DEplain's language-learner pairs score 0.77-1.0, independent
    news reports 0.08-0.51, wire copies 0.6-1.0."""

    facts_between_versions: bool = True
    """Between versions of one text, also run the same-fact passes and add the links that no
    version group shows (``engine.beyond_versions``): a wire copy's lead that restates facts of
    several body sentences, a fact moved elsewhere in the copy. Measured on the version pairs of
    cross-outlet news, none fitted on: pair F1 .48 -> .72 (news-facts-ecbtrain-2, 17 pairs) and
    .49 -> .68 (same-fact-more, 42 pairs); the version passes alone link a sentence to its copy
    only."""

    min_latin_share: float = 0.8
    """The same-fact models read English word pieces: below this share of Latin letters (of both
    documents) the run keeps to the version passes, which work on any script, and says so."""
    model_languages: tuple[str, ...] = ("en",)
    """...and the languages they read: a document guessed (``language.guess_language``) to be in
    another language keeps the run to the version passes too, and the run says so (an unsure
    guess counts as readable). Measured on DEplain's German pairs: the English models linked
    plain-language rewrites at pair precision .21, the version passes at .98."""

    # --- same-fact links (independent reports) ---------------------------------------------------
    link_threshold: float | None = None
    """Least same-fact probability of a link; None: the threshold fitted with the model (the
    highest F1 with precision >= .75 in cross-validation on the development gold)."""
    same_fact_model: Path | None = None
    """The same-fact model file; None: the shipped one (``resources/models/same-fact/``)."""
    read_pairs: bool = True
    """Let the same-fact reader (a small cross-encoder: both passages read together) read the
    likeliest pairs, and second trees decide them on its verdict (``reading``). False: the first
    trees decide every pair, as when the reader is missing."""
    reader_floor: float = 0.02
    """Pairs whose first-trees probability reaches this may be read; the budget then takes the
    likeliest. Measured on two gold sets none of the models saw (link level, second trees refitted
    per floor): floor .02 against .15, F1 .639 -> .648 and precision .696 -> .738
    (news-facts-ecbtrain-2), F1 .633 -> .646 and precision .710 -> .760 (same-fact-more): the
    first trees rank low links that the reader recognises. The cost is time: the budget fills
    (the seed pair: 64 reads rather than 44). Those figures are the stage-2 reader's; with the
    stage-3 reader, news-facts leave-one-pair-out at link level (``benchmarks/reader_reads.py``)
    gives F1 .650 at .02 and .647 at .15 (budget 64 pairs; with the 5-fold readers' logits, .641
    at .02, .636 at .05, .627 at .15); with the budget in full reads (64), .669 at .01, .669 at
    .02, .663 at .05, .658 at .10."""
    reader_budget: int = 64
    """What the reader may spend per document pair, in *full reads*: a pair of the most word pieces
    it reads (96) costs one, a shorter pair its share (``reading.choose``), the likeliest pairs
    first. The reader's time grows with the word pieces it reads, so 64 full reads cost the same
    at any passage length: 64 paragraph pairs of the seed pair, about 100 news sentence pairs
    (news-facts: 35-129, median 89). The reader costs about 5 ms a news sentence pair on one
    thread and 2.7 on two (onnxruntime, int8; it reads on two: ``reader_threads``; numpy without
    onnxruntime, about 3 times as long), so the budget adds a few tenths of a second to a run at
    any document size (the seed pair: 64 paragraph pairs, 0.45 s).
    Counting full reads rather than pairs (2026-12-05), news-facts leave-one-pair-out at link
    level (``benchmarks/reader_reads.py``, each pair's logits from the stage-3 reader trained on
    the other 30, second trees refitted per setting): P / R / F1 / only-in .754 / .571 / .650 /
    .836 reading 64 pairs, .753 / .602 / .669 / .846 reading 64 full reads (48: .749 / .599 / .666;
    96: .752 / .610 / .674). Counted in pairs, 48 gave .652, 128 .669 at precision .745 and 256
    .670: reading the short pairs that the same time pays for is what a larger count of pairs
    bought, without its cost or its loss of precision.
    Stage-2 reader, pairs: F1 .67 with 64, .66 with 48 or 96, .64 reading every pair at the floor
    (a simulation that also refitted the first trees); held out (news-facts-ecbtrain-2), 32 and 48
    kept F1 but lost precision (.67, .73 against .74)."""
    reader_budget_many: int = 192
    """The full reads (``reader_budget``) a many-source run shares among its source pairs (each
    pair at most ``reader_budget``): three sources (3 pairs) get the full reading; with more, each
    pair reads its share (8 sources: 28 pairs, 6 full reads each) and its cut reading is
    reported. A pair's reading earns its F1 only in full. Stage-3 reader, leave-one-pair-out
    (``benchmarks/many_sources.py``), budget in full reads: a news-facts pair scores .674 alone,
    .676 inside three sources, .613 inside its whole sub-topic (10-12 sources, 2-4 full reads a
    pair); in pairs .657, .661, .607; with the 5-fold readers' logits .673, .671, .614. Stage-2
    reader, in-sample: inside three sources F1 .717 reading 21 pairs, .785 reading 64; inside
    12 sources 16 reads a pair gave .716, none .717. The full reading of 8 sources of
    100 sentences would take 7.5 s of reading where the whole run takes 2.5 s (the target is 3 s;
    the reader's size and speed did not change with stage 3), so the share stops at three
    sources."""
    reader_share: int = 1
    """Source pairs that share ``reader_budget_many``: a many-source run sets it."""
    reader_budget_large: int = 64
    """The budget (full reads) for documents above ``dense_pairs`` (n x m), where every pair
    cannot be scored. The same as ``reader_budget``: on onnxruntime the full reading costs two
    1,000-sentence documents 0.12 s more than 24 reads (1.36 s against 1.24 s for ``align``; the
    target is 3 s whole process), so large documents get the full engine. A lower value cuts the
    reading there, and the run reports the cut (fewer pairs read than ``reader_budget`` would
    have read)."""
    reader_threads: int = 2
    """Threads that read pairs at once (their values do not depend on it). A many-source run
    whose source pairs run in worker processes keeps each worker to one."""
    reader_model: Path | None = None
    """The second trees' file; None: the shipped one (``resources/models/same-fact-reader/``)."""
    dense_pairs: int = 60_000
    """Up to this many sentence pairs (n x m), every pair is scored; above, each passage's
    ``candidates_per_passage`` best partners by meaning and by words."""
    candidates_per_passage: int = 10

    # --- many sources (``facts.align_many``) --------------------------------------------------------
    source_pairs: str = "all"
    """Which source pairs the pairwise engine aligns before the facts are reconciled: "all" (every
    pair: n(n-1)/2 runs) or "pivot" (each source with the first: n-1 runs)."""
    fact_support: float = 1.0
    """Two facts join through a pairwise link only if, of the source pairs the engine compared
    between them, at least this share linked their passages too (1.0: all; chains of links
    whose ends the engine found unrelated stay apart)."""
    workers: int = 1
    """Processes that align source pairs at once (Linux only; elsewhere 1). The results do not
    depend on it: the command line uses every core (up to 4), the workbench keeps to one (its
    window must stay responsive and it runs the engine in a thread, which must not fork)."""

    # --- version passes (the lexical grouper: anchors, contiguous growth, coverage) ---------------
    threshold: float = 0.12
    """Least lexical cosine of an anchor (mutual best partners) or of a support link. Paraphrased
    pairs score low: the median mutual-best cosine of SuperPAL's summary/article pairs is ~0.25."""
    anchor_scale: float = 0.25
    """The anchor threshold rises to ``anchor_scale`` times the median mutual-best score..."""
    anchor_cap: float = 0.3
    """...at most to ``anchor_cap``: between near-verbatim versions a weak mutual best is a
    sentence the other version dropped."""
    attach_containment: float = 0.3
    """A free sentence next to a group joins it (contiguous n:m) when its best partner is in the
    group and at least this share of its content words occurs in the group's other side..."""
    attach_gain: float = -0.1
    """...and the group's cosine drops by less than ``-attach_gain``."""
    relative: float = 0.3
    """A link that is not mutual needs this fraction of the partner's best score."""
    support_gain: float = 0.15
    """A free sentence joins the group of its best partner (not its neighbour) when it explains
    this share of the partner's content that the group does not yet."""
    gap_containment: float = 0.3
    """A free sentence between two groups whose other sides are adjacent joins the one containing
    at least this share of its content (> 1 disables)."""
    coverage: bool = True
    """Add coverage links: 1:1 groups that may share passages with other groups (one summary
    sentence supported by several scattered sentences), only between paraphrasing documents."""
    coverage_threshold: float = 0.1
    """Least lexical cosine of a coverage link."""
    coverage_relative: float = 0.5
    """A coverage link reaches this fraction of one side's best score (and ``relative`` of the other's)."""
    coverage_new: float = 0.02
    """...and explains this share of each sentence's content not yet explained..."""
    coverage_near: int = 3
    """...and lands within this many sentences of a partner the sentences already have."""
    coverage_below: float = 0.5
    """Coverage links only where the median anchor score is below this (paraphrasing documents)."""

    lexical: Settings = field(default_factory=lambda: DEFAULT_SETTINGS)
    """The lexical model: tokens, keys, weights (``lexical.Settings``)."""


DEFAULT_TUNING = Tuning()
