"""What Python's JSON parser accepts but the service cannot use, found on a body's bytes.

Both were 500s with a traceback in the log (issue 17, finding 7):

* an integer of more than ``sys.get_int_max_str_digits()`` digits (4,300): ``json.loads``
  raises ``ValueError`` converting it, anywhere in the body, even in a field nobody reads;
* a lone UTF-16 surrogate escape (``"\\ud800"``): it parses into a ``str`` that cannot be
  encoded, so hashing, matching or writing the answer fails later.

:func:`problem` says which, so the body is refused with a 400 before it is parsed. Digits
inside a string count too: no string field takes thousands of characters.
"""

from __future__ import annotations

import json
import re
import sys

_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
# Every digit as "0", every other byte as " ": a run of digits is then a plain substring search.
_DIGITS_AS_ZEROS = bytes(ord("0") if ord("0") <= i <= ord("9") else ord(" ") for i in range(256))


def problem(body: bytes) -> str | None:
    """Why ``body`` cannot be used as JSON by the service (a sentence), or None."""
    if b"\x00" in body[:4]:  # UTF-16 or UTF-32 JSON, which json.loads also accepts
        body = body.decode(json.detect_encoding(body), "replace").encode()
    digits = sys.get_int_max_str_digits()
    if digits and len(body) > digits and b"0" * (digits + 1) in body.translate(_DIGITS_AS_ZEROS):
        return f"The request body has a number with more than {digits} digits."
    if b"\\u" in body and _lone_surrogate(body):
        return (
            "The request body has a lone UTF-16 surrogate escape (such as \\ud800) in a string: "
            "it is not text; send each character as itself or as a pair of escapes."
        )
    return None


def _lone_surrogate(body: bytes) -> bool:
    # An escaped backslash is not the start of an escape: blank it out, as json_depth does.
    body = body.replace(b"\\\\", b"__")
    pending_high = None  # the end of a high surrogate escape waiting for its low half
    for match in _ESCAPE.finditer(body):
        high = match.group()[3:4].lower() in b"89ab"
        if pending_high is not None and (high or match.start() != pending_high):
            return True  # the previous high surrogate was not followed at once by a low one
        if high:
            pending_high = match.end()
        elif pending_high is None:
            return True  # a low surrogate with no high one before it
        else:
            pending_high = None
    return pending_high is not None
