"""How fast are citations? One reference entry, one in-text citation and a 50-entry list per style.

Prints medians for ``desktop.core.cite`` and, as the in-process baseline, for the unpatched
citeproc-py processor rendering the same entry from the same style file, with their ratio (the
patches add CSL rules and a macro cache; the ratio shows what they cost or save).

    .venv/bin/python benchmarks/citation_speed.py [--runs 15]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from _common import median_seconds
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON

from desktop.core import cite
from desktop.core.cite.styles import BUILTIN, processor
from desktop.core.model import Metadata
from desktop.paths import resource

FULL = Metadata(title="Xi leaves Moscow after summit with Putin", outlet="Example Wire",
                authors=("Maria Silva",), issued="2023-03-22", url="https://example.com/xi-moscow",
                accessed="2024-01-05", language="en")
MANY = [Metadata(title=f"Report number {i}", outlet="Example Wire", authors=(f"Ana Person{i:02d}",),
                 issued=f"2023-03-{1 + i % 28:02d}") for i in range(50)]


def median_ms(fn: Callable[[], object], runs: int) -> float:
    return median_seconds(fn, runs) * 1000


def baseline(key: str) -> Callable[[], object]:
    """The same entry through citeproc-py as shipped (style parsed once, like ours)."""
    spec = BUILTIN[key]
    style = CitationStylesStyle(str(resource("csl", f"{spec.file}.csl")), locale=spec.locale, validate=False)
    item = cite.to_csl_item(FULL)

    def run() -> object:
        bib = CitationStylesBibliography(style, CiteProcJSON([item]), citeproc_formatter.plain)
        bib.register(Citation([CitationItem("source")]))
        return [str(entry) for entry in bib.bibliography()]

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    header = ("style", "entry ms", "citeproc ms", "ratio", "cite ms", "50 entries ms")
    print("{:14} {:>9} {:>12} {:>6} {:>8} {:>14}".format(*header))
    for key in BUILTIN:
        processor(key)  # load and cache the style outside the timings
        ours = median_ms(lambda k=key: cite.bibliography([FULL], k), args.runs)
        base = median_ms(baseline(key), args.runs)
        cite_ms = median_ms(lambda k=key: cite.cite_passage(FULL, "4", k), args.runs)
        many = median_ms(lambda k=key: cite.bibliography(MANY, k), max(3, args.runs // 5))
        print(f"{key:14} {ours:9.1f} {base:12.1f} {ours / base:6.2f} {cite_ms:8.1f} {many:14.0f}")


if __name__ == "__main__":
    main()
