"""``parallax align A B [C ...]`` and ``parallax align-batch IN.jsonl -o OUT.jsonl``.

Two sources give today's output (groups side by side; ``--json``: format version 1); three or
more, or ``--reference``, give the facts of all sources: a coverage table and each fact's
wordings (``--json``: version 2, ``serialize.many_to_dict``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import IO

from desktop.commands.guard import refuse_overwriting_inputs
from desktop.core.model import MAX_SOURCES, AlignOptions, Granularity, ParallaxError, Source

# The engine (numpy, the loaders) is imported inside the run functions, so that `--help` and
# `--version` answer at once.


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "align", help="align two or more sources and show their differences",
        description="Align the passages of two to twelve sources that report the same facts and show "
                    "the word differences. With two sources: each aligned group side by side. With "
                    "more: a coverage table (which source reports which fact, and how it differs from "
                    "the reference source) and every source's wording of each fact.",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="a source: .txt, .md, .html, .docx or .pdf (2 to 12)")
    parser.add_argument("--json", action="store_true", help="print the whole comparison as JSON")
    add_reference_option(parser)
    add_align_options(parser)
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the differences (default: when writing to a terminal)")
    parser.set_defaults(func=run_align)

    batch = subparsers.add_parser(
        "align-batch", help="align sentence lists from a JSONL file (benchmark format)",
        description="Each input line is {\"id\", \"sents_a\", \"sents_b\"} or, for 2 to 12 documents, "
                    "{\"id\", \"docs\": [[sentences], ...]}; the given sentences are the passages. A "
                    "two-document line gives {\"id\", \"alignments\": [{\"a\", \"b\", \"score\"}]}; a "
                    "\"docs\" line gives {\"id\", \"facts\": [{\"members\": [[doc, [sentences]], ...], "
                    "\"score\"}]}, the facts two or more documents report (a sentence in no fact is "
                    "one only its document reports).",
    )
    batch.add_argument("input", type=Path, help="input JSONL file")
    batch.add_argument("-o", "--output", type=Path, required=True, help="output JSONL file")
    batch.add_argument("--threshold", type=unit_interval, default=None,
                       help="least same-fact probability of a link, in [0, 1] (default: the fitted one)")
    batch.set_defaults(func=run_batch)


def add_align_options(parser: argparse.ArgumentParser) -> None:
    """The alignment options shared by ``align`` and ``brief``."""
    parser.add_argument("--granularity", choices=[g.value for g in Granularity], default="sentence",
                        help="align sentences (default) or paragraphs")
    parser.add_argument("--threshold", type=unit_interval, default=None,
                        help="least same-fact probability of a link, in [0, 1] (default: the fitted one)")
    parser.add_argument("--ignore-case", action="store_true", help="do not report case-only differences")
    parser.add_argument("--ignore-punctuation", action="store_true",
                        help="do not report punctuation-only differences")


def add_reference_option(parser: argparse.ArgumentParser) -> None:
    """``--reference N``: the source the others are compared with (``align`` and ``brief``)."""
    parser.add_argument("--reference", type=source_number, default=None, metavar="N",
                        help="compare every source with source N (1 = the first, default; or its "
                             "letter A, B, ...); also gives the many-source output for two sources")


def source_number(text: str) -> int:
    """An argparse type: a source by its 1-based number or its letter, as a 0-based index."""
    from desktop.core.model import Which

    try:
        return Which.parse(text).index if text.isalpha() else Which(int(text) - 1).index
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a source number or letter: {text!r}") from None


def check_reference(reference: int | None, count: int) -> int:
    """The 0-based reference source, refused when there is no such source."""
    from desktop.core.model import Which

    if reference is None:
        return 0
    if reference >= count:
        raise ParallaxError(f"--reference {reference + 1} ({Which(reference).letter}): there are only "
                            f"{count} sources")
    return reference


def workers() -> int:
    """Processes that align source pairs at once on the command line (``Tuning.workers``): every
    core, up to 4. The results do not depend on it."""
    import os

    return max(1, min(4, os.cpu_count() or 1))


def unit_interval(text: str) -> float:
    """An argparse type: a finite number in [0, 1] (``nan`` would silently change the result)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:  # also false for nan
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text}")
    return value


def options_from_args(args: argparse.Namespace) -> AlignOptions:
    return AlignOptions(
        threshold=args.threshold,
        granularity=Granularity(args.granularity),
        ignore_case=args.ignore_case,
        ignore_punctuation=args.ignore_punctuation,
    )


def run_align(args: argparse.Namespace) -> int:
    from desktop.commands.inputs import check_count, read_sources

    check_count(args.sources, "align")
    reference = check_reference(args.reference, len(args.sources))
    sources = read_sources(args.sources, "align")
    if len(sources) > 2 or args.reference is not None:
        return _align_many(sources, reference, args)
    return _align_two(*sources, args)


def _use_color(args: argparse.Namespace) -> bool:
    from desktop.commands import terminal

    return args.color == "always" or (args.color == "auto" and terminal.supports_color(sys.stdout))


def _align_many(sources: list[Source], reference: int, args: argparse.Namespace) -> int:
    from desktop.commands.terminal_many import print_many
    from desktop.core.pipeline import compare_many
    from desktop.core.project.serialize import many_to_dict

    comparison = compare_many(sources, options_from_args(args), reference=reference, workers=workers())
    if args.json:
        json.dump(many_to_dict(comparison), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_many(comparison, sys.stdout, color=_use_color(args))
    return 0


def _align_two(a: Source, b: Source, args: argparse.Namespace) -> int:
    from desktop.commands import terminal
    from desktop.core.pipeline import compare
    from desktop.core.project.serialize import comparison_to_dict

    comparison = compare(a, b, options_from_args(args))
    if args.json:
        json.dump(comparison_to_dict(comparison), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        terminal.print_comparison(comparison, sys.stdout, color=_use_color(args))
    return 0


def run_batch(args: argparse.Namespace) -> int:
    refuse_overwriting_inputs(args.output, (args.input,))
    try:
        source = args.input.open("rb")  # decoded line by line: one bad line must not end the run
    except OSError as exc:
        raise ParallaxError(f"{args.input}: cannot read ({exc.strerror or exc})") from exc
    try:
        out = _open_output(args.output)
    except ParallaxError:
        source.close()
        raise
    with source, out:
        done, failed = _stream_batch(source, out, args.threshold, sys.stderr)
    if failed:
        print(f"parallax: {failed} of {done + failed} lines failed", file=sys.stderr)
        return 1
    return 0


def _open_output(path: Path) -> IO[str]:
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise ParallaxError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _stream_batch(source: IO[bytes], out: IO[str], threshold: float | None, err: IO[str]) -> tuple[int, int]:
    """Align each line (a pair, or 2 to 12 documents), writing each result as soon as it is ready
    (constant memory)."""
    from desktop.core import components

    components.check_models()

    done = failed = 0
    show_progress = err.isatty()
    for number, raw in enumerate(source, start=1):
        if not raw.strip():
            continue
        try:
            record = _align_line(raw, threshold)
        except ValueError as exc:
            failed += 1
            print(f"\rparallax: line {number}: {exc}", file=err)
            continue
        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
        done += 1
        if show_progress:
            print(f"\r{done} lines aligned", end="", file=err, flush=True)
    if show_progress:
        print(file=err)
    return done, failed


def _align_line(raw: bytes, threshold: float | None) -> dict[str, object]:
    """The output record of one input line; ``ValueError`` says what is wrong with the line."""
    from desktop.core.align import Tuning, align
    from desktop.core.align.facts import align_many

    record = _parse_record(raw)
    tuning = Tuning(link_threshold=threshold, workers=workers())
    if "docs" in record:
        docs = _docs(record)
        facts = align_many(docs, tuning=tuning).facts
        return {"id": record["id"], "facts": [
            {"members": [[s, list(ps)] for s, ps in f.members], "score": round(f.score, 4)}
            for f in facts if len(f.members) > 1]}
    sents_a, sents_b = _pair(record)
    groups = align(sents_a, sents_b, tuning=tuning).groups
    return {"id": record["id"], "alignments": [
        {"a": list(g.a), "b": list(g.b), "score": round(g.score, 4)} for g in groups]}


def _parse_record(raw: bytes) -> dict[str, object]:
    """One line as a JSON object with a plain ``id``."""
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (bad byte at column {exc.start + 1})") from None
    except RecursionError:
        raise ValueError("not valid JSON (nested too deeply)") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    if "docs" in record and ("sents_a" in record or "sents_b" in record):
        raise ValueError("give either docs or sents_a and sents_b, not both")
    needed = ("id", "docs") if "docs" in record else ("id", "sents_a", "sents_b")
    missing = [key for key in needed if key not in record]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    if not _plain_id(record["id"]):
        raise ValueError("id is not a string or a finite number")
    _unicode("id", [record["id"]])
    return record


def _pair(record: dict[str, object]) -> tuple[list[str], list[str]]:
    sents = [record["sents_a"], record["sents_b"]]
    for name, value in zip(("sents_a", "sents_b"), sents, strict=True):
        if not _strings(value):
            raise ValueError(f"{name} is not a list of strings")
    for name, texts in (("sents_a", sents[0]), ("sents_b", sents[1])):
        _unicode(name, texts)  # type: ignore[arg-type]
    return sents[0], sents[1]  # type: ignore[return-value]


def _docs(record: dict[str, object]) -> list[list[str]]:
    docs = record["docs"]
    if not isinstance(docs, list) or not 2 <= len(docs) <= MAX_SOURCES:
        raise ValueError(f"docs is not a list of 2 to {MAX_SOURCES} documents")
    for n, doc in enumerate(docs, start=1):
        if not _strings(doc):
            raise ValueError(f"docs[{n - 1}] (document {n}) is not a list of strings")
        _unicode(f"docs[{n - 1}]", doc)
    return docs


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(s, str) for s in value)


def _unicode(name: str, texts: list[object]) -> None:
    """JSON may spell half of a surrogate pair ("\\ud800"), which UTF-8 output cannot hold."""
    for text in texts:
        if isinstance(text, str):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(f"{name} holds a lone surrogate (\\u{ord(text[exc.start]):04x}), "
                                 "not Unicode text") from None


def _plain_id(value: object) -> bool:
    """An id the output can echo as strict JSON: a string, or a finite int/float (not a bool,
    NaN or Infinity, which Python's json reads but JSON does not allow)."""
    if isinstance(value, str):
        return True
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)
