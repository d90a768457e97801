"""The two sources of the pair workbench, and values kept per source.

The pair views name a source by ``Which`` (``A`` is ``Which(0)``, ``B`` is ``Which(1)``), never
by a letter string. ``Sides`` holds one value per source (a pane, a header, a passage list);
its keys go through ``Which.coerce``, so a letter ("a") still finds the same entry (callers
from outside the views, and the tests, may still name a source by letter).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from typing import TypeVar

from desktop.core.model import Which

V = TypeVar("V")

SIDES = Which.all(2)
A, B = SIDES


class Sides(MutableMapping[Which, V]):
    """A dict keyed by ``Which`` whose keys may also be given as letters or indices."""

    def __init__(self, items: Iterable[tuple[Which | str | int, V]] = ()) -> None:
        self._values: dict[Which, V] = {}
        for key, value in items:
            self[key] = value

    def __getitem__(self, key: Which | str | int) -> V:
        return self._values[Which.coerce(key)]

    def __setitem__(self, key: Which | str | int, value: V) -> None:
        self._values[Which.coerce(key)] = value

    def __delitem__(self, key: Which | str | int) -> None:
        del self._values[Which.coerce(key)]

    def __iter__(self) -> Iterator[Which]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Sides({dict((k.key, v) for k, v in self._values.items())!r})"


def pair(a: V, b: V) -> Sides[V]:
    """A's value and B's value, keyed by ``A`` and ``B``."""
    return Sides(zip(SIDES, (a, b), strict=True))
