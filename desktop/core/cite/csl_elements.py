"""citeproc-py's CSL element classes, with the CSL 1.0.1 rules they lack added at their root.

citeproc-py (0.11) maps every CSL element to an lxml element class. This module subclasses the
few classes whose behaviour departs from the CSL 1.0.1 specification; ``element_lookup()`` maps
the CSL tags to them and ``processor.py`` loads styles with it. Only styles loaded there are
affected; citeproc-py itself is not modified. The gaps, each checked against the styles'
manuals (tests/core/test_citations.py):

* ``cs:name initialize="false"`` (spec, "Name-part Formatting" / "initialize"): given names stay
  whole and only existing initials get the ``initialize-with`` mark. Without it Chicago and MLA
  print "Silva, M." where their manuals print "Silva, Maria".
* ``cs:label`` is rendered only when its variable is non-empty (spec, "Label"). citeproc-py
  printed the term anyway: Chicago's newspaper entries gained a stray "Edition".
* ``cs:if disambiguate="true"`` tests true only while the processor disambiguates (spec,
  "Choose"). citeproc-py ignored the test, i.e. treated it as true, so MLA put the title into
  every in-text citation. Here it is true only for a cite rendered inside ``disambiguating()``:
  ``render.py`` does so for works whose citations would otherwise read alike and that no year
  suffix told apart (MLA: two articles by one author get their short titles).
* The locale option ``punctuation-in-quote`` (spec, "Locale Options"): a comma or period right
  after a quoted run moves inside the closing quote (American usage: Chicago, MLA). Quoted runs
  are marked when the quotes are added and the move happens when the output is assembled.
* Substituted variables are suppressed in the rest of the output (spec, "Substitute"), also when
  the substitute is a macro: citeproc-py only suppressed a directly named ``cs:text`` variable,
  so APA and MLA printed the title twice for an article without author, and Chicago and
  Harvard repeated the outlet that stood in for the author.
* Title case lowercases all English prepositions, as Chicago (8.159) and MLA prescribe and
  citeproc-js (Zotero) does; CSL 1.0.1's short stop-word list capitalized "After", "Against"...
* Rich formats link the URL (``processor.py`` escapes item text for the output format when
  items are loaded: citeproc-py inserted variables raw, so a title with "&" or "<" broke HTML).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import MixedString, String
from lxml import etree

CSL_NS = "http://purl.org/net/xbiblio/csl"
_INITIAL = re.compile(r"^(\w)\.?$")
_DISAMBIGUATING: ContextVar[bool] = ContextVar("disambiguating", default=False)


@contextmanager
def disambiguating(active: bool = True) -> Iterator[None]:
    """Render with ``cs:if disambiguate="true"`` tests passing (the spec's last resort)."""
    token = _DISAMBIGUATING.set(active)
    try:
        yield
    finally:
        _DISAMBIGUATING.reset(token)


# --- quoted runs and punctuation-in-quote -------------------------------------------------------

class QuotedRun(String):
    """Text wrapped in quotes by ``quotes="true"``; ``close`` is set when punctuation may move in."""

    close = ""

    @classmethod
    def make(cls, text: str, close: str) -> QuotedRun:
        run = cls(text)
        run.close = close
        return run


def assemble(rendered: Any) -> str:
    """The final string of a rendered entry, with punctuation-in-quote applied to quoted runs."""
    if not isinstance(rendered, MixedString):
        return str(rendered)
    out: list[str] = []
    for segment in rendered:
        text = str(segment)
        last = out[-1] if out else None
        if isinstance(last, QuotedRun) and last.close and text[:1] in (",", "."):
            inner = str(last)[: -len(last.close)]
            if inner[-1:] not in (".", ",", "?", "!"):  # "Why?," and "Title.." never
                inner += text[0]
            out[-1] = inner + last.close
            text = text[1:]
        if text:
            out.append(segment if text == str(segment) else text)
    return "".join(str(s) for s in out)


# --- substitution bookkeeping -------------------------------------------------------------------
# Kept in the layout's ``repressed`` dict, which citeproc-py resets for every item it renders.
_SUBSTITUTED = "parallax:substituted"  # variables a substitute printed: empty from then on
_CAPTURE = "parallax:capture"  # stack of sets collecting the variables a substitute renders


def _state(context) -> dict:
    try:
        return context.get_layout().repressed
    except (IndexError, AttributeError):  # outside a layout (not rendering an item)
        return {}


def _record(context, variable: str) -> None:
    for captured in _state(context).get(_CAPTURE, ()):
        captured.add(variable)


# --- patched element classes --------------------------------------------------------------------

# citeproc-js's CSL.SKIP_WORDS (single words): articles, conjunctions and prepositions.
_STOP_WORDS = frozenset({
    "a", "an", "the", "and", "but", "for", "nor", "or", "so", "yet", "as", "about", "above",
    "across", "afore", "after", "against", "along", "alongside", "amid", "amidst", "among",
    "amongst", "anenst", "apropos", "apud", "around", "aside", "astride", "at", "athwart", "atop",
    "barring", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
    "by", "circa", "despite", "down", "during", "except", "forenenst", "from", "given", "in",
    "inside", "into", "lest", "like", "modulo", "near", "next", "notwithstanding", "of", "off",
    "on", "onto", "out", "over", "per", "plus", "pro", "qua", "sans", "since", "than", "through",
    "thru", "throughout", "thruout", "till", "to", "toward", "towards", "under", "underneath",
    "until", "unto", "up", "upon", "versus", "vs.", "v.", "via", "vis-à-vis", "with", "within",
    "without"
})


# Macros by name for every style loaded here (key: id of the style's root element, which the
# style keeps alive). citeproc-py ran an XPath query over the whole style for every macro call:
# most of the rendering time with Chicago's 300 macros.
MACROS: dict[int, dict[str, model.Macro]] = {}


class _Text(model.Text):
    _stop_words = _STOP_WORDS

    def get_macro(self, name):
        macros = MACROS.get(id(self.get_root()))
        return macros[name] if macros and name in macros else super().get_macro(name)

    def quote(self, string):
        if self.get("quotes", "false").lower() != "true":
            return string
        open_quote = str(self.get_single_term(name="open-quote"))
        close_quote = str(self.get_single_term(name="close-quote"))
        piq = (self.get_locale_option("punctuation-in-quote") or "false").lower() == "true"
        return QuotedRun.make(open_quote + str(string) + close_quote, close_quote if piq else "")

    def _variable(self, item, context):
        name = self.get("variable")
        if name in _state(context if context is not None else self).get(_SUBSTITUTED, ()):
            return None
        text = super()._variable(item, context)
        if text:
            _record(context if context is not None else self, name)
        link = getattr(self.get_formatter(), "Link", None)
        if text and link is not None and self.get("variable") == "URL":
            return link(str(text))
        return text


class _Names(model.Names):
    def process(self, item, names_context=None, context=None, **kwargs):
        ctx = context if context is not None else self
        roles = self.get("variable", "").split()
        hidden = _state(ctx).get(_SUBSTITUTED, ())
        if roles and all(role in hidden for role in roles):  # already printed by a substitute
            substitute = self.substitute()
            if substitute is None:
                raise VariableError
            return substitute.render(item, context=ctx, **kwargs)
        text = super().process(item, names_context=names_context, context=context, **kwargs)
        if text:
            for role in roles:
                if role.replace("-", "_") in item.reference:
                    _record(ctx, role)
        return text


class _Substitute(model.Substitute):
    def render(self, item, context=None, **kwargs):
        state = _state(context if context is not None else self)
        for child in self.getchildren():
            captured: set[str] = set()
            state.setdefault(_CAPTURE, []).append(captured)
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                text = None
            finally:
                state[_CAPTURE].pop()
            if text:
                state.setdefault(_SUBSTITUTED, set()).update(captured)
                for outer in state.get(_CAPTURE, ()):
                    outer.update(captured)
                return text
        return None


class _Name(model.Name):
    def initialize(self, given, mark, context):
        if self._initialize_option(context) != "false":
            return super().initialize(given, mark, context)
        # initialize="false": keep given names whole; existing initials still get the mark
        # ("James T Kirk" -> "James T. Kirk" with initialize-with=".").
        words = []
        for word in str(given).split():
            initial = _INITIAL.match(word)
            words.append(initial.group(1) + mark.rstrip() if initial and word[0].isupper() else word)
        return " ".join(words)

    def _initialize_option(self, context) -> str:
        """``initialize`` is an inheritable name option (CSL 1.0.1): name, then citation or
        bibliography, then style; default "true"."""
        if self.get("initialize") is not None:
            return self.get("initialize").lower()
        start = context if context is not None else self
        parents = start.xpath_search("./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
        for element in (*parents, self.get_root()):
            if element.get("initialize") is not None:
                return element.get("initialize").lower()
        return "true"


class _Label(model.Label):
    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        if variable is None:  # a stand-alone cs:label: only for a non-empty variable
            name = self.get("variable", "")
            if name == "locator":
                if not item.has_locator:
                    return None
            elif name.replace("-", "_") not in item.reference:
                return None
        return super().process(item, variable, plural, context, **kwargs)


class _If(model.If):
    def render(self, item, context=None, delimiter="", **kwargs):
        results = []
        if "type" in self.attrib:
            results += self._type(item)
        if "variable" in self.attrib:
            results += self._variable(item)
        if "is-numeric" in self.attrib:
            results += self._is_numeric(item)
        if "is-uncertain-date" in self.attrib:
            results += self._is_uncertain_date(item)
        if "locator" in self.attrib:
            results += self._locator(item)
        if "position" in self.attrib:
            results += self._position(item, context)
        if "disambiguate" in self.attrib:
            results.append(_DISAMBIGUATING.get())  # see the module docstring
        match = self.get("match", "all")
        if match == "any":
            passed = any(results)
        elif match == "none":
            passed = not any(results)
        else:
            passed = all(results)
        if not passed:
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


class _Else_If(_If):  # noqa: N801 - the tag name citeproc-py derives from the class name
    pass


_OVERRIDES: dict[str, type] = {
    "text": _Text, "names": _Names, "substitute": _Substitute, "name": _Name, "label": _Label,
    "if": _If, "else-if": _Else_If,
}


def element_lookup() -> etree.ElementNamespaceClassLookup:
    """citeproc-py's tag -> class map with the patched classes in place."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = model.CitationStylesElement
    for cls in model.CitationStylesElement.__subclasses__():
        namespace[cls.__name__.replace("_", "-").lower()] = cls
    namespace.update(_OVERRIDES)
    return lookup
