"""A tiny DOM for the form tests, on the standard library's HTML parser.

Enough to ask "which radios are checked", "is this element hidden", "what does
this label say" without a third-party HTML library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.attrs

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list[Node]:
        """Descendants with ``tag`` and every attribute in ``attrs`` (``class_`` for class;
        ``True`` means present; a compiled regex must match)."""
        out = []
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if all(_attr_matches(node, name.rstrip("_"), want) for name, want in attrs.items()):
                out.append(node)
        return out

    def find(self, tag: str | None = None, **attrs) -> Node | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def by_id(self, ident: str) -> Node | None:
        return self.find(id=ident)

    @property
    def text(self) -> str:
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    @property
    def classes(self) -> set[str]:
        return set((self.get("class") or "").split())

    def is_hidden(self) -> bool:
        """Hidden by its own or an ancestor's ``hidden`` attribute."""
        node = self
        while node is not None:
            if node.has("hidden"):
                return True
            node = node.parent
        return False


def _attr_matches(node: Node, name: str, want) -> bool:
    if name == "class":
        return want in node.classes
    if want is True:
        return node.has(name)
    value = node.get(name)
    if isinstance(want, re.Pattern):
        return value is not None and want.search(value) is not None
    return value == want


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), parent=self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str | bytes) -> Node:
    builder = _Builder()
    builder.feed(html.decode() if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


def csrf_token(html: str | bytes) -> str:
    node = parse(html).find("input", name="csrf_token")
    assert node is not None, "the form has no CSRF token"
    return node.get("value")


def checked(doc: Node) -> dict[str, str]:
    """Every checked radio's name -> value, as the browser would submit it."""
    return {n.get("name"): n.get("value") for n in doc.find_all("input", type="radio", checked=True)}


def checked_per_group(doc: Node) -> dict[str, list[str]]:
    """Every radio group's name -> the values checked in it (none, one, or - wrongly - more)."""
    out: dict[str, list[str]] = {}
    for n in doc.find_all("input", type="radio"):
        out.setdefault(n.get("name"), [])
        if n.has("checked"):
            out[n.get("name")].append(n.get("value"))
    return out


# A small catalog of another domain, with its own title, level words and tracks: nothing in it says "Gen AI".
SMALL_CATALOG = {
    "catalog.yaml": """
name: bakery
title: Bread baking paths
description: Skills for baking bread at home and in a bakery.
levels:
  - {value: 0, word: untried, description: "Has never baked it."}
  - {value: 1, word: curious, description: "Has watched it done."}
  - {value: 2, word: novice, description: "Has baked it with a recipe."}
  - {value: 3, word: capable, description: "Bakes it well without a recipe."}
  - {value: 4, word: skilled, description: "Fixes what goes wrong and teaches it."}
  - {value: 5, word: master, description: "Invents new breads."}
tracks:
  - {id: home, name: Home baking, description: "Bread for a family kitchen."}
  - {id: trade, name: Trade baking, description: "Bread for a shop, every day."}
""",
    "modules.yaml": """
- {id: ovens, name: Ovens, track: trade, description: Baking in deck and wood ovens.}
- {id: dough, name: Dough, track: home, description: Mixing and kneading dough.}
""",
    "skills.yaml": """
- {id: mixing, name: Mixing, module: dough, description: Weighing and mixing flour and water.,
   prerequisites: [], hours: [1, 2, 4, 8, 16]}
- {id: kneading, name: Kneading, module: dough, description: Developing gluten by hand.,
   prerequisites: [mixing], hours: [1, 2, 4, 8, 16]}
- {id: deck-oven, name: Deck oven, module: ovens, description: Loading and steaming a deck oven.,
   prerequisites: [kneading], hours: [2, 4, 8, 16, 32]}
- {id: wood-oven, name: Wood oven, module: ovens, description: Firing a wood oven.,
   prerequisites: [deck-oven], hours: [2, 4, 8, 16, 32]}
""",
    "roles.yaml": """
- id: home-baker
  title: Home baker
  track: home
  summary: Bakes bread for the family.
  skills:
    mixing: {level: 3, weight: 1.0, tier: core}
    kneading: {level: 3, weight: 0.8, tier: core}
- id: baker
  title: Master baker
  track: trade
  summary: Runs the ovens of a bakery.
  skills:
    mixing: {level: 4, weight: 0.6, tier: core}
    kneading: {level: 4, weight: 0.6, tier: core}
    deck-oven: {level: 3, weight: 1.0, tier: core}
    wood-oven: {level: 2, weight: 0.4, tier: optional}
""",
}


def write_small_catalog(directory):
    """:data:`SMALL_CATALOG` written to ``directory``; returns it."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in SMALL_CATALOG.items():
        (directory / name).write_text(text.lstrip())
    return directory
