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
import tempfile
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
    """The keys in the file at ``path``; KeyFileError for a file that cannot be read or has a bad line."""
    if not path:
        return KeyStore(())
    store, problems = parse_keys(read_key_file(path), path)
    if problems:
        raise KeyFileError(problems[0])
    return store


def read_key_file(path: str | os.PathLike) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None


def parse_keys(text: str, path: str | os.PathLike) -> tuple[KeyStore, list[str]]:
    """The keys on the lines that are well formed, and a message per line that is not."""
    entries, problems = [], []
    for number, line in enumerate(text.splitlines(), 1):
        text_part = line.split("#", 1)[0].strip()
        if not text_part:
            continue
        parts = text_part.split()
        if len(parts) != 2 or not _NAME.match(parts[0]) or not re.fullmatch(r"sha256:[0-9a-f]{64}", parts[1]):
            problems.append(f"{path} line {number}: expected 'NAME sha256:<64 hex digits>'")
            continue
        entries.append((parts[0], parts[1]))
    return KeyStore(tuple(entries)), problems


def readable_by_others(path: str | os.PathLike) -> bool:
    try:
        return bool(Path(path).stat().st_mode & 0o077)
    except OSError:
        return False


def tighten(path: str | os.PathLike) -> bool:
    """Make the key file owner-only; True if it was readable or writable by others."""
    if not readable_by_others(path):
        return False
    os.chmod(path, 0o600)
    return True


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
    """Remove the key named ``name``; True if there was one.

    The file is replaced in one step (a reader sees the old file or the new one), through a
    temporary file created exclusively, with a random name and owner-only, beside it: a
    symlink planted at a predictable temporary name is never followed.
    """
    path = Path(path)
    store = load_keys(path)
    kept = [(n, h) for n, h in store.entries if n != name]
    if len(kept) == len(store.entries):
        return False
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # O_EXCL, 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.writelines(f"{n} {h}\n" for n, h in kept)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
