"""What is wrong with a catalog: each problem with its file, line and fix, gathered into one error."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

import yaml

FILE_ORDER = ("catalog.yaml", "modules.yaml", "skills.yaml", "roles.yaml", "resources.yaml", "matching.yaml")


class Problem(NamedTuple):
    """One mistake in a catalog file, worded for the person who wrote it."""

    file: str
    problem: str
    item: str | None = None
    """The entry it is in (``skill 'rag'``, ``role #3``), or ``None`` for the file as a whole."""
    line: int | None = None
    """1-based line in ``file``, where the YAML says it."""
    fix: str = ""
    """What to change, in words (empty where the rule's message says it)."""

    def __str__(self) -> str:
        where = f"{self.file}: {self.item}: " if self.item else f"{self.file}: "
        line = f" (line {self.line})" if self.line else ""
        fix = f"\n  fix: {self.fix}" if self.fix else ""
        return f"{where}{self.problem}{line}{fix}"


class CatalogError(ValueError):
    """A catalog that cannot be used, with every problem found in it.

    ``str()`` is the report: one problem per entry, each naming the file, the item,
    the problem, its line and the fix. ``file``, ``item`` and ``problem`` are the first
    problem's; ``problems`` holds them all.
    """

    def __init__(self, file: str, problem: str, item: str | None = None, *, line: int | None = None, fix: str = ""):
        self._hold((Problem(file, problem, item, line, fix),), None)

    @classmethod
    def of(cls, problems: Iterable[Problem], directory: str | None = None) -> CatalogError:
        """One error for all ``problems`` (at least one), in file and line order."""
        error = cls.__new__(cls)
        # A problem without a line (a count, a missing file) after those with one.
        ordered = sorted(problems, key=lambda p: (_file_rank(p.file), p.line is None, p.line or 0))
        error._hold(tuple(ordered), directory)
        return error

    def _hold(self, problems: tuple[Problem, ...], directory: str | None) -> None:
        if not problems:
            raise ValueError("a CatalogError needs at least one problem")
        self.problems, self.directory = problems, directory
        self.file, self.item, self.problem = problems[0].file, problems[0].item, problems[0].problem
        ValueError.__init__(self, report(problems, directory))


def report(problems: tuple[Problem, ...], directory: str | None = None) -> str:
    if len(problems) == 1:
        return str(problems[0])
    where = f" in catalog {directory}" if directory else ""
    return f"{len(problems)} problems{where}:\n" + "\n".join(f"- {p}" for p in problems)


def _file_rank(file: str) -> int:
    return FILE_ORDER.index(file) if file in FILE_ORDER else -1


class Lines:
    """Line numbers of places in the catalog's YAML files, from the nodes the YAML parser composed.

    A place is a path into a file's document: list indexes and mapping keys, as
    ``(12, "prerequisites", 1)``. Keys the YAML does not have (marshmallow's ``value``
    for a mapping's value, ``_schema``) are stepped over.
    """

    def __init__(self, roots: Mapping[str, yaml.Node | None]):
        self._roots = roots
        """Each file's root node (``None`` for an empty file), filled in as the files are parsed."""

    def line(self, file: str, path: tuple = ()) -> int | None:
        node = self._roots.get(file)
        if node is None:
            return None
        mark = node.start_mark
        for step in path:
            found = _child(node, step)
            if found is not None:
                node, mark = found
        return mark.line + 1


def _child(node, step):
    """``(child node, mark to report)`` one step down, or ``None`` when there is no such child."""
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        child = node.value[step]
        return child, child.start_mark
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                # The key's line: a block mapping's value starts on the line after it.
                return value, key.start_mark
    return None


class Findings:
    """The problems found so far in one catalog, each placed on its line as it is added."""

    def __init__(self, lines: Lines):
        self.problems: list[Problem] = []
        self._lines = lines

    def add(self, file: str, problem: str, item: str | None = None, path: tuple | None = None, fix: str = "") -> None:
        line = self.line(file, path) if path is not None else None
        self.problems.append(Problem(file, problem, item, line, fix))

    def line(self, file: str, path: tuple) -> int | None:
        return self._lines.line(file, path)
