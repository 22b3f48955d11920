"""The user's text as it may be shown: on a terminal, and in a spreadsheet cell.

Notes, zone names, direction names and the serum's name are the user's plain text. What is
stored is never changed; these functions give the form to *show*:

- ``display_text``: every C0 control character (U+0000-U+001F), DEL (U+007F) and C1 control
  character (U+0080-U+009F) is written as the four visible characters of its Python escape
  (ESC as ``\\x1b``), so no escape sequence reaches the terminal; line breaks (LF, CR, CRLF,
  U+2028, U+2029) and tabs become one space each, so a note stays on one line of a table.
- ``csv_cell``: the same, and a leading ``'`` on a cell that a spreadsheet would read as a
  formula (OWASP's advice on CSV injection).

A note that holds the four characters ``\\x1b`` itself shows the same as one holding ESC: the
backslash is not escaped, so ordinary backslashes read as typed.
"""

from __future__ import annotations

import re

#: Shown as one space: line and paragraph breaks, and tabs.
_BREAKS = re.compile("\r\n|[\n\r\t\u2028\u2029]")
#: Shown escaped: the C0 controls, DEL and the C1 controls (after the breaks above).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
#: A cell starting with one of these is a formula to a spreadsheet (OWASP): = + - @ tab CR.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def display_text(text: str) -> str:
    """``text`` with no control character left: breaks and tabs as a space, others escaped.

    >>> display_text("felt ok\\nthen \\x1b[2J")
    'felt ok then \\\\x1b[2J'
    """
    return _CONTROLS.sub(_escape, _BREAKS.sub(" ", text))


def csv_cell(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows and never runs.

    No control character is written (as ``display_text``), and a cell that begins with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return, or with one of the first four after
    leading spaces, gets a leading ``'``.

    >>> csv_cell('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    """
    shown = display_text(text)
    if text.startswith(FORMULA_STARTS) or shown.lstrip().startswith(FORMULA_STARTS):
        return "'" + shown
    return shown
