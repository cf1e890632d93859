"""Matching what people type to catalog skills and modules."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from skills import Catalog, normalize_key

# Words that say nothing about which skill is meant ("PyTorch framework", "BERT model").
FILLER = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "in",
        "on",
        "with",
        "using",
        "use",
        "basic",
        "basics",
        "intro",
        "introduction",
        "to",
        "advanced",
        "applied",
        "model",
        "models",
        "framework",
        "frameworks",
        "library",
        "libraries",
        "tool",
        "tools",
        "technique",
        "techniques",
        "mechanism",
        "skill",
        "skills",
        "knowledge",
        "experience",
        "development",
        "dev",
        "concepts",
        "practical",
        "hands",
    ]
)
WORD_SIMILARITY = 0.8


def content_words(key: str) -> list[str]:
    return [w for w in key.split() if w not in FILLER and not w.isdigit()]


@dataclass(frozen=True)
class Match:
    """A name resolved to a skill or module (``kind``), or to nothing (``target`` None)."""

    kind: str | None
    target: str | None
    confidence: float
    suggestions: tuple[str, ...] = ()


class SkillMatcher:
    """Exact ids, names and aliases first, then a character n-gram TF-IDF model.

    Character n-grams forgive typos ("pytorhc") but on their own let one shared word
    carry a match ("data engineering" is not prompt engineering). So a candidate's
    confidence is its cosine similarity times the share of the query's content words
    that some word of the candidate spells (nearly) the same.

    Parameters
    ----------
    catalog : Catalog
    threshold : float
        Cosine similarity below which free text is left unmatched.
    n_suggestions : int
        How many close skills to suggest for unmatched text.
    """

    def __init__(self, catalog: Catalog, threshold: float = 0.55, n_suggestions: int = 3):
        self.threshold = threshold
        self.n_suggestions = n_suggestions
        keys = dict(catalog.keys())
        # Spacing is the commonest variation ("Hugging Face", "HuggingFace"): index
        # the space-free spelling too wherever it is unambiguous.
        squashed: dict[str, set[str]] = {}
        for key, target in keys.items():
            squashed.setdefault(key.replace(" ", ""), set()).add(target)
        self._exact = keys
        self._squashed = {k: next(iter(t)) for k, t in squashed.items() if len(t) == 1}
        self._keys = list(keys)
        self._words = [content_words(k) or k.split() for k in self._keys]
        self._targets = [keys[k] for k in self._keys]
        self._vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
        self._matrix = self._vectorizer.fit_transform(self._keys)
        self._cache: dict[str, Match] = {}

    def match(self, text: str) -> Match:
        """Resolve one name; results are cached, since cohorts repeat names."""
        hit = self._cache.get(text)
        if hit is None:
            hit = self._cache[text] = self._resolve(text)
            if len(self._cache) > 50_000:
                self._cache.clear()
        return hit

    def _resolve(self, text: str) -> Match:
        key = normalize_key(text)
        exact = self._exact.get(key) or self._squashed.get(key.replace(" ", ""))
        if exact:
            kind, target = exact.split(":", 1)
            return Match(kind, target, 1.0)
        if not key:
            return Match(None, None, 0.0)
        words = content_words(key) or key.split()
        # Filler words would pull the n-grams towards aliases that share them.
        sims = (self._matrix @ self._vectorizer.transform([" ".join(words)]).T).toarray().ravel()
        order = np.argsort(-sims, kind="stable")[:10]
        # Coverage is at most 1: below the threshold already, a candidate cannot match.
        confidence = np.array(
            [sims[i] * self._coverage(words, self._words[i]) if sims[i] >= self.threshold else 0.0 for i in order]
        )
        best = int(np.argmax(confidence))  # first of equals: the higher cosine
        if confidence[best] >= self.threshold:
            kind, target = self._targets[order[best]].split(":", 1)
            return Match(kind, target, round(float(confidence[best]), 3))
        suggestions: list[str] = []
        for i in order:
            if sims[i] < 0.3 or len(suggestions) == self.n_suggestions:
                break
            target = self._targets[i].split(":", 1)[1]
            if target not in suggestions:
                suggestions.append(target)
        return Match(None, None, round(float(confidence[best]), 3), tuple(suggestions))

    @staticmethod
    def _coverage(query: list[str], candidate: list[str]) -> float:
        """Share of query words that some candidate word spells (nearly) the same."""
        hits = sum(
            any(w == c or SequenceMatcher(None, w, c).ratio() >= WORD_SIMILARITY for c in candidate) for w in query
        )
        return hits / len(query)
