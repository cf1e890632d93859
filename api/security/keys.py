"""API keys: a file of hashed keys with names, and constant-time verification.

The file holds one key per line, ``NAME sha256:HEX``; ``#`` starts a comment. Keys
are 32 random bytes, so a plain SHA-256 is enough to store them (there is nothing
to brute-force as with passwords); the plaintext is shown once, when created.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

PREFIX = "cp_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class KeyFileError(ValueError):
    """A key file that cannot be read; names the line."""


def hash_key(key: str) -> str:
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeyStore:
    """Names by key hash. Empty means the API is open."""

    entries: tuple[tuple[str, str], ...]  # (name, "sha256:hex")

    def __bool__(self) -> bool:
        return bool(self.entries)

    def verify(self, key: str | None) -> str | None:
        """The name of ``key`` if it is a known key, else None.

        Every stored hash is compared, each in constant time, so the time taken does
        not tell which entry (if any) nearly matched.
        """
        if not key:
            return None
        digest = hash_key(key)
        found = None
        for name, stored in self.entries:
            if hmac.compare_digest(stored, digest):
                found = name
        return found


def load_keys(path: str | os.PathLike | None) -> KeyStore:
    if not path:
        return KeyStore(())
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read ({exc.strerror})") from None
    entries = []
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        parts = text.split()
        if len(parts) != 2 or not _NAME.match(parts[0]) or not re.fullmatch(r"sha256:[0-9a-f]{64}", parts[1]):
            raise KeyFileError(f"{path} line {number}: expected 'NAME sha256:<64 hex digits>'")
        entries.append((parts[0], parts[1]))
    return KeyStore(tuple(entries))


def create_key(path: str | os.PathLike, name: str) -> str:
    """Append a new key named ``name`` to the file and return its plaintext."""
    if not _NAME.match(name):
        raise KeyFileError(f"key name {name!r}: use letters, digits, '.', '_' or '-' (at most 64)")
    path = Path(path)
    existing = load_keys(path) if path.exists() else KeyStore(())
    if any(n == name for n, _ in existing.entries):
        raise KeyFileError(f"{path}: a key named {name!r} exists; revoke it first or pick another name")
    key = PREFIX + secrets.token_urlsafe(32)
    # The file is a credential store: readable by its owner only.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.write(f"{name} {hash_key(key)}\n")
    return key


def revoke_key(path: str | os.PathLike, name: str) -> bool:
    """Remove the key named ``name``; True if there was one."""
    path = Path(path)
    store = load_keys(path)
    kept = [(n, h) for n, h in store.entries if n != name]
    if len(kept) == len(store.entries):
        return False
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.writelines(f"{n} {h}\n" for n, h in kept)
    os.replace(tmp, path)
    return True
