"""``parallax align A B`` and ``parallax align-batch IN.jsonl -o OUT.jsonl``."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import IO

from desktop.commands.guard import refuse_overwriting_inputs
from desktop.core.model import AlignOptions, Granularity, ParallaxError

# The engine (numpy, the loaders) is imported inside the run functions, so that `--help` and
# `--version` answer at once.


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "align", help="align two sources and show their differences",
        description="Align the passages of two sources that report the same facts and show the "
                    "word differences inside each aligned group.",
    )
    parser.add_argument("a", help="first source: .txt, .md, .html, .docx or .pdf")
    parser.add_argument("b", help="second source")
    parser.add_argument("--json", action="store_true", help="print the whole comparison as JSON")
    add_align_options(parser)
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the differences (default: when writing to a terminal)")
    parser.set_defaults(func=run_align)

    batch = subparsers.add_parser(
        "align-batch", help="align sentence lists from a JSONL file (benchmark format)",
        description="Each input line is {\"id\", \"sents_a\", \"sents_b\"}; the given sentences are the "
                    "passages. Each output line is {\"id\", \"alignments\": [{\"a\", \"b\", \"score\"}]}.",
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
    from desktop.commands import terminal
    from desktop.core.pipeline import compare
    from desktop.core.project.serialize import comparison_to_dict
    from desktop.core.sources import loading

    a = loading.read_source(args.a)
    b = loading.read_source(args.b)
    comparison = compare(a, b, options_from_args(args))
    if args.json:
        json.dump(comparison_to_dict(comparison), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        use_color = args.color == "always" or (args.color == "auto" and terminal.supports_color(sys.stdout))
        terminal.print_comparison(comparison, sys.stdout, color=use_color)
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
    """Align one pair per line, writing each result as soon as it is ready (constant memory)."""
    from desktop.core import components
    from desktop.core.align import Tuning, align

    components.check_models()

    done = failed = 0
    show_progress = err.isatty()
    for number, raw in enumerate(source, start=1):
        if not raw.strip():
            continue
        try:
            pair_id, sents_a, sents_b = _parse_pair(raw)
            groups = align(sents_a, sents_b, tuning=Tuning(link_threshold=threshold)).groups
        except ValueError as exc:
            failed += 1
            print(f"\rparallax: line {number}: {exc}", file=err)
            continue
        record = {"id": pair_id, "alignments": [
            {"a": list(g.a), "b": list(g.b), "score": round(g.score, 4)} for g in groups]}
        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
        done += 1
        if show_progress:
            print(f"\r{done} pairs aligned", end="", file=err, flush=True)
    if show_progress:
        print(file=err)
    return done, failed


def _parse_pair(raw: bytes) -> tuple[object, list[str], list[str]]:
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
    missing = [key for key in ("id", "sents_a", "sents_b") if key not in record]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    sents = [record["sents_a"], record["sents_b"]]
    for name, value in zip(("sents_a", "sents_b"), sents, strict=True):
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            raise ValueError(f"{name} is not a list of strings")
    pair_id = record["id"]
    if not _plain_id(pair_id):
        raise ValueError("id is not a string or a finite number")
    for name, texts in (("id", [pair_id]), ("sents_a", sents[0]), ("sents_b", sents[1])):
        _unicode(name, texts)
    return pair_id, sents[0], sents[1]


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
