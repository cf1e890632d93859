"""How deeply a JSON document nests, measured on its bytes before anyone parses it.

Python's JSON parser recurses once per ``[`` or ``{``: a body of 100,000 ``[`` makes
it raise ``RecursionError`` (a 500) after a lot of work. :func:`exceeds` finds such
bodies with a few vectorised passes over the bytes, so a request nested deeper than
the service needs is refused before it is parsed; the service's own documents nest
four or five levels.

Brackets inside strings do not count. Strings are found from their quotes once
escaped quotes and backslashes are blanked out. Up to the first syntax error this
agrees with the parser; after one, the parser stops anyway.
"""

from __future__ import annotations

import json

import numpy as np

_CHUNK = 1 << 20  # bytes per vectorised pass: bounds the memory of the index arrays
_QUOTE = ord('"')
# "[" | 0x20 == "{" and "]" | 0x20 == "}": one comparison finds both kinds of bracket.
_OPEN, _CLOSE = ord("{"), ord("}")


def exceeds(body: bytes, limit: int) -> bool:
    """True if ``body`` opens more than ``limit`` arrays/objects inside one another."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False  # cannot nest deeper than it has brackets: the usual small request
    if b"\x00" in body[:4]:  # UTF-16 or UTF-32 JSON, which json.loads also accepts
        body = body.decode(json.detect_encoding(body), "replace").encode()
    if b"\\" in body:
        # Blank out escapes left to right like the parser reads them: "\\" first, so
        # the quote in "a\\" still ends the string but the one in "a\"" does not.
        body = body.replace(b"\\\\", b"__").replace(b'\\"', b"__")
    data = np.frombuffer(body, dtype=np.uint8)
    quotes = depth = 0  # quotes before the chunk, nesting at its start
    for start in range(0, len(data), _CHUNK):
        chunk = data[start : start + _CHUNK]
        quote_at = np.flatnonzero(chunk == _QUOTE)
        folded = chunk | 0x20
        opening = folded == _OPEN
        bracket_at = np.flatnonzero(opening | (folded == _CLOSE))
        if len(bracket_at):
            steps = opening[bracket_at].astype(np.int64) * 2 - 1
            # A bracket after an odd number of quotes is inside a string.
            steps[(np.searchsorted(quote_at, bracket_at) + quotes) % 2 == 1] = 0
            levels = np.cumsum(steps) + depth
            if levels.max() > limit:
                return True
            depth = int(levels[-1])
        quotes += len(quote_at)
    return False
