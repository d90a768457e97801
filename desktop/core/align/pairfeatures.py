"""What the same-fact model reads about one candidate pair of passages: its feature row.

The model (``samefact``) was fitted on rows made by this module, so the order and meaning of
``FEATURES`` is part of the model file; changing a feature means refitting
(``benchmarks/fit_same_fact.py``). Features fall into five families:

- meaning: the cosine of the static sentence embeddings, and where it stands in its row, its
  column and the whole pair of documents (rank, z-score, gap to the best): "B's best match for
  A's sentence" says more than a raw cosine whose scale shifts from one pair of articles to the next;
- words: the lexical TF-IDF cosine (``lexical``) with the same standing figures;
- specifics: shared names, numbers and content words, and numbers that differ;
- context: the cosine of the neighbouring passages, how central each passage is to the other
  document (a lead or a restatement of the event links widely), position, length;
- boilerplate: URL lines, bare dates, quotes.

Every figure is computed for the candidate pairs only, so the cost grows with the candidates,
not with n x m; the embedding statistics come from blocked matrix products.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from desktop.core.align.evidence import Evidence, KeySets
from desktop.core.align.lexical import Rows

FEATURES: tuple[str, ...] = (
    "sem", "sem_rank_row", "sem_rank_col", "sem_z_row", "sem_z_col", "sem_gap_row", "sem_gap_col",
    "sem_z_doc", "lex", "lex_rank_row", "lex_rank_col", "lex_z_row", "lex_z_col", "lex_gap_row",
    "lex_gap_col", "lex_z_doc", "names_shared", "names_jaccard", "numbers_shared", "numbers_differ",
    "content_idf", "content_cover", "quote_both", "pos_a", "pos_b", "pos_diff", "head_a", "head_b",
    "len_a", "len_b", "len_min", "central_a", "central_b", "central3_a", "central3_b", "lead_match",
    "context", "doc_sem_mean", "doc_size", "url_a", "url_b", "date_a", "date_b",
    "trigram", "trigram_of_row_best", "trigram_of_col_best", "keyword_a", "keyword_b", "keyword_both",
    "keyword_shared", "soft_a", "soft_b", "soft_min", "soft_max",
)
BLOCK_PAIRS = 2_000_000  # embedding products per block (8 MB of float32)
STAT_CELLS = 80_000  # cosines whose statistics are taken at once (640 kB: they stay in the cache)
RANK_CAP = 64  # ranks are counted exactly up to here (article pairs never reach it)
MATCH_TABLE = 2_000_000  # cells of the look-up table of shared keys (16 MB)
DOT_CHUNK = 1_024  # pairs of embedding rows gathered at once (2 x 1 MB: they stay in the cache)


@dataclass(frozen=True)
class Standing:
    """Statistics of a similarity over every pair of the two documents, per row and per column."""

    row_max: np.ndarray
    row_mean: np.ndarray
    row_std: np.ndarray
    row_top3: np.ndarray
    col_max: np.ndarray
    col_mean: np.ndarray
    col_std: np.ndarray
    col_top3: np.ndarray
    mean: float
    std: float


def features(ea: np.ndarray, eb: np.ndarray, scans: tuple[Scan, Scan], lex: np.ndarray, ev: Evidence,
             pi: np.ndarray, pj: np.ndarray, lex_all: tuple[np.ndarray, np.ndarray, np.ndarray],
             soft: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Feature rows (len(pi) x len(FEATURES)) of the candidate pairs (pi[k], pj[k]).

    ``ea``/``eb``: unit sentence embeddings and ``scans`` their ``scan``s (A against B, B against
    A); ``lex``: the lexical cosine of each candidate pair;
    ``lex_all``: (i, j, cosine) of every pair with a non-zero lexical cosine (the rest are 0);
    ``soft``: each pair's soft word recall of A in B and of B in A (``softmatch``).
    """
    n, m = len(ea), len(eb)
    f: dict[str, np.ndarray] = {}
    sem = _cosines(row_dots(ea, eb, pi, pj))
    st = standing(*scans)
    ranks = (scans[0].ranks(pi, sem), scans[1].ranks(pj, sem))
    _standing_features(f, "sem", sem, st, pi, pj, ranks)
    lst = sparse_standing(*lex_all, n, m)
    _standing_features(f, "lex", lex, lst, pi, pj, sparse_ranks(*lex_all, pi, pj, lex, n, m))
    matches = _matches(ev.content.a, ev.content.b, pi, pj)  # content keys: three figures, one search
    _specifics(f, ev, pi, pj, matches)
    _context(f, ea, eb, st, pi, pj, ev)
    _wording(f, ev, pi, pj, n, m, matches)
    f["soft_a"], f["soft_b"] = soft
    f["soft_min"], f["soft_max"] = np.minimum(*soft), np.maximum(*soft)
    for name, values in (("url", ev.url), ("date", ev.date_line)):
        f[f"{name}_a"] = values[0][pi].astype(np.float64)
        f[f"{name}_b"] = values[1][pj].astype(np.float64)
    return np.column_stack([f[name] for name in FEATURES]) if len(pi) else np.zeros((0, len(FEATURES)))


def _standing_features(f: dict[str, np.ndarray], key: str, s: np.ndarray, st: Standing,
                       pi: np.ndarray, pj: np.ndarray, ranks: tuple[np.ndarray, np.ndarray]) -> None:
    f[key] = s
    f[f"{key}_rank_row"] = 1.0 / (1.0 + ranks[0])
    f[f"{key}_rank_col"] = 1.0 / (1.0 + ranks[1])
    f[f"{key}_z_row"] = (s - st.row_mean[pi]) / (st.row_std[pi] + 1e-6)
    f[f"{key}_z_col"] = (s - st.col_mean[pj]) / (st.col_std[pj] + 1e-6)
    f[f"{key}_gap_row"] = s - st.row_max[pi]
    f[f"{key}_gap_col"] = s - st.col_max[pj]
    f[f"{key}_z_doc"] = (s - st.mean) / (st.std + 1e-6)


@dataclass(frozen=True)
class Scan:
    """One document's rows of ``x @ y.T`` (its passages against the other document's), read in
    one blocked pass: row statistics, and each row's ``RANK_CAP`` best entries, best first."""

    max: np.ndarray
    mean: np.ndarray
    sq_mean: np.ndarray  # mean of the squares (the document's spread)
    std: np.ndarray
    top3: np.ndarray
    best_values: np.ndarray  # (rows, min(RANK_CAP, columns)), descending
    best_index: np.ndarray

    def ranks(self, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
        """How many entries of each row score strictly higher than the value, counted up to
        ``RANK_CAP`` (the feature is 1 / (1 + rank): beyond the cap it is ~0 either way)."""
        return _count_above(self.best_values[:, ::-1], rows, values)


def scan(x: np.ndarray, y: np.ndarray, tick: Callable[[], None] | None = None) -> Scan:
    """The ``Scan`` of ``x @ y.T``, in blocks of rows (never the whole matrix at once); ``tick``
    is called after each block (it may raise to stop the scan). Each block's product is read
    ``STAT_CELLS`` at a time, so that the dozen passes over its cosines stay in the cache (every
    figure is a row's own, so this changes no bit of it)."""
    n, m = len(x), len(y)
    k = min(RANK_CAP, m)
    stats = [np.zeros(n) for _ in range(5)]
    best_values, best_index = np.zeros((n, k)), np.zeros((n, k), dtype=np.int64)
    step = max(1, STAT_CELLS // max(m, 1))
    for lo, hi in _blocks(n, m):
        product = x[lo:hi] @ y.T
        for sub in range(lo, hi, step):
            rows = slice(sub, min(hi, sub + step))
            s = _cosines(product[rows.start - lo:rows.stop - lo])
            for out, value in zip(stats, _row_stats(s), strict=True):
                out[rows] = value
            best_values[rows], best_index[rows] = _best(s, k)
        if tick is not None:
            tick()
    return Scan(*stats, best_values, best_index)


def _best(s: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best entries of each row of ``s`` and their columns, best first."""
    m = s.shape[1]
    if k < m:
        idx = np.argpartition(np.negative(s), k - 1, axis=1)[:, :k]
    else:
        idx = np.tile(np.arange(m), (len(s), 1))
    vals = np.take_along_axis(s, idx, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    return np.take_along_axis(vals, order, axis=1), np.take_along_axis(idx, order, axis=1)


def _row_stats(s: np.ndarray) -> tuple[np.ndarray, ...]:
    """Max, mean, mean of the squares, standard deviation and mean of the 3 best of each row: the
    very sums ``s.mean(1)``, ``(s * s).mean(1)`` and ``s.std(1)`` make (bit for bit), sharing
    the row sums and one work matrix."""
    m = s.shape[1]
    mean = np.add.reduce(s, axis=1) / m
    work = np.multiply(s, s)
    sq_mean = np.add.reduce(work, axis=1) / m
    np.subtract(s, mean[:, None], out=work)
    np.multiply(work, work, out=work)
    std = np.sqrt(np.add.reduce(work, axis=1) / m)
    return s.max(1), mean, sq_mean, std, _top3_mean(s, 1)


def _cosines(values: np.ndarray) -> np.ndarray:
    """Float32 cosines on a grid of 1e-5: a pair's cosine computed by a matrix product and by a
    dot product, or by A @ B.T and by B @ A.T, differ in the last float32 bits; on the grid they
    are equal, so "the best of its row" (a gap of exactly 0) means the same in every path.
    (``np.round(v, 5)`` computed in place: rint(v * 1e5) / 1e5.)"""
    out = values.astype(np.float64)
    np.multiply(out, 1e5, out=out)
    np.rint(out, out=out)
    return np.divide(out, 1e5, out=out)


def standing(rows: Scan, cols: Scan) -> Standing:
    """Row, column and document statistics of a similarity from its two scans."""
    mean = float(rows.mean.mean()) if len(rows.mean) else 0.0
    std = float(np.sqrt(max(rows.sq_mean.mean() - mean ** 2, 0.0))) if len(rows.mean) else 0.0
    return Standing(rows.max, rows.mean, rows.std, rows.top3, cols.max, cols.mean, cols.std, cols.top3,
                    mean, std)


def _count_above(sorted_rows: np.ndarray, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per query (row r, value v): the number of entries of sorted row r greater than v."""
    width = sorted_rows.shape[1]
    offset = 4.0  # cosines lie in [-1, 1]: shifting row r by 4r keeps the rows apart when flattened
    flat = (sorted_rows + offset * np.arange(len(sorted_rows))[:, None]).ravel()
    pos = np.searchsorted(flat, values + offset * rows, side="right")
    return (rows + 1) * width - pos


def sparse_standing(i: np.ndarray, j: np.ndarray, v: np.ndarray, n: int, m: int) -> Standing:
    """Statistics of a similarity given by its non-zero entries (every other pair scores 0)."""
    def side(major: np.ndarray, size: int, other: int) -> tuple[np.ndarray, ...]:
        total = np.bincount(major, weights=v, minlength=size)
        sq = np.bincount(major, weights=v * v, minlength=size)
        mean = total / max(other, 1)
        std = np.sqrt(np.maximum(sq / max(other, 1) - mean ** 2, 0.0))
        best = np.zeros(size)
        np.maximum.at(best, major, v)
        return best, mean, std, _top3_sparse(major, v, size, other)
    r, c = side(i, n, m), side(j, m, n)
    total = n * m
    mean = float(v.sum() / total) if total else 0.0
    std = float(np.sqrt(max((v * v).sum() / total - mean ** 2, 0.0))) if total else 0.0
    return Standing(*r, *c, mean, std)


def sparse_ranks(i: np.ndarray, j: np.ndarray, v: np.ndarray, pi: np.ndarray, pj: np.ndarray,
                 s: np.ndarray, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Ranks of the candidates' values among the non-zero entries of their row and column."""
    out = []
    for major, cand, size in ((i, pi, n), (j, pj, m)):
        order = np.lexsort((v, major))
        sorted_major, sorted_v = major[order], v[order]
        starts = np.searchsorted(sorted_major, np.arange(size + 1))
        flat = sorted_v + 4.0 * sorted_major
        pos = np.searchsorted(flat, s + 4.0 * cand, side="right")
        out.append((starts[cand + 1] - pos).astype(np.float64))
    return out[0], out[1]


def _top3_mean(s: np.ndarray, axis: int) -> np.ndarray:
    k = min(3, s.shape[axis])
    if k == 0:
        return np.zeros(s.shape[1 - axis])
    size = s.shape[axis]
    return np.partition(s, size - k, axis=axis).take(range(size - k, size), axis=axis).mean(axis=axis)


def _top3_sparse(major: np.ndarray, v: np.ndarray, size: int, other: int) -> np.ndarray:
    order = np.lexsort((-v, major))
    sm, sv = major[order], v[order]
    starts = np.searchsorted(sm, np.arange(size))
    rank = np.arange(len(sm)) - starts[sm]
    keep = rank < 3
    top = np.bincount(sm[keep], weights=sv[keep], minlength=size)
    return top / max(min(3, other), 1)


def _specifics(f: dict[str, np.ndarray], ev: Evidence, pi: np.ndarray, pj: np.ndarray,
               matches: tuple[np.ndarray, np.ndarray, np.ndarray] | None) -> None:
    names = shared(ev.names, pi, pj)
    size_a, size_b = ev.names.sizes(0)[pi], ev.names.sizes(1)[pj]
    f["names_shared"] = names
    f["names_jaccard"] = names / np.maximum(size_a + size_b - names, 1.0)
    numbers = shared(ev.numbers, pi, pj)
    f["numbers_shared"] = numbers
    f["numbers_differ"] = ((ev.numbers.sizes(0)[pi] > 0) & (ev.numbers.sizes(1)[pj] > 0)
                           & (numbers == 0)).astype(np.float64)
    keys = ev.content
    content = _dots(matches, keys.a.data, keys.b.data, len(pi))
    f["content_idf"] = _dots(matches, keys.a.data, keys.weight[keys.b.indices], len(pi))
    smaller = np.minimum(ev.content.sizes(0)[pi], ev.content.sizes(1)[pj])
    f["content_cover"] = content / np.maximum(smaller, 1.0)
    f["quote_both"] = (ev.quote[0][pi] & ev.quote[1][pj]).astype(np.float64)


def shared(keys: KeySets, pi: np.ndarray, pj: np.ndarray, *, weighted: bool = False) -> np.ndarray:
    """Per candidate pair: the number of keys both passages have (or the sum of their weights)."""
    b = keys.b
    if weighted:
        b = Rows(b.indptr, b.indices, keys.weight[b.indices])
    return pair_dots(keys.a, b, pi, pj)


def pair_dots(a: Rows, b: Rows, pi: np.ndarray, pj: np.ndarray) -> np.ndarray:
    """Sparse dot products of row pi[k] of ``a`` with row pj[k] of ``b``, vectorised."""
    return _dots(_matches(a, b, pi, pj), a.data, b.data, len(pi))


def _matches(a: Rows, b: Rows, pi: np.ndarray, pj: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(pair k, entry of ``a``, entry of ``b``) of every key rows pi[k] of ``a`` and pj[k] of ``b``
    share, in pair then key order; None when there is none. Dots of rows with the same keys but
    other values (``_dots``) reuse it: the search is most of the cost.

    The rows of ``a`` are read in blocks: a block's keys are written into a (rows x keys) table of
    entry numbers, and each key of each partner row in ``b`` is one look-up in it (not a binary
    search of all of ``b``); the table is cleared after the block, so it is allocated once."""
    nf = int(max(a.indices.max(initial=-1), b.indices.max(initial=-1))) + 1
    if nf == 0 or len(pi) == 0 or len(b.indices) == 0:
        return None
    order = None
    if (pi[1:] < pi[:-1]).any():
        order = np.argsort(pi, kind="stable")
        pi, pj = pi[order], pj[order]
    rows = min(max(1, MATCH_TABLE // nf), a.n)
    table = np.zeros(rows * nf, dtype=np.int64)  # 1 + entry of a at (row in the block, key); 0: none
    a_rows = a.row_ids()
    bounds = np.searchsorted(pi, np.arange(0, a.n + rows, rows))
    found = []
    for r0, lo, hi in zip(range(0, a.n, rows), bounds[:-1], bounds[1:], strict=True):
        if lo == hi:
            continue
        e0, e1 = a.indptr[r0], a.indptr[min(r0 + rows, a.n)]
        cells = (a_rows[e0:e1] - r0) * nf + a.indices[e0:e1]
        table[cells] = np.arange(e0 + 1, e1 + 1)
        found.append(_look_up(table, nf, b, pi[lo:hi] - r0, pj[lo:hi], lo))
        table[cells] = 0
    pair, entry_a, entry_b = (np.concatenate(parts) for parts in zip(*found, strict=True))
    if len(pair) == 0:
        return None
    if order is not None:  # back to the callers' pair order, keys in order inside a pair
        pair = order[pair]
        back = np.argsort(pair, kind="stable")
        pair, entry_a, entry_b = pair[back], entry_a[back], entry_b[back]
    return pair, entry_a, entry_b


def _look_up(table: np.ndarray, nf: int, b: Rows, row: np.ndarray, pj: np.ndarray, first: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The matches of pairs first, first + 1, ...: each key of b's row pj[k] looked up in the
    table row ``row[k]`` (1 + the entry of a holding that key, 0: a lacks it)."""
    counts = b.indptr[pj + 1] - b.indptr[pj]
    ends = np.cumsum(counts)  # the entries of b's partner rows, laid end to end
    entry_b = np.repeat(b.indptr[pj] - (ends - counts), counts) + np.arange(int(ends[-1]))
    got = table[np.repeat(row * nf, counts) + b.indices[entry_b]]
    hit = np.flatnonzero(got)
    return first + np.searchsorted(ends, hit, side="right"), got[hit] - 1, entry_b[hit]


def _dots(matches: tuple[np.ndarray, np.ndarray, np.ndarray] | None, a_data: np.ndarray,
          b_data: np.ndarray, size: int) -> np.ndarray:
    if matches is None:
        return np.zeros(size)
    pair, ea, eb = matches
    return np.bincount(pair, weights=a_data[ea] * b_data[eb], minlength=size)


def _wording(f: dict[str, np.ndarray], ev: Evidence, pi: np.ndarray, pj: np.ndarray, n: int, m: int,
             matches: tuple[np.ndarray, np.ndarray, np.ndarray] | None) -> None:
    """Character trigrams (spelling variants, inflections) and the pair's recurring vocabulary."""
    tri = pair_dots(ev.trigrams[0], ev.trigrams[1], pi, pj)
    row_best, col_best = np.zeros(n), np.zeros(m)
    np.maximum.at(row_best, pi, tri)
    np.maximum.at(col_best, pj, tri)
    f["trigram"] = tri
    f["trigram_of_row_best"] = tri / np.maximum(row_best[pi], 1e-9)
    f["trigram_of_col_best"] = tri / np.maximum(col_best[pj], 1e-9)
    ka, kb = ev.keyword[0][pi], ev.keyword[1][pj]
    f["keyword_a"], f["keyword_b"], f["keyword_both"] = ka, kb, ka * kb
    content = ev.content
    f["keyword_shared"] = _dots(matches, content.a.data, ev.recurring[content.b.indices], len(pi))


def _context(f: dict[str, np.ndarray], ea: np.ndarray, eb: np.ndarray, st: Standing,
             pi: np.ndarray, pj: np.ndarray, ev: Evidence) -> None:
    n, m = len(ea), len(eb)
    f["pos_a"] = pi / max(n - 1, 1)
    f["pos_b"] = pj / max(m - 1, 1)
    f["pos_diff"] = np.abs(f["pos_a"] - f["pos_b"])
    f["head_a"] = (pi == 0).astype(np.float64)
    f["head_b"] = (pj == 0).astype(np.float64)
    f["len_a"], f["len_b"] = ev.length[0][pi], ev.length[1][pj]
    f["len_min"] = np.minimum(f["len_a"], f["len_b"])
    f["central_a"], f["central_b"] = st.row_max[pi], st.col_max[pj]
    f["central3_a"], f["central3_b"] = st.row_top3[pi], st.col_top3[pj]
    f["lead_match"] = _lead_match(ea, eb, pi, pj)
    f["context"] = _neighbours(ea, eb, pi, pj)
    f["doc_sem_mean"] = np.full(len(pi), st.mean)
    f["doc_size"] = np.full(len(pi), np.log(max(n * m, 1)))


def _lead_match(ea: np.ndarray, eb: np.ndarray, pi: np.ndarray, pj: np.ndarray) -> np.ndarray:
    """How well both passages match the lead (first two passages) of either document."""
    def lead(e: np.ndarray) -> np.ndarray:
        v = e[:2].astype(np.float64).mean(0)
        return v / (np.linalg.norm(v) or 1.0)
    la, lb = lead(ea), lead(eb)
    to_a = np.maximum(ea @ lb, ea @ la)
    to_b = np.maximum(eb @ la, eb @ lb)
    return to_a[pi] * to_b[pj]


def _neighbours(ea: np.ndarray, eb: np.ndarray, pi: np.ndarray, pj: np.ndarray) -> np.ndarray:
    """Mean cosine of the neighbouring pairs (i-1, j-1), (i+1, j+1), (i±1, j), (i, j±1)."""
    n, m = len(ea), len(eb)
    total, count = np.zeros(len(pi)), np.zeros(len(pi))
    for di, dj in ((-1, -1), (1, 1), (-1, 0), (1, 0), (0, -1), (0, 1)):
        i, j = pi + di, pj + dj
        ok = (i >= 0) & (i < n) & (j >= 0) & (j < m)
        total[ok] += row_dots(ea, eb, i[ok], j[ok])
        count[ok] += 1
    return np.divide(total, count, out=np.zeros(len(pi)), where=count > 0)


def row_dots(x: np.ndarray, y: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Dot products of rows x[i[k]] and y[j[k]] (``einsum("kd,kd->k")`` of the gathered rows), a
    few thousand pairs at a time so that the gathered rows are read back from the cache: four
    times faster than one gather of all pairs, and each dot is computed the same way."""
    out = np.empty(len(i), dtype=np.result_type(x, y))
    for lo in range(0, len(i), DOT_CHUNK):
        hi = lo + DOT_CHUNK
        out[lo:hi] = np.einsum("kd,kd->k", x[i[lo:hi]], y[j[lo:hi]])
    return out


def _blocks(n: int, m: int):
    step = max(1, BLOCK_PAIRS // max(m, 1))
    for lo in range(0, n, step):
        yield lo, min(n, lo + step)
