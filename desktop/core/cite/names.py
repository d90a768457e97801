"""Display names ("Maria Silva", "Lula da Silva", "Xinhua") to CSL name objects and back.

``Metadata.authors`` holds names as a byline writes them. CSL needs them split:

* one word, or a known organisation ("Associated Press", "BBC News"): ``{"literal": ...}``;
  a name in braces ("{Example Wire Staff}") is always a literal, as in BibTeX;
* "Family, Given" (a comma) is taken as already split;
* otherwise the last word is the family name, lower-case particles before it (da, de, van, von,
  ...) are its ``non-dropping-particle`` (the style decides "da Silva, L." or "Silva, Lula da"),
  a trailing "Jr."/"III" is the suffix, and the words before are the given names.
"""

from __future__ import annotations

PARTICLES = frozenset({
    "al", "bin", "binti", "da", "das", "de", "degli", "dei", "del", "della", "dela", "der", "des",
    "di", "do", "dos", "du", "el", "ibn", "la", "le", "lo", "op", "st.", "ten", "ter", "van",
    "vander", "von", "y", "zu"
})
SUFFIXES = frozenset({
    "jr", "jr.", "sr", "sr.", "ii", "iii", "iv"
})
ORGANISATION_WORDS = frozenset({
    "agence", "agencia", "agency", "associated", "bbc", "board", "bureau", "broadcasting",
    "channel", "company", "corporation", "council", "correspondents", "desk", "editorial",
    "editors", "group", "inc.", "institute", "ltd", "media", "ministry", "network", "news",
    "newsroom", "office", "press", "reporters", "reuters", "service", "services", "staff", "team",
    "times", "tv", "wire"
})


def split_name(display: str) -> dict[str, str] | None:
    """A CSL name object for one display name; ``None`` for an empty name."""
    name = " ".join(display.split())
    if not name:
        return None
    if name.startswith("{") and name.endswith("}"):
        return {"literal": name[1:-1].strip()}
    if "," in name:
        family, _, given = (part.strip() for part in name.partition(","))
        if family and given and given.lower() not in SUFFIXES:
            return {"family": family, "given": given}
        return {"literal": name}
    words = name.split(" ")
    if len(words) == 1 or any(word.lower() in ORGANISATION_WORDS for word in words):
        return {"literal": name}
    return _split_words(words)


def _split_words(words: list[str]) -> dict[str, str]:
    result: dict[str, str] = {}
    if len(words) > 2 and words[-1].lower() in SUFFIXES:
        result["suffix"] = words.pop()
    family = words.pop()
    particles: list[str] = []
    while len(words) > 1 and words[-1].lower() in PARTICLES and words[-1][:1].islower():
        particles.insert(0, words.pop())
    result["given"] = " ".join(words)
    if particles:
        result["non-dropping-particle"] = " ".join(particles)
    result["family"] = family
    return result


def family_name(name: dict[str, str]) -> str:
    """The family name with its particle ("da Silva"), or the literal."""
    if "literal" in name:
        return name["literal"]
    return " ".join(p for p in (name.get("non-dropping-particle", ""), name.get("family", "")) if p)


def display_name(name: dict[str, str]) -> str:
    """A CSL name object back to the display form ``split_name`` reads."""
    if "literal" in name:
        literal = name["literal"]
        return literal if split_name(literal) == {"literal": literal} else "{" + literal + "}"
    parts = (name.get("given", ""), name.get("dropping-particle", ""), family_name(name),
             name.get("suffix", ""))
    return " ".join(p for p in parts if p)


def sort_form(name: dict[str, str], *, suffix_last: bool = False) -> str:
    """"Family, Given" as RIS and BibTeX write names; a literal stays whole. A suffix goes
    "Family, Suffix, Given" (BibTeX) or, with ``suffix_last``, "Family, Given, Suffix" (RIS)."""
    if "literal" in name:
        return name["literal"]
    given = " ".join(p for p in (name.get("given", ""), name.get("dropping-particle", "")) if p)
    family = family_name(name)
    suffix = name.get("suffix", "")
    if not given:
        return family
    if not suffix:
        return f"{family}, {given}"
    return f"{family}, {given}, {suffix}" if suffix_last else f"{family}, {suffix}, {given}"
