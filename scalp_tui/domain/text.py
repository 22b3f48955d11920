"""The user's text as it may be shown: on a terminal, and in a spreadsheet cell.

Notes, zone names, direction names and the serum's name are the user's plain text. What is
stored is never changed; these functions give the form to *show*:

- ``display_text``: every C0 control character (U+0000-U+001F), DEL (U+007F) and C1 control
  character (U+0080-U+009F) is written as the four visible characters of its Python escape
  (ESC as ``\\x1b``), so no escape sequence reaches the terminal; so is every bidirectional
  control (U+202E as ``\\u202e``), so no note turns the text after it backwards; line breaks
  (LF, CR, CRLF, U+2028, U+2029) and tabs become one space each, so a note stays on one line
  of a table.
- ``csv_cell``: the same, and a leading ``'`` on a cell that a spreadsheet would read as a
  formula (OWASP's advice on CSV injection).

A note that holds the four characters ``\\x1b`` itself shows the same as one holding ESC: the
backslash is not escaped, so ordinary backslashes read as typed.
"""

from __future__ import annotations

import re

#: Shown as one space: line and paragraph breaks, and tabs.
_BREAKS = re.compile("\r\n|[\n\r\t\u2028\u2029]")
#: The bidirectional controls: marks, embeddings, overrides and isolates (Unicode's Bidi_Control).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Shown escaped: the C0 controls, DEL, the C1 controls (after the breaks above), and the
#: bidirectional controls.
_CONTROLS = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
#: A cell starting with one of these is a formula to a spreadsheet (OWASP): = + - @ tab CR.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display_text(text: str) -> str:
    """``text`` with no control character left: breaks and tabs as a space, others escaped.

    >>> display_text("felt ok\\nthen \\x1b[2J")
    'felt ok then \\\\x1b[2J'
    >>> display_text("top\\u202edrow")
    'top\\\\u202edrow'
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


#: What JSON may carry raw and a terminal must not get: DEL, the C1 controls (U+009B is a
#: CSI), the line and paragraph separators, and the bidirectional controls. JSON escapes
#: only the C0 controls itself.
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def terminal_safe_json(text: str) -> str:
    """JSON ``text`` with every character a terminal would act on written as a ``\\uXXXX``
    escape: the same JSON value, safe to print (``export json`` goes to standard output).
    Such characters can only stand inside strings, where the escape means the same.

    >>> terminal_safe_json('{"note": "\\u009b2J\\u202e"}')
    '{"note": "\\\\u009b2J\\\\u202e"}'
    """
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
