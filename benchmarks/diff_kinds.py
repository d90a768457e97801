"""How right the difference kinds are: precision and recall of each flag (number, name, quote,
wording) against the hand-labelled spans of tests/core/fixtures/diff_kinds_gold.jsonl, for the
classifier in this checkout and for the one landed at a git revision (default HEAD), in one run.

A span's gold is a set of kinds (a rewritten clause naming Putin on one side is both a name and a
wording change); the classifier gives one kind, so a flag is right when its kind is in the set,
and recall counts the spans of a kind that got that kind as their one flag.

Usage: python benchmarks/diff_kinds.py [--baseline REV]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop.core.diff import kinds as diffclass  # noqa: E402
from desktop.core.text.tokens import Token  # noqa: E402

FIXTURES = REPO / "tests" / "core" / "fixtures"
V1 = "0eeca64"  # the release whose classifier this work replaced
KINDS = ("number", "name", "quote", "wording")


def load() -> tuple[dict[str, tuple[str, str, list[int], list[int]]], list[dict]]:
    """The documents (text of each side and where each sentence starts) and the labelled spans."""
    docs = {}
    for line in (FIXTURES / "diff_kinds_docs.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs[d["pair"]] = (_join(d["sents_a"]), _join(d["sents_b"]),
                           _starts(d["sents_a"]), _starts(d["sents_b"]))
    gold = (FIXTURES / "diff_kinds_gold.jsonl").read_text(encoding="utf-8")
    spans = [json.loads(x) for x in gold.splitlines()]
    return docs, spans


def _join(sents: list[str]) -> str:
    """The document: sentences joined by a space, but a line break after one that does not end
    like a sentence (a headline, a dateline), as the source text would have it."""
    out = []
    for n, s in enumerate(sents):
        if n:
            out.append(" " if _ENDS.search(sents[n - 1]) else "\n")
        out.append(s)
    return "".join(out)


_ENDS = re.compile(r"[.!?…:;,]\W*$")


def _starts(sents: list[str]) -> list[int]:
    out, at = [], 0
    for s in sents:
        out.append(at)
        at += len(s) + 1
    return out


def _tokens(facts: object, start: int, end: int) -> list[Token]:
    return [t for t in facts.tokens if t.start >= start and t.end <= end]  # type: ignore[attr-defined]


def flags(module: ModuleType, docs: dict, spans: list[dict]) -> list[str]:
    """The kind ``module.classify`` gives each labelled span, in its documents' context."""
    out = []
    for s in spans:
        text_a, text_b, starts_a, starts_b = docs[s["pair"]]
        fa, fb = module.facts(text_a), module.facts(text_b)
        a0, b0 = starts_a[s["i"]], starts_b[s["j"]]
        ta = _tokens(fa, a0 + s["a"][0], a0 + s["a"][1])
        tb = _tokens(fb, b0 + s["b"][0], b0 + s["b"][1])
        out.append(module.classify(ta, fa, tb, fb).value)
    return out


def scores(flagged: list[str], spans: list[dict]) -> dict[str, tuple[int, float, float]]:
    """Per kind: how many spans carry the flag, its precision and its recall."""
    out = {}
    for kind in KINDS:
        hits = sum(1 for f, s in zip(flagged, spans, strict=True) if f == kind and kind in s["kinds"])
        n_flag = flagged.count(kind)
        n_gold = sum(1 for s in spans if kind in s["kinds"])
        nan = float("nan")
        out[kind] = (n_flag, hits / n_flag if n_flag else nan, hits / n_gold if n_gold else nan)
    return out


def module_at(rev: str) -> ModuleType:
    """The classifier as committed at ``rev`` (v1 kept it in desktop/core/diffclass.py), imported
    as a separate module."""
    source = subprocess.run(["git", "-C", str(REPO), "show", f"{rev}:desktop/core/diffclass.py"],
                            capture_output=True, text=True, check=True).stdout
    source = source.replace("desktop.core." + "wordtokens", "desktop.core.text.tokens")  # moved since
    path = Path(tempfile.mkdtemp()) / "diffclass_baseline.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("diffclass_baseline", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def report(label: str, fn: Callable[[], list[str]], spans: list[dict]) -> None:
    print(f"\n{label}")
    print(f"  {'kind':8} {'flags':>5} {'precision':>9} {'recall':>6}")
    for kind, (n, p, r) in scores(fn(), spans).items():
        print(f"  {kind:8} {n:5d} {p:9.3f} {r:6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=V1, help="git revision of the baseline classifier (v1)")
    args = parser.parse_args()
    docs, spans = load()
    gold = {k: sum(1 for s in spans if k in s["kinds"]) for k in KINDS}
    print(f"{len(spans)} labelled spans in {len(docs)} document pairs; gold per kind: {gold}")
    baseline = module_at(args.baseline)
    report(f"baseline (diffclass.py at {args.baseline})", lambda: flags(baseline, docs, spans), spans)
    report("this checkout", lambda: flags(diffclass, docs, spans), spans)


if __name__ == "__main__":
    main()
