"""Tests of the passage aligner (``desktop.core.align.align``): its modes, its groups, its
scores and reasons, its edge cases, and what it finds on the seed pair.

Tiny hand-made cases; the seed sentences and their gold links are hard-coded from the news-facts
development set (``news-facts-dev.jsonl``, id ``seeds-01``) so the test depends neither on the
segmenter nor on files outside the repository.
"""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.align import Alignment, Tuning, align, engine, samefact
from desktop.core.align.candidates import candidate_pairs
from desktop.core.align.engine import REPORTS, REPORTS_OTHER_SCRIPT, VERSIONS
from desktop.core.align.lexical import build_space, tokens
from desktop.core.model import Cancelled


def pairs_of(groups):
    return {(i, j) for g in groups for i in g.a for j in g.b}


def grouped(groups, side: str) -> set[int]:
    return {x for g in groups for x in getattr(g, side)}


def shape(alignment: Alignment):
    return [(g.a, g.b) for g in alignment.groups]


DOC = [
    "Chinese President Xi Jinping arrived in Moscow on Monday for a three-day state visit.",
    "Russian President Vladimir Putin praised the 12-point peace plan proposed by Beijing.",
    "Ukraine said it was still waiting for a response to its invitation for talks.",
    "The two leaders signed an agreement on a gas pipeline from Siberia to China.",
]


# -- which question the run answers ------------------------------------------------------------

VERSION_PASSES = Tuning(facts_between_versions=False)  # the version passes alone


def test_identical_documents_are_versions_aligned_one_to_one():
    result = align(DOC, DOC, tuning=VERSION_PASSES)
    assert result.run.mode == VERSIONS
    assert shape(result) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    assert all(g.score == pytest.approx(1.0) for g in result.groups)
    assert "score_same_fact" not in result.run.passes and result.run.models == ()


def test_between_versions_the_same_fact_passes_add_what_no_copy_shows():
    result = align(DOC, DOC)
    assert result.run.mode == VERSIONS
    assert [((i,), (i,)) for i in range(4)] == [s for s in shape(result) if s[0] == s[1]]
    links = {(i, j) for g in result.groups for i in g.a for j in g.b}
    assert all((j, i) in links for i, j in links)  # a link beyond the copies is mirrored
    assert result.run.passes.index("score_same_fact") > result.run.passes.index("align_versions")


def test_beyond_versions_drops_the_links_a_version_group_shows_and_groups_the_rest():
    links = [([0], [0], 0.9), ([0, 1], [2], 0.8)]
    assert engine.beyond_versions(links, [([0], [0], None)]) == [([0, 1], [2], 0.8)]
    assert engine.beyond_versions(links, [([0, 1], [0, 2], None)]) == []


def test_between_copies_a_link_beyond_the_versions_must_be_mirrored():
    copies = [([i], [i], None) for i in range(4)]
    assert engine.beyond_versions([([0], [3], 0.8)], copies) == []  # A0~B3 but not A3~B0
    assert engine.beyond_versions([([0], [3], 0.8), ([3], [0], 0.7)], copies) == \
        [([0], [3], 0.8), ([3], [0], 0.7)]
    assert engine.beyond_versions([([0], [3], 0.8)], copies[1:]) == [([0], [3], 0.8)]  # A0 has no copy


def test_two_different_reports_are_independent_reports():
    result = align(SEED_A, SEED_B)
    assert result.run.mode == REPORTS
    assert result.run.passes == ("read_words", "align_versions", "embed", "pick_candidates",
                                 "score_same_fact", "read_pairs", "link", "group_links", "name_facts")
    assert result.run.models == ("minilm-static", "same-fact", "same-fact-reader")


def test_swapped_order_is_found():
    b = [DOC[3], DOC[2], DOC[0], DOC[1]]  # first sentence of A is third of B
    assert pairs_of(align(DOC, b, tuning=VERSION_PASSES).groups) == {(0, 2), (1, 3), (2, 1), (3, 0)}
    assert {(0, 2), (1, 3), (2, 1), (3, 0)} <= pairs_of(align(DOC, b).groups)


def test_one_sentence_said_in_two_is_one_group():
    a = ["The minister resigned on Friday after the corruption scandal, and parliament will elect "
         "a successor in March.",
         "Markets in Frankfurt barely moved."]
    b = ["Markets in Frankfurt barely moved.",
         "The minister resigned on Friday after the corruption scandal.",
         "Parliament will elect a successor in March."]
    assert shape(align(a, b)) == [((0,), (1, 2)), ((1,), (0,))]


def test_a_sentence_repeated_in_both_documents_pairs_copy_with_copy():
    a = ["Putin met Xi in Moscow.", "The talks lasted three hours.", "Oil rose sharply.",
         "The talks lasted three hours."]
    b = ["Putin met Xi in Moscow.", "The talks lasted three hours.", "Oil rose sharply on Monday.",
         "The talks lasted three hours."]
    assert shape(align(a, b, tuning=VERSION_PASSES)) == [((i,), (i,)) for i in range(4)]


def test_unrelated_sentences_give_no_group():
    a = ["The orchestra performed Mahler's ninth symphony in Vienna."]
    b = ["Heavy rain flooded several villages along the river delta."]
    result = align(a, b)
    assert result.run.mode == REPORTS and result.groups == ()


# -- edge cases: never an exception --------------------------------------------------------------

@pytest.mark.parametrize("a, b", [([], []), (DOC, []), ([], DOC), ([""], [""]), (["   "], ["\n\t"]),
                                  (["..."], DOC), (["🙂"], ["🙂"])])
def test_empty_and_blank_inputs_give_no_group(a, b):
    assert align(a, b).groups == ()


@pytest.mark.parametrize("a, b", [([DOC[0]], DOC), (DOC, [DOC[1]]), ([DOC[2]], [DOC[2]])])
def test_a_one_passage_document_gives_a_one_sided_result(a, b):
    groups = align(a, b).groups
    assert groups
    assert grouped(groups, "a") <= set(range(len(a))) and grouped(groups, "b") <= set(range(len(b)))
    single = "a" if len(a) == 1 else "b"
    assert grouped(groups, single) == {0}


def test_other_scripts_do_not_break():
    a = ["Путин встретился с Си Цзиньпином в Москве.", "习近平抵达莫斯科进行国事访问。", "🙂"]
    b = ["习近平抵达莫斯科。", "Си Цзиньпин и Путин встретились в Москве."]
    assert pairs_of(align(a, b).groups) == {(0, 1), (1, 0)}


@pytest.mark.parametrize("a, b", [
    (["习近平抵达莫斯科进行国事访问。", "两国领导人签署了天然气管道协议。"],
     ["习近平抵达莫斯科。", "普京称赞了和平计划。"]),
    (["وصل الرئيس الصيني إلى موسكو يوم الاثنين.", "وقع الزعيمان اتفاقية خط أنابيب الغاز."],
     ["وصل شي جين بينغ إلى موسكو.", "أشاد بوتين بخطة السلام."]),
])
def test_cjk_only_and_arabic_only_documents_run(a, b):
    result = align(a, b)
    assert result.run.mode in (VERSIONS, REPORTS_OTHER_SCRIPT)
    for g in result.groups:
        assert set(g.a) <= {0, 1} and set(g.b) <= {0, 1} and 0.0 <= g.score <= 1.0 and g.reason


# -- groups, scores, reasons -----------------------------------------------------------------------

def test_scores_in_unit_interval_and_indices_sorted():
    b = [DOC[1] + " " + DOC[0], "Something else entirely about football.", DOC[3].upper()]
    groups = align(DOC, b).groups
    assert groups
    for g in groups:
        assert 0.0 <= g.score <= 1.0
        assert list(g.a) == sorted(g.a) and list(g.b) == sorted(g.b)
        assert g.a and g.b


def test_independent_report_scores_are_probabilities_above_the_fitted_threshold():
    threshold = samefact.load().fit["threshold"]
    assert 0.0 < threshold < 1.0
    groups = align(SEED_A, SEED_B).groups
    assert groups
    assert all(threshold - 1e-4 <= g.score < 1.0 for g in groups)


def test_link_threshold_moves_the_links():
    """Links are the pairs whose probability reaches the threshold: raising it above the weakest
    group's score drops that group and keeps the strongest; lowering it adds links."""
    default = align(SEED_A, SEED_B).groups
    scores = sorted(g.score for g in default)
    assert scores[0] < scores[-1]
    middle = (scores[0] + scores[-1]) / 2
    strict = pairs_of(align(SEED_A, SEED_B, tuning=Tuning(link_threshold=middle)).groups)
    loose = pairs_of(align(SEED_A, SEED_B, tuning=Tuning(link_threshold=0.05)).groups)
    assert set() < strict < pairs_of(default) < loose
    assert align(SEED_A, SEED_B, tuning=Tuning(link_threshold=1.0)).groups == ()


def test_reason_names_the_shared_number():
    a = ["Putin praised the 12-point peace plan presented by Xi in Moscow."]
    b = ["In Moscow, Xi presented a 12-point peace plan that Putin praised."]
    (g,) = align(a, b).groups
    assert g.reason == "same number: 12-point peace"


def test_deterministic():
    first = align(SEED_A, SEED_B)
    assert align(list(SEED_A), list(SEED_B)) == first
    assert align(SEED_A, SEED_B, tuning=Tuning()) == first


def test_progress_is_non_decreasing_and_ends_at_one():
    seen: list[float] = []
    align(SEED_A, SEED_B, progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert all(0.0 <= x <= 1.0 for x in seen)
    assert seen == sorted(seen)


@pytest.mark.parametrize("at", [0.0, 0.2, 0.35, 0.9])
def test_cancel_raised_from_progress_propagates(at):
    calls: list[float] = []

    def cancel(fraction: float) -> None:
        calls.append(fraction)
        if fraction >= at:
            raise Cancelled("stop")

    with pytest.raises(Cancelled):
        align(SEED_A, SEED_B, progress=cancel)
    assert calls[-1] >= at


# -- the lexical space and its index (used by the version passes and the features) ----------------

def test_numbers_are_normalised_and_tokens_split():
    assert tokens("Xi’s 12-point plan: 850,000 people") == ["Xi", "s", "12", "point", "plan", "850,000",
                                                           "people"]
    space = build_space(["850,000 people"], ["850.000 people"])
    pairs = candidate_pairs(space)
    assert pairs.s[0] == pytest.approx(1.0)


def test_index_is_exact_when_the_join_budget_is_small():
    """The large-input path (frequent features left out of the join, completed afterwards)
    gives the same cosines as a dense product for the pairs it keeps."""
    space = build_space(SEED_A, SEED_B)
    dense = np.zeros((space.a.n, space.n_features))
    dense_b = np.zeros((space.b.n, space.n_features))
    for rows, m in ((space.a, dense), (space.b, dense_b)):
        for x in range(rows.n):
            idx, dat = rows.row(x)
            m[x, idx] = dat
    full = dense @ dense_b.T
    exact = candidate_pairs(space)
    assert len(exact.i) == int((full > 1e-12).sum())
    small = candidate_pairs(space, budget=200, top_k=3)
    assert 0 < len(small.i) < len(exact.i)
    assert np.allclose(small.s, full[small.i, small.j])


# -- the seed pair against its gold ----------------------------------------------------------------

def test_seeds_find_most_of_what_they_found_when_measured():
    """Measured with the shipped models (fitted on news-facts-dev, seeds included; the reader
    since its stage 3 too), reading 64 full reads (75 sentence pairs; 2026-12-05): 12 of the 23
    gold links found, 4 links not in the gold: A0 "Xi left Moscow" with B7, A3 (the visit read as
    support for Putin) with B0 (Xi asked Putin to visit China), A5 (the peace plan "can serve as a
    basis") with B15 ("with the exception of a 12-point peace plan"), A15 "ties between NATO and
    the Asia-Pacific" with B5. Reading 64 pairs, 11 with 3 wrong (A0 with B1 and B7, A3 with
    B0). With the second trees fitted on the 5-fold readers' logits it found 12 with 5
    wrong (A15 "ties between NATO and the Asia-Pacific" with B5 "ties between China and Russia",
    A19 Kishida's trip with B0 and B4); the stage-2 reader found 8 with 1 wrong. The bounds leave
    a small margin for refits; a refit that loses more, or links more wrongly, should be looked at."""
    found = pairs_of(align(SEED_A, SEED_B).groups)
    assert len(found & GOLD) >= 10
    assert len(found - GOLD) <= 4


def test_seeds_the_peace_plan_is_linked_and_named_by_its_number():
    groups = align(SEED_A, SEED_B).groups
    a = next(i for i, s in enumerate(SEED_A) if "12-point" in s)
    partners = {j for g in groups if a in g.a for j in g.b}
    assert {2, 15} <= partners and all((a, j) in GOLD for j in partners)
    assert any(g.reason == "same number: 12-point peace" for g in groups if a in g.a)


def test_seeds_the_lead_is_linked_to_the_lead():
    groups = align(SEED_A, SEED_B).groups
    assert (0, 0) in pairs_of(groups)
    (g,) = [g for g in groups if 0 in g.a and 0 in g.b]
    # B's lead shares no word of what happened (B: "trip to Moscow", A: "left Moscow"), only names
    assert g.reason == "same names: Chinese President Xi Jinping, Moscow"


def test_seeds_departure_and_arrival_are_not_linked():
    """The gold does not link A's departure from "Vnukovo" with B's arrival at "Vnunkovo": a
    departure and an arrival are different events (news-facts clarifications)."""
    a = next(i for i, s in enumerate(SEED_A) if "Vnukovo" in s)
    b = next(j for j, s in enumerate(SEED_B) if "Vnunkovo" in s)
    assert (a, b) not in GOLD
    assert (a, b) not in pairs_of(align(SEED_A, SEED_B).groups)


def test_seeds_dear_friend_is_aligned_and_named():
    a = next(i for i, s in enumerate(SEED_A) if "dear friend" in s)
    b = next(j for j, s in enumerate(SEED_B) if "dear friend" in s)
    assert (a, b) in GOLD
    (g,) = [g for g in align(SEED_A, SEED_B).groups if a in g.a and b in g.b]
    assert g.reason == "same event: “dear friend”"


def test_seeds_putin_open_to_the_plan_in_both():
    """Gold links A4/B11 and A5/B11 (Putin open to negotiating / willing to discuss Beijing’s
    plan): not linked by the first trees alone nor by the stage-2 reader; linked since the
    reader's stage 3."""
    b = next(j for j, s in enumerate(SEED_B) if "willing to discuss Beijing’s plan" in s)
    linked = {i for i, j in pairs_of(align(SEED_A, SEED_B).groups) if j == b}
    assert {i for i, j in GOLD if j == b} & linked


def test_seeds_feast_only_in_second():
    feast = next(j for j, s in enumerate(SEED_B) if "seven-course feast" in s)
    assert feast not in grouped(align(SEED_A, SEED_B).groups, "b")


def test_seeds_kishida_sentences_only_in_first():
    kishida = {i for i, s in enumerate(SEED_A)
               if ("Kishida" in s or "G7" in s) and "visiting Moscow" not in s}
    assert len(kishida) == 3
    assert not kishida & grouped(align(SEED_A, SEED_B).groups, "a")


def test_seeds_kishidas_trip_while_xi_visited_moscow_is_only_in_first():
    """A19 names Xi's visit only as the time of Kishida's trip to Kiev: not a shared fact (linked
    to B0 and B4 while the second trees were fitted on the 5-fold readers' logits)."""
    a = next(i for i, s in enumerate(SEED_A) if "Kishida" in s and "visiting Moscow" in s)
    assert a not in grouped(align(SEED_A, SEED_B).groups, "a")


# -- the seed articles as sentences of the news-facts gold (seeds-01), and its links ---------------

SEED_A = [
    ("date 2023-03-22 Chinese President Xi Jinping left Moscow on Wednesday (22) after a summit "
     "meeting with Russian head of state Vladimir Putin to demonstrate unity in the face of "
     "Western powers, a meeting that did not leave important advances for an eventual ceasefire in "
     "the Ukraine."),
    ("The two nations, keen to counter the United States’ international influence, expressed "
     "concerns about NATO expansion and agreed to deepen an alliance that has become more intense "
     "since the beginning of the Russian offensive in Ukraine."),
    ("Xi’s plane took off from Moscow’s Vnukovo airport after a farewell ceremony with an honor "
     "guard and the playing of the national anthems of Russia and China, the RIA Novosti news "
     "agency reported."),
    ("The Chinese president’s visit was interpreted as support for Putin, who is the subject of a "
     "detention order from the International Criminal Court for alleged illegal deportation of "
     "Ukrainian minors."),
    ("The Russian leader said he was open to negotiating with Ukraine and praised the 12-point "
     "peace proposal presented by China, which calls for dialogue and respect for the territorial "
     "sovereignty of all countries."),
    ("“Various points of the peace plan proposed by China (…) can serve as a basis for a peaceful "
     "solution, provided the West and Kiev are willing to do so."),
    "However, at the moment we see no willingness on their part,” Putin said.",
    ("Ukrainian President Volodymir Zelensky said he had invited China to talks but was still "
     "waiting for a response."),
    ("China played an important role as a mediator in the recent diplomatic reconciliation between "
     "Saudi Arabia and Iran, but analysts find it difficult to bring about an end to hostilities "
     "in the former Soviet republic."),
    ("US Security Council spokesman John Kirby ruled out that China could be considered "
     "“reasonably impartial” in this conflict."),
    "– “Unlimited possibilities” –",
    ("United by their desire to counteract US global dominance, China and Russia have put Cold War "
     "disagreements behind them and have stepped up cooperation in recent years."),
    ("On the second day of meetings in Moscow, Xi said relations between the two nations “enter a "
     "new era” and Putin celebrated “the limitless possibilities and prospects” of cooperation."),
    ("In addition to addressing the Ukrainian conflict, the two heads of state signed an agreement "
     "for the construction of a gigantic gas pipeline that will transport gas from Siberia to "
     "northwest China."),
    ("Putin said the talks were “meaningful and sincere” and that his country, after losing much "
     "of the European market, could meet the Asian giant’s “growing demand” for energy."),
    ("In a joint statement, the two allies expressed concern about the growing strengthening of "
     "ties between NATO and the countries of the Asia-Pacific region” and accused the North "
     "Atlantic Treaty Organization of “undermining regional peace and stability”."),
    ("The presidents have exchanged cordial gestures since the beginning of the visit on Monday, "
     "when they referred to each other as “dear friend”."),
    ("China and Russia often act together on the United Nations Security Council, using their veto "
     "power as permanent members to thwart initiatives by Western countries."),
    ("Beijing has tried to establish a position as a neutral party in the Ukraine conflict, but "
     "Washington considers its proposals to be “delay tactics” to help and buy Moscow more time."),
    ("While Xi was visiting Moscow, the head of government of another Asian power, Japanese Prime "
     "Minister Fumio Kishida, traveled to Kiev on Tuesday and met with President Zelensky."),
    "“Our conversations with Mr. Kishida were very productive,” declared the Ukrainian.",
    ("Kishida was the only G7 leader who had not visited Ukraine since the start of the war and "
     "was under pressure to travel to the country ahead of hosting the summit of the group of the "
     "world’s most industrialized economies in May."),
    "Zelensky confirmed that he will participate in the G7 meeting via videoconference.",
]
SEED_B = [
    ("In addition to his three-day trip to Moscow this week, Chinese President Xi Jinping has "
     "asked Vladimir Putin to visit China on a state visit later this year."),
    ("The Chinese president declared he was prepared to stand guard over a world order based on "
     "international law, in what is being interpreted as an increasing show of solidarity for "
     "Moscow and his Russian counterpart."),
    ("The Chinese leader met with his close friend Putin yesterday during his first state visit to "
     "Russia since the invasion of Ukraine, and they spoke for more than four hours about ideas to "
     "end the conflict that was previously articulated in a 12-point peace plan."),
    ("Putin stated that China and Russia shared plenty of common interests and tasks, while Xi, "
     "who landed yesterday at Moscow’s Vnunkovo airport to the sounds of a military band, praised "
     "the close connections between the two countries."),
    "The Chinese prime minister thinks he will get a lot out of his visit.",
    ("The summit, which has been promoted as a journey of friendship, cooperation, and peace, "
     "represents a strengthening of ties between China and an increasingly isolated Russia."),
    ("Moscow has come to rely on Beijing to mitigate the effects of western sanctions by "
     "purchasing Russian energy and commodities."),
    ("A day after the first round of discussions, the United States said that Xi Jinping’s trip to "
     "Russia, which occurred just after Vladimir Putin was charged with war crimes in Ukraine, "
     "indicated that China did not think the Russian autocrat should be held accountable for the "
     "atrocities."),
    ("US Secretary of State Anthony Blinken warned in a stinging address that Russian forces on "
     "the ground could benefit from Xi’s peace initiatives to resolve the conflict in Ukraine."),
    ("According to Blinken, Beijing may not hold Putin responsible for Russia’s atrocities in "
     "Ukraine because of Xi’s visit."),
    ("This comes after the International Criminal Court issued an arrest warrant for Putin on "
     "Friday, accusing the autocrat of committing war crimes by kidnapping Ukrainian children and "
     "resettling them in Russia with Russian families."),
    ("Putin, visibly nervous during yesterday’s discussions, grasped the arms of his chair as he "
     "declared he was willing to discuss Beijing’s plan to end the war in Ukraine, a move that has "
     "been regarded with suspicion in Kyiv and the West due to China’s consistent support for "
     "Russia."),
    ("They sat down to a seven-course feast featuring nelma, a freshwater fish from the Pechora "
     "River in northern Russia, as well as Russian wine, pancakes stuffed with quail, and a "
     "traditional seafood soup."),
    ("READ ALSO: Massive Clum of Seaweeds, Twice the Width of US, Head Towards Florida’s Gulf "
     "Coast"),
    "Xi Jinping Meets Vladimir Putin in Show of Anti-West Unity",
    ("With the exception of a 12-point “peace plan” that called for an end to Western sanctions, "
     "negotiations that would see Ukraine cede territory, a NATO pull-back from its eastern "
     "borders, and reconstruction efforts that are likely to benefit Chinese contractors, China "
     "has not offered any concrete proposals to end the war."),
    ("Moreover, Blinken today voiced worries that China was defending the ‘sovereignty and "
     "territorial integrity’ of Ukraine with its ‘peace’ plans."),
    ("China has often repeated Russian talking lines about NATO expansionism and stood in "
     "solidarity with Moscow despite its own calls for peace."),
    ("Rumors have circulated that the Russian strongman is battling cancer or Parkinson’s disease, "
     "and during the meeting, Putin was observed grasping the arm of his chair to hide the fact "
     "that his hands were noticeably trembling."),
    "Also, he was observed tapping his left foot nervously on the ground.",
    ("China looks to Russia as a supplier of oil and gas for its energy-hungry economy and as an "
     "ally in resisting what both countries perceive as US dominance of international affairs."),
    ("Also, the two nations, who are two of the five permanent members of the U.N. Security "
     "Council, have conducted joint military exercises."),
    ("Before they sat down and began their conversation, they shook hands, called each other “dear "
     "friend,” and offered praises to one another."),
    "Putin wished Xi luck in his reelection and expressed hope for even closer ties.",
    "READ ALSO: France Protests: Paris Restricts Rallies at City’s Hotspots",
]
GOLD = frozenset({
    (0, 0), (0, 2), (0, 5), (0, 14), (1, 5), (1, 17), (1, 20), (3, 1), (3, 7), (3, 9), (3, 10), (4, 2),
    (4, 11), (4, 15), (4, 16), (5, 11), (11, 20), (14, 6), (14, 20), (16, 22), (17, 21), (18, 8), (18, 11)})


def test_a_script_the_models_do_not_read_keeps_to_the_version_passes_and_says_so():
    a = ["Си Цзиньпин покинул Москву в среду.", "Переговоры длились два дня."]
    b = ["В среду Си Цзиньпин улетел из Москвы домой.", "Стороны подписали соглашение о газопроводе."]
    result = align(a, b)
    assert result.run.mode == "independent reports (a script the models do not read: version passes only)"
    assert result.run.models == ()
    assert "score_same_fact" not in result.run.passes


def test_a_language_the_models_do_not_read_keeps_to_the_version_passes_and_says_so():
    a = ["Xi Jinping hat am Mittwoch Moskau verlassen, nachdem er zwei Tage mit Putin gesprochen hatte.",
         "Die beiden Präsidenten haben eine Erklärung über die Zusammenarbeit der Länder unterzeichnet."]
    b = ["Am Mittwoch ist der chinesische Präsident aus Moskau abgereist und wieder in Peking.",
         "Es wurde auch über die Gasleitung gesprochen, die durch die Mongolei führen soll."]
    result = align(a, b)
    assert result.run.mode == "independent reports (a language the models do not read: version passes only)"
    assert result.run.models == () and "score_same_fact" not in result.run.passes
    assert align(a, b, tuning=Tuning(model_languages=("en", "de"))).run.mode == REPORTS


def test_same_fact_features_do_not_depend_on_the_processs_string_hashing():
    """Set order follows PYTHONHASHSEED; the feature rows (and so the model's input) must not."""
    import hashlib
    import os
    import subprocess
    import sys

    script = ("import hashlib; from desktop import paths; from desktop.core.align import engine; "
              "a, b = (p.read_text(encoding='utf-8').split('. ') for p in paths.seed_files()); "
              "_, _, x, _ = engine.training_rows(a, b); "
              "print(hashlib.sha256(x.tobytes()).hexdigest())")
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                             check=True, cwd=os.getcwd())
        digests.add(out.stdout.strip())
    assert len(digests) == 1 and len(next(iter(digests))) == len(hashlib.sha256().hexdigest())
