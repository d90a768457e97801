"""The passage aligner: which passages of A and B report the same facts.

``align(texts_a, texts_b, tuning=...)`` returns an ``Alignment``: ``Group``s (1:1, 1:n, n:1, n:m)
and a record of how they were found; passages in no group are "only in A/B". It is offline and
deterministic and does not assume the two documents tell things in the same order. Its passes,
in the order they run:

1. ``read_words``: both documents in one lexical space (``lexical``: TF-IDF word keys, IDF
   over both documents) and its candidate pairs (``candidates``, an inverted-index join);
2. ``align_versions``: the median score of the mutual-best anchors (``groups.median_anchor``)
   tells whether the documents are *versions of one text* (``Tuning.versions_threshold``); if
   so, the version passes (``groups``: anchors, contiguous n:m growth, gap filling, coverage
   links) give each sentence its copy, and the same-fact passes below add the links no copy
   shows (``beyond_versions``: a lead restating several body sentences);
3. otherwise the documents are *independent reports* and the same-fact passes run alone (when
   the models read their script and language: ``reports_mode``):
   ``embed`` (static sentence embeddings, ``static``), ``pick_candidates`` (every pair of
   article-sized documents; the best partners of each passage above ``dense_pairs``),
   ``score_same_fact`` (``pairfeatures`` rows read by the fitted trees of ``samefact``),
   ``read_pairs`` (``reading``: a small cross-encoder reads the likeliest pairs, both passages
   together, and second trees decide them on its verdict; skipped when the reader is missing),
   ``link`` (probability >= the threshold) and ``group_links`` (links that form contiguous
   blocks become one n:m group; the rest stay 1:1 links that may share passages);
4. ``name_facts``: each group's reason names the shared fact (``reasons``).

The same passes run at every size: only the candidate set narrows above ``dense_pairs``. On
large documents two kinds of work run beside the main thread (``background``): the embedding
scans while the evidence is read, and half of the same-fact model's rows; each computes exactly
what it computes alone, so the result never depends on it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from desktop.core import components
from desktop.core.align import evidence, pairfeatures, reading, reasons, samefact, softmatch
from desktop.core.align import static as static_model
from desktop.core.align.background import Background
from desktop.core.align.candidates import Pairs, best_partners, candidate_pairs
from desktop.core.align.groups import Grouper, median_anchor
from desktop.core.align.lexical import Space, build_space, cosine
from desktop.core.align.models import READER, SAME_FACT, STATIC
from desktop.core.align.tuning import DEFAULT_TUNING, Tuning
from desktop.core.model import EngineRun, Group
from desktop.core.text.language import guess_language
from desktop.core.text.scripts import latin_share

Progress = Callable[[float], None]
VERSIONS, REPORTS = "versions of one text", "independent reports"
REPORTS_WITHOUT_MODELS = "independent reports (a model is missing: version passes only)"
REPORTS_OTHER_SCRIPT = "independent reports (a script the models do not read: version passes only)"
REPORTS_OTHER_LANGUAGE = "independent reports (a language the models do not read: version passes only)"
THREADED_CELLS = 4_000_000  # embedding products (n x m) from which the scans run on threads of their own


@dataclass(frozen=True)
class Alignment:
    """The groups of one run and how they were found."""

    groups: tuple[Group, ...]
    run: EngineRun


def align(texts_a: Sequence[str], texts_b: Sequence[str], *, tuning: Tuning = DEFAULT_TUNING,
          progress: Progress | None = None) -> Alignment:
    """Group the passages of A and B that report the same facts.

    progress: called with a fraction in [0, 1] at least every ~50 ms of work; it may raise
    ``Cancelled``, which propagates.
    """
    report = _Reporter(progress)
    report(0.0)
    if not texts_a or not texts_b:
        report(1.0)
        return Alignment((), EngineRun(mode="", passes=(), models=()))
    report.stage(0.0, 0.2)
    space, pairs = read_words(texts_a, texts_b, tuning, report.tick)
    passes = ["read_words", "align_versions"]
    report.stage(0.2, 0.9)
    models: tuple[str, ...] = ()
    grouper = None
    versions = reads_as_versions(space, pairs, tuning)
    mode = VERSIONS if versions else reports_mode(texts_a, texts_b, tuning)
    facts = mode == REPORTS or (versions and tuning.facts_between_versions
                                and reports_mode(texts_a, texts_b, tuning) == REPORTS)
    members: list[tuple[list[int], list[int], float | None]] = []
    read: reading.Reading | None = None
    if mode != REPORTS:
        grouper = Grouper(space, pairs, tuning, report.tick)
        members = version_groups(grouper)
    if facts:
        links, read = same_fact_links(texts_a, texts_b, space, pairs, tuning, report.tick)
        members += beyond_versions(links, members) if versions else links
        models = (STATIC.folder, SAME_FACT.folder)
        passes += ["embed", "pick_candidates", "score_same_fact"]
        if read is not None:
            passes.append("read_pairs")
            models += (READER.folder,)
        passes += ["link", "group_links"]
    report.stage(0.9, 1.0)
    groups = name_facts(members, texts_a, texts_b, grouper)
    report(1.0)
    run = EngineRun(mode=mode, passes=(*passes, "name_facts"), models=models,
                    pairs_read=len(read.rows) if read else 0,
                    pairs_to_read=read.normal if read else 0,
                    reader_runtime=read.runtime if read else "")
    return Alignment(tuple(groups), run)


def reports_mode(texts_a: Sequence[str], texts_b: Sequence[str], tuning: Tuning) -> str:
    """``REPORTS`` when the same-fact passes can read both documents; else the mode that says
    why not (a script or a language the models do not read, a model missing), whose result the
    version passes give."""
    if latin_share([*texts_a, *texts_b]) < tuning.min_latin_share:
        return REPORTS_OTHER_SCRIPT
    if not (reads_language(texts_a, tuning) and reads_language(texts_b, tuning)):
        return REPORTS_OTHER_LANGUAGE
    if not models_load(tuning):
        return REPORTS_WITHOUT_MODELS
    return REPORTS


def reads_language(texts: Sequence[str], tuning: Tuning) -> bool:
    """Whether the models read the document's language: its guess (``guess_language``, from the
    first few thousand characters) is one of ``Tuning.model_languages``, or unsure ("")."""
    guess = guess_language(" ".join(texts[:200]))
    return not guess or guess in tuning.model_languages


def beyond_versions(links: list[tuple[list[int], list[int], float]],
                    versions: list[tuple[list[int], list[int], float | None]]
                    ) -> list[tuple[list[int], list[int], float | None]]:
    """The same-fact links that no version group already shows, grouped as ``group_links``
    groups. A link inside a version group (both passages in it) adds nothing. A link between
    two sentences that each have a 1:1 copy must be mirrored: A's i with B's j says that i
    and the copy of j report one fact, so the copy of i and j must be linked too; the model
    saying it one way only is the likelier error (measured on the version pairs of two gold
    sets none of the models saw: precision .71 -> .74 and .72 -> .74, F1 within .003)."""
    shown = {(i, j) for a, b, _ in versions for i in a for j in b}
    copy_a = {a[0]: b[0] for a, b, _ in versions if len(a) == len(b) == 1}
    copy_b = {j: i for i, j in copy_a.items()}
    linked = {(i, j): score for a, b, score in links for i in a for j in b}
    kept = np.array([(i, j, score) for (i, j), score in linked.items() if (i, j) not in shown
                     and (i not in copy_a or j not in copy_b or (copy_b[j], copy_a[i]) in linked)],
                    dtype=float).reshape(-1, 3)
    return list(group_links(kept[:, 0].astype(int), kept[:, 1].astype(int), kept[:, 2]))


def read_words(texts_a: Sequence[str], texts_b: Sequence[str], tuning: Tuning,
               tick: Callable[[], None]) -> tuple[Space, Pairs]:
    space = build_space(texts_a, texts_b, tuning.lexical, progress=_ticks(tick))
    return space, candidate_pairs(space, tick=tick)


def reads_as_versions(space: Space, pairs: Pairs, tuning: Tuning) -> bool:
    """The ``align_versions`` decision: versions of one text when the median mutual-best anchor
    score reaches ``Tuning.versions_threshold`` (``align`` and fitting both ask it here)."""
    return median_anchor(pairs, space.a.n, space.b.n, tuning) >= tuning.versions_threshold


def version_groups(grouper: Grouper) -> list[tuple[list[int], list[int], float | None]]:
    """The version passes (mutual-best anchors, contiguous growth, gap filling, coverage links),
    run only when their groups are the result: the median anchor score that decides the mode
    (``groups.median_anchor``) needs no group, and between independent reports the same-fact
    links replace them."""
    grouper.anchors()
    grouper.grow()
    grouper.coverage()
    return [(sorted(g.members[0]), sorted(g.members[1]), None) for g in grouper.groups]


def models_load(tuning: Tuning) -> bool:
    """Whether the static and the same-fact model load. One that is missing or unreadable is
    reported (once, through ``components``: terminal, status bar, ``align --json``) and the run
    keeps to the version passes, rather than failing or linking without a model."""
    components.check_models()  # missing files: named without the install's path
    loads = ((STATIC, static_model.load), (SAME_FACT, lambda: samefact.load(tuning.same_fact_model)))
    for model, load in loads:
        try:
            load()
        except (OSError, ValueError) as error:
            reason = str(error).replace(str(model.directory()), f"resources/models/{model.folder}")
            components.report(components.Missing(model.role, f"cannot load: {reason}", model.without))
            return False
    return True


def reader_loads(tuning: Tuning) -> bool:
    """Whether the same-fact reader and its trees load; one that is missing or unreadable is
    reported (once, through ``components``) and the first trees decide every pair."""
    try:
        reading.load_reader()
        reading.load_trees(tuning.reader_model)
    except (OSError, ValueError, KeyError) as error:
        reason = str(error).replace(str(READER.directory()), f"resources/models/{READER.folder}")
        components.report(components.Missing(READER.role, f"cannot load: {reason}", READER.without))
        return False
    return True


def same_fact_links(texts_a: Sequence[str], texts_b: Sequence[str], space: Space, pairs: Pairs,
                    tuning: Tuning, tick: Callable[[], None]
                    ) -> tuple[list[tuple[list[int], list[int], float]], reading.Reading | None]:
    """The same-fact passes: embed, pick candidates, score, read the likeliest pairs, link,
    group the links. Also returns what the reader read (None: it did not run)."""
    pi, pj, x = candidate_rows(texts_a, texts_b, space, pairs, tuning, tick)
    model = samefact.load(tuning.same_fact_model)
    p = same_fact_probability(model, x, tick)
    tick()
    keep = p >= _threshold(model, tuning)
    read = None
    if tuning.read_pairs and reader_loads(tuning):
        trees = reading.load_trees(tuning.reader_model)
        read = reading.read_pairs(texts_a, texts_b, pi, pj, x, p, floor=tuning.reader_floor,
                                  budget=reader_budget(len(texts_a), len(texts_b), tuning),
                                  normal=tuning.reader_budget, trees=trees,
                                  threads=tuning.reader_threads, tick=tick)
        p = p.copy()
        p[read.rows] = read.probability
        keep[read.rows] = read.probability >= _threshold(trees, tuning)
    return group_links(pi[keep], pj[keep], p[keep]), read


def reader_budget(n: int, m: int, tuning: Tuning) -> int:
    """How many full reads (``reading.choose``) the reader may spend: ``reader_budget`` (at most
    its share of ``reader_budget_many`` when ``reader_share`` source pairs share a many-source run), or
    ``reader_budget_large`` for documents too large to score every pair (above ``dense_pairs``),
    whichever is smaller."""
    budget = tuning.reader_budget
    if tuning.reader_share > 1:
        budget = min(budget, tuning.reader_budget_many // tuning.reader_share)
    if n * m <= tuning.dense_pairs:
        return budget
    return min(budget, tuning.reader_budget_large)


def _threshold(trees: samefact.Trees, tuning: Tuning) -> float:
    """The analyst's threshold if set, else the one fitted with these trees."""
    return tuning.link_threshold if tuning.link_threshold is not None else trees.fit["threshold"]


def same_fact_probability(model: samefact.Trees, x: np.ndarray, tick: Callable[[], None]) -> np.ndarray:
    """The model's probabilities, the second half of the rows on a thread of their own (each
    row's walk is its own: the same values as one call)."""
    half = len(x) // 2
    if half < samefact.BLOCK_ROWS:
        return model.probability(x)
    _ = model.distinct_tests  # the cached tables are made once, before both threads read them
    with Background(1) as bg:
        job = bg.submit(model.probability, x[half:])
        first = model.probability(x[:half])
        return np.concatenate([first, bg.result(job, tick)])


def candidate_rows(texts_a: Sequence[str], texts_b: Sequence[str], space: Space, pairs: Pairs,
                   tuning: Tuning, tick: Callable[[], None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pi, pj, feature rows) of the candidate pairs: ``embed``, ``pick_candidates`` and the rows
    the same-fact model reads; the one path both ``align`` and fitting take."""
    ea, eb = embed(texts_a), embed(texts_b)
    tick()
    scans, ev = scans_and_evidence(texts_a, texts_b, ea, eb, tick)
    pi, pj = pick_candidates(scans, pairs, tuning)
    tick()
    return pi, pj, feature_rows(ea, eb, ev, scans, space, pairs, pi, pj)


def scans_and_evidence(texts_a: Sequence[str], texts_b: Sequence[str], ea: np.ndarray, eb: np.ndarray,
                       tick: Callable[[], None]
                       ) -> tuple[tuple[pairfeatures.Scan, pairfeatures.Scan], evidence.Evidence]:
    """The embedding scans (A against B, B against A) and the evidence of the passages. From
    ``THREADED_CELLS`` products on, the scans (numpy) run on threads of their own while this
    thread reads the evidence (Python); below, threads cost more than they save (the interpreter
    lock changes hands only every few milliseconds)."""
    if len(ea) * len(eb) < THREADED_CELLS:
        return (pairfeatures.scan(ea, eb), pairfeatures.scan(eb, ea)), evidence.gather(texts_a, texts_b)
    with Background() as bg:
        jobs = (bg.submit(pairfeatures.scan, ea, eb, bg.tick), bg.submit(pairfeatures.scan, eb, ea, bg.tick))
        ev = evidence.gather(texts_a, texts_b)
        return (bg.result(jobs[0], tick), bg.result(jobs[1], tick)), ev


def embed(texts: Sequence[str]) -> np.ndarray:
    return static_model.embed(texts)


def pick_candidates(scans: tuple[pairfeatures.Scan, pairfeatures.Scan], pairs: Pairs, tuning: Tuning
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of article-sized documents; above ``dense_pairs``, each passage's best partners
    by meaning (from the embedding scans) and by words."""
    n, m = len(scans[0].max), len(scans[1].max)
    if n * m <= tuning.dense_pairs:
        pi, pj = np.divmod(np.arange(n * m, dtype=np.int64), m)
        return pi, pj
    k = min(tuning.candidates_per_passage, n, m)
    rows_a, cols_a = np.repeat(np.arange(n), k), scans[0].best_index[:, :k].ravel()
    rows_b, cols_b = np.repeat(np.arange(m), k), scans[1].best_index[:, :k].ravel()
    best_lexical = best_partners(pairs.i, pairs.j, pairs.s, k)
    keys = [pairs.i[best_lexical] * m + pairs.j[best_lexical], rows_a * m + cols_a, cols_b * m + rows_b]
    unique = np.unique(np.concatenate(keys))
    return unique // m, unique % m


def feature_rows(ea: np.ndarray, eb: np.ndarray, ev: evidence.Evidence,
                 scans: tuple[pairfeatures.Scan, pairfeatures.Scan], space: Space, pairs: Pairs,
                 pi: np.ndarray, pj: np.ndarray) -> np.ndarray:
    """What the same-fact model reads about each candidate pair (``pairfeatures.FEATURES``)."""
    lex = pairfeatures.pair_dots(space.a, space.b, pi, pj)
    soft = softmatch.recall(*ev.words, pi, pj, static_model.word_vectors)
    return pairfeatures.features(ea, eb, scans, lex, ev, pi, pj, (pairs.i, pairs.j, pairs.s), soft)


def training_rows(texts_a: Sequence[str], texts_b: Sequence[str], tuning: Tuning = DEFAULT_TUNING
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """(pi, pj, feature rows, whether the pair reads as versions): what ``align`` scores, for fitting."""
    space, pairs = read_words(texts_a, texts_b, tuning, lambda: None)
    versions = reads_as_versions(space, pairs, tuning)
    return (*candidate_rows(texts_a, texts_b, space, pairs, tuning, lambda: None), versions)


def group_links(pi: np.ndarray, pj: np.ndarray, p: np.ndarray) -> list[tuple[list[int], list[int], float]]:
    """Links as groups whose pairs are exactly the links: consecutive passages of A linked to the
    same passages of B form one group, split where B's passages are not consecutive."""
    partners: dict[int, list[int]] = {}
    score: dict[tuple[int, int], float] = {}
    for i, j, s in zip(pi.tolist(), pj.tolist(), p.tolist(), strict=True):
        partners.setdefault(i, []).append(j)
        score[(i, j)] = s
    runs: list[tuple[list[int], tuple[int, ...]]] = []
    for i in sorted(partners):
        bs = tuple(sorted(partners[i]))
        if runs and runs[-1][1] == bs and runs[-1][0][-1] == i - 1:
            runs[-1][0].append(i)
        else:
            runs.append(([i], bs))
    out = []
    for a_run, bs in runs:
        for b_run in _consecutive(bs):
            best = max(score[(i, j)] for i in a_run for j in b_run)
            out.append((a_run, b_run, best))
    return out


def _consecutive(values: tuple[int, ...]) -> list[list[int]]:
    out: list[list[int]] = []
    for v in values:
        if out and out[-1][-1] == v - 1:
            out[-1].append(v)
        else:
            out.append([v])
    return out


def name_facts(members: list[tuple[list[int], list[int], float | None]], texts_a: Sequence[str],
               texts_b: Sequence[str], grouper: Grouper | None) -> list[Group]:
    """Groups with their score and a reason naming the shared fact, ordered by first passage."""
    out = []
    namer = reasons.Namer(texts_a, texts_b)
    for a, b, p in members:
        score = p if p is not None else _version_score(grouper, a, b)
        out.append(Group(tuple(a), tuple(b), round(float(score), 4), namer.name(a, b)))
    out.sort(key=lambda g: (g.a, g.b))
    return out


def _version_score(grouper: Grouper | None, a: list[int], b: list[int]) -> float:
    """The lexical cosine of a version group's two sides (version groups come with their grouper)."""
    assert grouper is not None
    return min(1.0, max(0.0, cosine(grouper.vec(0, a), grouper.vec(1, b))))


def _ticks(tick: Callable[[], None]):
    while True:
        tick()
        yield None


class _Reporter:
    """Maps stage-local ticks to overall fractions and calls ``progress`` every ~20 ms."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.lo, self.hi, self.done = 0.0, 1.0, 0.0
        self.last = time.perf_counter()

    def __call__(self, fraction: float) -> None:
        if self.progress is not None:
            self.progress(fraction)
        self.last = time.perf_counter()

    def stage(self, lo: float, hi: float) -> None:
        self.lo, self.hi, self.done = lo, hi, 0.0
        self(lo)

    def tick(self) -> None:
        """Some work was done; progress inside a stage approaches its end asymptotically."""
        self.done += (1.0 - self.done) * 0.05
        if time.perf_counter() - self.last >= 0.02:
            self(self.lo + (self.hi - self.lo) * self.done)
