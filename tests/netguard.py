"""A guard that fails on any network access: connects, sends, name lookups (and, optionally, the
creation of any socket at all).

Each attempt raises ``NetworkAttempt`` at the call and is also recorded, so that an attempt a
library swallowed (``except Exception: pass``) still fails the test when ``check()`` runs.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

_FUNCTIONS = ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
              "getnameinfo", "getfqdn")
_METHODS = ("connect", "connect_ex", "sendto", "sendmsg")


class NetworkAttempt(AssertionError):
    pass


class NetworkGuard:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, sockets: bool = False) -> None:
        self.attempts: list[str] = []
        for name in _FUNCTIONS:
            monkeypatch.setattr(socket, name, self._refuse(f"socket.{name}"))
        for name in _METHODS:
            monkeypatch.setattr(socket.socket, name, self._refuse(f"socket.socket.{name}"))
        if sockets:
            monkeypatch.setattr(socket.socket, "__init__", self._refuse("socket.socket()"))

    def _refuse(self, what: str) -> Callable[..., Any]:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            shown = [a for a in args if not isinstance(a, socket.socket)]
            self.attempts.append(f"{what}{tuple(shown)!r}")
            raise NetworkAttempt(f"network access while reading: {what}{tuple(shown)!r}")

        return refuse

    def check(self) -> None:
        assert self.attempts == [], f"network access attempted: {self.attempts}"
