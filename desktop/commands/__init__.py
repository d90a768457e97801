"""The sub-commands of ``parallax``; each module has ``register(subparsers)``."""

from desktop.commands import align, brief, cite, gui, seeds

COMMANDS = (align, brief, cite, gui, seeds)
