"""``parallax align``, ``align-batch`` and ``cite`` with three or more sources, and the input
they refuse (a file given twice, too many files, unreadable files named all at once)."""

from __future__ import annotations

import json
import re

import pytest
from many_kit import write_articles

from desktop.cli import main
from desktop.core.pipeline import compare, compare_many
from desktop.core.project.serialize import comparison_to_dict, many_from_dict
from desktop.core.sources.loading import read_source


@pytest.fixture
def articles(tmp_path):
    return [str(p) for p in write_articles(tmp_path)]


def _row(out: str, words: str) -> list[str]:
    """The cells of the coverage row whose reference wording starts with ``words``."""
    line = next(line for line in out.splitlines() if re.match(r"^\s+\d+  ", line) and words in line)
    return line.split(words)[0].split()[1:]


def test_align_three_sources_prints_coverage_wordings_and_omissions(articles, capsys):
    assert main(["align", *articles, "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("A: Valley Wire") and "\nC: State Radio" in out
    assert "3 sources, reference A" in out and "1 only in B; 1 only in C" in out
    assert re.search(r"^fact  A  B\s+C$", out, re.MULTILINE)
    assert _row(out, "The ministry said 12")[:2] == ["R", "nw"]  # B: a number and other words
    assert _row(out, "Rescue teams") == ["R", "n"]  # C does not report it: a blank cell
    assert "  B Daily Globe [para. 1, sent. 1]: {+Officials+} said {+14+} people" in out
    assert "  A Valley Wire [para. 1, sent. 1]: The ministry said [-12-] people" in out
    assert "    changed: number: 12 -> 14" in out
    assert "Only in C (State Radio)\n  [para. 4, sent. 1] Insurance companies" in out
    assert re.search(r"Omitted by C \(State Radio\), reported by every other source: fact \d", out)


@pytest.mark.xfail(strict=True, reason="measured 2026-12-05: the second trees refitted on the reads "
                   "of 64 full reads link B's toll with C's quote (probability .454 against .43, "
                   "reader logit -.25), so C's fact 1 shows two passages")
def test_a_source_that_copies_the_reference_shows_the_same_words(articles, capsys):
    assert main(["align", *articles, "--color", "never"]) == 0
    assert _row(capsys.readouterr().out, "The ministry said 12") == ["R", "nw", "="]


def test_align_json_of_three_sources_reads_back_as_the_comparison(articles, capsys):
    assert main(["align", *articles, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["format"], data["version"], data["reference"]) == ("parallax-comparison", 2, 0)
    assert [s["key"] for s in data["sources"]] == ["a", "b", "c"]
    assert [p["sources"] for p in data["engine"]["pairs"]] == [[0, 1], [0, 2], [1, 2]]
    assert all(p["mode"] and p["passes"] for p in data["engine"]["pairs"])
    facts = data["facts"]
    only_b = data["sources"][1]["only_in"]
    assert [facts[k]["members"] for k in only_b] == [[[1, [3]]]]
    omitted = [facts[k]["members"] for k in data["sources"][2]["omitted_by"]]
    assert omitted == [[[0, [1]], [1, [1]]]]
    toll = next(f for f in facts if f["members"][0] == [0, [0]])
    number = [d for w in toll["wordings"] for d in w["differences"] if d["kind"] == "number"]
    assert [(d["a_text"], d["b_text"]) for d in number] == [("12", "14")]
    assert many_from_dict(data) == compare_many([read_source(p) for p in articles])


def test_reference_picks_the_source_the_others_are_compared_with(articles, capsys):
    assert main(["align", *articles, "--json", "--reference", "B"]) == 0
    data = json.loads(capsys.readouterr().out)
    toll = next(f for f in data["facts"] if f["members"][0] == [0, [0]])
    assert data["reference"] == 1 and toll["reference"] == 1
    assert main(["align", *articles, "--reference", "4"]) == 2
    assert "--reference 4 (D): there are only 3 sources" in capsys.readouterr().err


def test_two_sources_keep_the_two_source_json(articles, capsys):
    assert main(["align", *articles[:2], "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = comparison_to_dict(compare(read_source(articles[0]), read_source(articles[1])))
    assert printed == json.loads(json.dumps(expected)) and printed["version"] == 1


def test_cite_lists_every_source(articles, capsys):
    assert main(["cite", *articles]) == 0
    entries = capsys.readouterr().out.splitlines()
    assert len(entries) == 3
    assert [any(t in e for e in entries) for t in ("Valley Wire", "Daily Globe", "State Radio")] == [True] * 3


def test_a_file_given_twice_is_refused(articles, tmp_path, capsys):
    again = str(tmp_path / "." / "a.txt")
    assert main(["align", articles[0], articles[1], again]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "given twice" in err and "a.txt" in err


def test_unreadable_sources_are_named_together(articles, tmp_path, capsys):
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"")
    assert main(["align", articles[0], str(tmp_path / "gone.txt"), str(blank), articles[2]]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("parallax: 2 of 4 sources cannot be read: ")
    assert "gone.txt: file not found" in err and "blank.txt: the file is empty" in err


def test_more_than_twelve_sources_are_refused_before_reading(capsys):
    assert main(["align", *[f"missing-{n}.txt" for n in range(13)]]) == 2
    err = capsys.readouterr().err
    assert "13 sources given; a comparison holds at most 12" in err and "missing-0" not in err


def test_align_batch_aligns_docs_lines_and_keeps_pair_lines(tmp_path, capsys):
    docs = [["Putin met Xi in Moscow.", "The sky is blue."],
            ["Xi met Putin in Moscow.", "Bananas are yellow."],
            ["In Moscow, Putin met Xi.", "Trains were late."]]
    lines = [{"id": "n", "docs": docs},
             {"id": 2, "docs": [["only one document"]]},
             {"id": 3, "docs": [["a"], "not a list"]},
             {"id": 4, "docs": docs, "sents_a": ["x"]},
             {"id": "p", "sents_a": docs[0], "sents_b": docs[1]}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["align-batch", str(src), "-o", str(out)]) == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["n", "p"]
    assert records[0]["facts"][0]["members"] == [[0, [0]], [1, [0]], [2, [0]]]
    assert all(len(f["members"]) >= 2 and 0 <= f["score"] <= 1 for f in records[0]["facts"])
    assert {"a": [0], "b": [0]} in [{"a": g["a"], "b": g["b"]} for g in records[1]["alignments"]]
    err = capsys.readouterr().err
    assert "line 2: docs is not a list of 2 to 12 documents" in err
    assert "line 3: docs[1] (document 2) is not a list of strings" in err
    assert "line 4: give either docs or sents_a and sents_b" in err
