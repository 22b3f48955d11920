"""Exit status and bad input: shared by the CLI and its commands, importing neither."""

from __future__ import annotations

#: 0 done; 2 bad input (usage, a value, a file the user named); 3 a database problem (and an
#: output that closed before everything was written).
EXIT_OK, EXIT_INPUT, EXIT_DATABASE = 0, 2, 3


class InputError(Exception):
    """Bad input: exit 2, nothing written."""
