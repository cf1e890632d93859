"""Field errors as the API reports them: messages keyed by dotted field path (``skills.3.level``)."""

from __future__ import annotations


def flatten_errors(messages, path: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Marshmallow's nested messages as ``{"skills.3.level": [...]}``.

    ``_schema`` (an error about the object itself) is reported at the object's path,
    or as ``_schema`` for the whole body.
    """
    if not isinstance(messages, dict):
        items = messages if isinstance(messages, list | tuple) else [messages]
        return {".".join(path) or "_schema": [str(m) for m in items]}
    out: dict[str, list[str]] = {}
    for key, value in messages.items():
        sub = path if key == "_schema" else (*path, str(key))
        for field, texts in flatten_errors(value, sub).items():
            out.setdefault(field, []).extend(texts)
    return out
