"""Error logs that cannot quote a request: exception messages are withheld.

An unexpected exception is logged with its traceback and the request id (see
:func:`api.errors.handle_unexpected`). The traceback's frames show where it happened;
its message, though, may quote whatever the code was handling (``KeyError('<a skill
name someone typed>')``), and profiles must never reach the logs. This filter keeps
the frames and the exception's type, and drops the message, for every record of the
app's logger. Reproduce with the request id and the caller's help, not from the log.
"""

from __future__ import annotations

import logging
import traceback


def redacted(exc_info) -> str:
    kind, _, tb = exc_info
    frames = "".join(traceback.format_tb(tb))
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    return f"Traceback (most recent call last):\n{frames}{name}: (message withheld: it may quote the request)"


class WithholdExceptionMessages(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            # Formatters use exc_text as it is when it is set, instead of formatting exc_info.
            record.exc_text = redacted(record.exc_info)
        return True


def init_app(app) -> None:
    # Every app of a process shares one logger (named after the package): filter it once.
    if not any(isinstance(f, WithholdExceptionMessages) for f in app.logger.filters):
        app.logger.addFilter(WithholdExceptionMessages())
