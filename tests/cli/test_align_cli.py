"""``parallax align`` and ``parallax align-batch`` as a user runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from desktop.cli import build_parser, main


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("parallax ")


@pytest.mark.parametrize("command", ["align", "align-batch", "brief", "cite", "gui"])
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: parallax " + command in capsys.readouterr().out


def test_parser_lists_the_subcommands():
    help_text = build_parser().format_help()
    for command in ("align", "align-batch", "brief", "cite", "gui"):
        assert command in help_text


def test_align_json_holds_the_whole_comparison(seed_paths, capsys):
    assert main(["align", *map(str, seed_paths), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    source_a = data["sources"]["a"]
    assert source_a["metadata"]["issued"] == "2023-03-22"
    for p in source_a["passages"]:
        assert source_a["text"][p["start"]:p["end"]] == p["text"]
    assert data["groups"] and all("differences" in g for g in data["groups"])
    assert data["only_a"] and data["only_b"]


def test_align_plain_output_marks_differences_without_colour(seed_paths, capsys):
    assert main(["align", *map(str, seed_paths), "--color", "never"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert any(line.startswith("  A: ") and re.search(r"\[-[^\]]+-\]", line) for line in lines)
    assert any(line.startswith("  B: ") and re.search(r"\{\+[^}]+\+\}", line) for line in lines)
    # the 12-point plan group: A's own words marked, the words both share left bare
    plan = next(line for line in lines if line.startswith("  A: ") and "12-point" in line)
    assert "[-" in plan and "12-point peace" in re.sub(r"\[-.*?-\]", "", plan)
    assert "\x1b[" not in out
    assert "Only in A" in out and "Only in B" in out


def test_align_colours_when_asked(seed_paths, capsys):
    assert main(["align", *map(str, seed_paths), "--color", "always"]) == 0
    assert "\x1b[31m" in capsys.readouterr().out


def test_align_bad_file_is_one_line_and_nonzero(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02\xff" * 100)
    result = subprocess.run([sys.executable, "-m", "desktop", "align", str(junk), str(junk)],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "junk.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_align_batch_streams_and_reports_bad_lines(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    good = {"id": "p1", "sents_a": ["Putin met Xi in Moscow.", "The sky is blue."],
            "sents_b": ["Xi met Putin in Moscow.", "Bananas are yellow fruit."], "gold": []}
    src.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "p3", "sents_a": "x"}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["align-batch", str(src), "-o", str(out)]) == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["p1"]
    assert {"a": [0], "b": [0]} in [{"a": g["a"], "b": g["b"]} for g in lines[0]["alignments"]]
    err = capsys.readouterr().err
    assert "line 2: not valid JSON" in err and "line 3: missing sents_b" in err


def test_align_batch_missing_input_is_a_clear_error(tmp_path, capsys):
    assert main(["align-batch", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "nope.jsonl: cannot read" in capsys.readouterr().err


def test_threshold_must_be_a_number_between_0_and_1(seed_paths, capsys):
    for bad in ("nan", "1.5", "abc"):
        with pytest.raises(SystemExit) as exit_info:
            main(["align", *map(str, seed_paths), "--threshold", bad])
        assert exit_info.value.code == 2
    assert "between 0 and 1" in capsys.readouterr().err


def test_align_batch_reports_undecodable_and_deep_lines_and_goes_on(tmp_path, capsys):
    good = json.dumps({"id": "ok", "sents_a": ["Putin met Xi."], "sents_b": ["Xi met Putin."]}).encode()
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xff\xfe{bad}\n" + b"[" * 50000 + b"]" * 50000 + b"\n" + good + b"\n")
    out = tmp_path / "out.jsonl"
    assert main(["align-batch", str(src), "-o", str(out)]) == 1
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["ok"]
    err = capsys.readouterr().err
    assert "line 1: not UTF-8" in err and "line 2: not valid JSON" in err


def test_align_batch_refuses_to_overwrite_its_input(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "sents_a": ["a"], "sents_b": ["b"]}\n', encoding="utf-8")
    assert main(["align-batch", str(src), "-o", str(src)]) == 2
    assert "is also an input" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8").startswith('{"id": 1')


def test_output_in_a_legacy_encoding_does_not_crash(seed_paths):
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    result = subprocess.run([sys.executable, "-m", "desktop", "align", *map(str, seed_paths)],
                            capture_output=True, env=env)
    assert result.returncode == 0
    assert b"Group 1" in result.stdout


def test_a_difference_across_two_passages_is_marked_in_both(capsys):
    import io

    from desktop.commands.terminal import print_comparison
    from desktop.core.model import AlignOptions, Group
    from desktop.core.pipeline import assemble
    from desktop.core.sources.loading import source_from_text
    from desktop.core.text.segment import split

    a = source_from_text("Putin met Xi in Moscow on Monday.\n\nThey signed twelve deals.")
    b = source_from_text("Putin met Xi in Moscow on Tuesday and they signed twelve deals.")
    pa, pb = split(a), split(b)
    comparison = assemble(a, b, pa, pb, [Group((0, 1), (0,), 0.9)], AlignOptions())
    out = io.StringIO()
    print_comparison(comparison, out, color=False)
    text = out.getvalue()
    assert "  A: Putin met Xi in Moscow on [-Monday.-] [-They-] signed twelve deals.\n" in text
    assert "  changed: number: Monday. They -> Tuesday and they\n" in text


@pytest.mark.parametrize("command", ["cite", "align"])
def test_a_closed_pipe_ends_quietly(seed_paths, command, monkeypatch):
    """`parallax cite A | head -0`: the reader is gone. A long output fails mid-run, a short one
    only when flushed; both must end with status 141 and leave nothing for the exit flush to fail on
    (it would print "Exception ignored ... BrokenPipeError" and exit 120)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    args = [str(seed_paths[0])] if command == "cite" else [*map(str, seed_paths), "--color", "never"]
    with open(write_end, "w", encoding="utf-8") as stream:  # block-buffered, as stdout is on a pipe
        monkeypatch.setattr(sys, "stdout", stream)
        assert main([command, *args]) == 141
        stream.flush()  # the descriptor now leads to /dev/null


def test_align_batch_writes_strict_json_and_rejects_ids_json_cannot_hold(tmp_path, capsys):
    pair = '"sents_a": ["Putin met Xi."], "sents_b": ["Xi met Putin."]'
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(f'{{"id": {pid}, {pair}}}' for pid in
                             ("NaN", "Infinity", "true", "[1]", '"p5"', "6", "7.5")) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["align-batch", str(src), "-o", str(out)]) == 1
    strict = [json.loads(line, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
              for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in strict] == ["p5", 6, 7.5]
    err = capsys.readouterr().err
    assert all(f"line {n}: id is not a string or a finite number" in err for n in (1, 2, 3, 4))
    assert "4 of 7 lines failed" in err


def test_align_batch_refuses_lone_surrogates_per_line_and_goes_on(tmp_path, capsys):
    """Found by the fuzz campaign: an id "\\ud800" ended the run in a UnicodeEncodeError at the
    UTF-8 output file."""
    src = tmp_path / "in.jsonl"
    pair = '"sents_a": ["Putin met Xi."], "sents_b": ["Xi met Putin."]'
    src.write_text(f'{{"id": "\\ud800", {pair}}}\n'
                   '{"id": "s", "sents_a": ["Putin \\udc00 met Xi."], "sents_b": ["Xi met Putin."]}\n'
                   f'{{"id": "ok \\ud83d\\ude00", {pair}}}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["align-batch", str(src), "-o", str(out)]) == 1
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["ok 😀"]
    err = capsys.readouterr().err
    assert "line 1: id holds a lone surrogate (\\ud800), not Unicode text" in err
    assert "line 2: sents_a holds a lone surrogate (\\udc00)" in err and "2 of 3 lines failed" in err
