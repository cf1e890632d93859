"""Rules across a catalog's entries and files: references, duplicates, cycles, names, URLs and the level scale
(:mod:`skills.scale`).

References are checked on the entries as written, so an entry that its schema
refuses still has its references checked, and an id that exists in a broken entry
is not reported as unknown elsewhere.
"""

from __future__ import annotations

from skills.catalog import LEGACY_TRACKS, normalize_key
from skills.graph import find_cycles
from skills.parts import MATCHING_FILE, RESOURCES_FILE, Entry, Parts, entries, item_name
from skills.problems import Findings
from skills.scale import check_on_scale, checked_scale
from skills.schemas import KEBAB_ID


def _ref(value) -> str | None:
    """An id a reference names, or ``None`` when it is not an id at all (its schema says why)."""
    return value if isinstance(value, str) and KEBAB_ID.fullmatch(value) else None


def check_catalog(docs: dict, parts: Parts, found: Findings) -> None:
    modules, skills, roles = (entries(docs, f"{kind}s.yaml") for kind in ("module", "skill", "role"))
    module_ids, skill_ids = _ids(modules), _ids(skills)
    if parts.info:
        scale = checked_scale(parts.info["levels"], found)
        if scale:
            check_on_scale(docs, scale, found)
        _check_tracks(parts.info["tracks"], modules, roles, found)
    for kind, listed in (("module", modules), ("skill", skills), ("role", roles)):
        _check_unique(f"{kind}s.yaml", kind, listed or [], found)
    if skills:
        _check_skills(skills, module_ids, skill_ids, found)
        _check_cycles(skills, found)
        _check_alternatives_count(skills, found)
    if modules and skills:
        _check_modules_used(modules, {_ref(s.get("module")) for _, s in skills}, found)
    if roles and skill_ids is not None:
        _check_roles(roles, skill_ids, found)
    loaded = {e.value.id: e for e in parts.skills or ()}
    for index, skill in loaded.values():
        placed = [((index, "resources", n), r) for n, r in enumerate(skill.resources)]
        _check_urls("skills.yaml", skill.id, placed, found.add)
    if parts.resources is not None:
        _check_resources_file(parts.resources, skill_ids, loaded, found.add)
    if parts.matching and module_ids is not None and skill_ids is not None:
        _check_rules(parts.matching["rules"], skill_ids | module_ids, found)
        _check_uses(parts.matching.get("uses", ()), skill_ids, skill_ids | module_ids, found)
        _check_verbs(parts.matching.get("verbs", ()), skill_ids, skill_ids | module_ids, found)
        _check_means(parts.matching.get("heads", ()), "heads", "head", skill_ids | module_ids, found)
        _check_everyday(parts, found)
        _check_practice(parts.matching, skill_ids, found)
        _check_no_alternative(parts, skill_ids, found)
        _check_shows(parts.matching.get("shows", ()), skill_ids | module_ids, found)
        _check_means(parts.matching.get("wants", ()), "wants", "want", skill_ids, found, "skill")  # one skill
        _check_means(parts.matching.get("concerns", ()), "concerns", "concern", skill_ids, found, "skill")
        _check_means(parts.matching.get("described", ()), "described", "described", skill_ids, found, "skill")
    _check_names(parts.modules or [], parts.skills or [], found)


def _ids(listed) -> set[str] | None:
    return None if listed is None else {e["id"] for _, e in listed if isinstance(e.get("id"), str)}


def _prerequisite_ids(entry: dict) -> list:
    """The ids an entry's prerequisites name (``None`` for one written wrongly: its schema says why)."""
    listed = entry.get("prerequisites")
    if not isinstance(listed, list):
        return []
    return [_ref(p.get("skill") if isinstance(p, dict) else p) for p in listed]


MOST_ALTERNATIVES = 62
"""The most prerequisites a catalog may give alternatives (``or``): which of them a profile meets is one 64-bit
number (``recommender.alternatives``)."""


def _check_alternatives_count(skills, found: Findings) -> None:
    """At most :data:`MOST_ALTERNATIVES` prerequisites with alternatives; the first one over is where it is said."""
    given = [(index, entry, n) for index, entry in skills for n, k, _ in _alternative_ids(entry) if k == 0]
    if len(given) > MOST_ALTERNATIVES:
        index, entry, n = given[MOST_ALTERNATIVES]
        problem = f"{len(given)} prerequisites have alternatives ('or'), more than {MOST_ALTERNATIVES}"
        fix = f"give alternatives ('or') to at most {MOST_ALTERNATIVES} prerequisites"
        found.add("skills.yaml", problem, item_name("skill", entry, index), (index, "prerequisites", n), fix)


def _alternative_ids(entry: dict):
    """``(prerequisite position, position in its or, skill id)`` of the skills that meet a prerequisite instead."""
    listed = entry.get("prerequisites")
    for n, p in enumerate(listed if isinstance(listed, list) else ()):
        alternatives = p.get("or") if isinstance(p, dict) else None
        for k, a in enumerate(alternatives if isinstance(alternatives, list) else ()):
            alternative = _ref(a.get("skill") if isinstance(a, dict) else None)
            if alternative is not None:
                yield n, k, alternative


def declared_tracks(info: dict) -> tuple:
    """The tracks catalog.yaml declares; without a ``tracks:`` list, the legacy builder/user/both."""
    return LEGACY_TRACKS if info["tracks"] is None else tuple(info["tracks"])


def _check_tracks(declared: list | None, modules, roles, found: Findings) -> None:
    """Track ids are unique, and each module and role names a declared one (or, without a ``tracks:`` list in
    catalog.yaml, one of the legacy three)."""
    ids = [t.id for t in declared_tracks({"tracks": declared})]
    for n, ident in enumerate(ids):
        if ident in ids[:n]:
            fix = "give each track its own id"
            found.add("catalog.yaml", "duplicate track id", f"track '{ident}'", ("tracks", n, "id"), fix)
    if declared is None:
        known = f"one of {', '.join(ids)} (catalog.yaml has no tracks: list), declare '{{track}}' under tracks: there"
    else:
        known = f"a track catalog.yaml declares ({', '.join(ids) or 'none'}), add '{{track}}' to its tracks"
    for file, kind, listed in (("modules.yaml", "module", modules), ("roles.yaml", "role", roles)):
        for index, entry in listed or ():
            track = _ref(entry.get("track"))
            if track and track not in ids:
                fix = f"use {known.format(track=track)}, or drop the {kind}'s track"
                found.add(file, f"unknown track '{track}'", item_name(kind, entry, index), (index, "track"), fix)


def _check_unique(file: str, kind: str, listed, found: Findings) -> None:
    first: dict[str, int] = {}
    for index, entry in listed:
        ident = entry.get("id")
        if not isinstance(ident, str):
            continue
        if ident in first:
            line = found.line(file, (first[ident], "id"))
            problem = f"duplicate id, also used by {kind} #{first[ident] + 1}" + (f" at line {line}" if line else "")
            fix = f"give each {kind} its own id, or merge the two entries"
            found.add(file, problem, f"{kind} '{ident}'", (index, "id"), fix)
        first.setdefault(ident, index)


def _check_skills(skills, module_ids: set[str] | None, skill_ids: set[str], found: Findings) -> None:
    for index, entry in skills:
        item = item_name("skill", entry, index)
        module = _ref(entry.get("module"))
        if module_ids is not None and module and module not in module_ids:
            fix = f"use the id of a module in modules.yaml, or add a module '{module}' there"
            found.add("skills.yaml", f"unknown module '{module}'", item, (index, "module"), fix)
        if module_ids is not None and _ref(entry.get("id")) in module_ids:
            fix = "rename the skill or the module: a name people type must lead to one of them"
            found.add("skills.yaml", "id is also a module id", item, (index, "id"), fix)
        named = _prerequisite_ids(entry)
        for n, prereq in enumerate(named):
            if prereq is None:
                continue
            if prereq not in skill_ids:
                fix = f"name a skill of skills.yaml, or add a skill '{prereq}' there"
                found.add("skills.yaml", f"unknown prerequisite '{prereq}'", item, (index, "prerequisites", n), fix)
            elif prereq in named[:n]:
                fix = "list it once (with the level needed of it, if any)"
                found.add(
                    "skills.yaml", f"prerequisite '{prereq}' listed twice", item, (index, "prerequisites", n), fix
                )
        faster = entry.get("faster_with")
        for n, rule in enumerate(faster if isinstance(faster, list) else ()):
            other = _ref(rule.get("skill")) if isinstance(rule, dict) else None
            if other is None:
                continue
            if other not in skill_ids:
                fix = f"name a skill of skills.yaml, or add a skill '{other}' there"
                found.add(
                    "skills.yaml", f"faster_with.{n}: unknown skill '{other}'", item, (index, "faster_with", n), fix
                )
            elif other == _ref(entry.get("id")):
                fix = "name another skill whose holders learn this one faster"
                found.add(
                    "skills.yaml",
                    f"faster_with.{n}: a skill cannot make itself faster to learn",
                    item,
                    (index, "faster_with", n),
                    fix,
                )
        for n, k, alternative in _alternative_ids(entry):
            where = (index, "prerequisites", n, "or", k)
            if alternative not in skill_ids:
                fix = f"name a skill of skills.yaml, or add a skill '{alternative}' there"
                found.add("skills.yaml", f"unknown skill '{alternative}' in or", item, where, fix)
            elif alternative in (_ref(entry.get("id")), named[n]):
                fix = "name another skill that meets the prerequisite instead"
                found.add("skills.yaml", f"'{alternative}' cannot meet a prerequisite of its own", item, where, fix)


CYCLES_SHOWN = 100
"""Cycles spelled out in one report (a cycle may be as long as the catalog)."""


def _check_cycles(skills, found: Findings) -> None:
    graph: dict[str, list] = {}
    index: dict[str, int] = {}
    for n, entry in skills:
        ident = entry.get("id")
        if isinstance(ident, str) and ident not in graph:
            graph[ident], index[ident] = _prerequisite_ids(entry), n
    cycles = find_cycles(graph, limit=CYCLES_SHOWN)
    for cycle in cycles.shown:
        first, last = cycle[0], cycle[-2]
        path = (index[first], "prerequisites", graph[first].index(cycle[1]))
        closing = found.line("skills.yaml", (index[last], "prerequisites", graph[last].index(first)))
        # The closing link: dropping it from every cycle shown leaves none (skills.graph.find_cycles).
        fix = f"a skill cannot come before itself: drop one link, e.g. '{first}' from the prerequisites of {last}"
        fix += f" (line {closing})" if closing else ""
        found.add("skills.yaml", "prerequisite cycle: " + " -> ".join(cycle), f"skill '{first}'", path, fix)
    if cycles.more:
        fix = "fix the cycles shown and validate again to see the rest"
        found.add("skills.yaml", f"{cycles.more} more prerequisite cycles", fix=fix)


def _check_modules_used(modules, used: set, found: Findings) -> None:
    for index, entry in modules:
        ident = entry.get("id")
        if isinstance(ident, str) and ident not in used:
            fix = f"give it skills in skills.yaml (module: {ident}) or remove it"
            found.add("modules.yaml", "module has no skills", f"module '{ident}'", (index, "id"), fix)


def _check_roles(roles, skill_ids: set[str], found: Findings) -> None:
    for index, entry in roles:
        listed = entry.get("skills")
        for skill_id in listed if isinstance(listed, dict) else ():
            if _ref(skill_id) and skill_id not in skill_ids:
                fix = f"name a skill of skills.yaml, or add a skill '{skill_id}' there"
                item = item_name("role", entry, index)
                found.add("roles.yaml", f"unknown skill '{skill_id}'", item, (index, "skills", skill_id), fix)
        hand = entry.get("hand_over")
        if not isinstance(hand, dict):
            continue
        role_ids = {other.get("id") for _, other in roles if isinstance(other.get("id"), str)}  # a broken id: reported
        to = hand.get("to")
        if _ref(to) and (to not in role_ids or to == entry.get("id")):
            fix = "name another role of roles.yaml"
            found.add(
                "roles.yaml", f"unknown role '{to}'", item_name("role", entry, index), (index, "hand_over", "to"), fix
            )
        for key in ("holding", "lacking"):
            skill_id = hand.get(key)
            if _ref(skill_id) and skill_id not in skill_ids:
                fix = f"name a skill of skills.yaml, or add a skill '{skill_id}' there"
                at = (index, "hand_over", key)
                found.add("roles.yaml", f"unknown skill '{skill_id}'", item_name("role", entry, index), at, fix)


def _check_resources_file(resources: dict, skill_ids, loaded: dict[str, Entry], add) -> None:
    for skill_id, listed in resources.items():
        if skill_ids is not None and skill_id not in skill_ids:
            fix = f"use the id of a skill in skills.yaml, or add a skill '{skill_id}' there"
            add(RESOURCES_FILE, f"unknown skill '{skill_id}'", f"skill '{skill_id}'", (skill_id,), fix)
            continue
        inline = loaded[skill_id].value.resources if skill_id in loaded else ()
        placed = [((skill_id, e.index), e.value) for e in listed]
        _check_urls(RESOURCES_FILE, skill_id, placed, add, seen={r.url for r in inline if r.url})


def _check_urls(file: str, skill_id: str, placed, add, seen=frozenset()) -> None:
    """A skill lists a URL once (trailing slashes aside), whichever file lists it."""
    seen = {url.rstrip("/") for url in seen}
    for at, resource in placed:
        if not resource.url:
            continue
        url = resource.url.rstrip("/")
        if url in seen:
            fix = "list each page once per skill (skills.yaml and resources.yaml together)"
            add(file, f"resource URL listed twice: {resource.url}", f"skill '{skill_id}'", (*at, "url"), fix)
        seen.add(url)


def _check_rules(rules, known: set[str], found: Findings) -> None:
    """Each rule of ``matching.yaml`` names a known skill or module (or none), and each name once."""
    seen: dict[str, str] = {}
    for n, rule in enumerate(rules):
        item = f"rule '{rule.name}'"
        if rule.means != "none" and rule.means not in known:
            fix = "name a skill or module id, or none (with a reason)"
            found.add(MATCHING_FILE, f"means unknown skill or module '{rule.means}'", item, ("rules", n, "means"), fix)
        key = normalize_key(rule.name)
        if key in seen:
            fix = "keep one rule per name"
            found.add(MATCHING_FILE, f"the same name as rule '{seen[key]}'", item, ("rules", n, "name"), fix)
        seen.setdefault(key, rule.name)


def _check_uses(uses, skills: set[str], known: set[str], found: Findings) -> None:
    """Each use rule of ``matching.yaml`` reads as a known skill or module, and is about known skills."""
    _check_means(uses, "uses", "use", known, found)
    for n, use in enumerate(uses):
        for i, skill in enumerate(use.about):
            if skill not in skills:
                problem = f"about unknown skill '{skill}'"
                found.add(MATCHING_FILE, problem, f"use {n}", ("uses", n, "about", i), "name skill ids")


def _check_shows(shows, known: set[str], found: Findings) -> None:
    """Each shows rule of ``matching.yaml`` means a known skill or module (or none: the words beside say the
    reading is another field's term), read beside known ones."""
    _check_means(shows, "shows", "shows rule", known | {"none"}, found)
    for n, rule in enumerate(shows):
        for field_name in ("readings", "instead"):
            for i, target in enumerate(getattr(rule, field_name)):
                if target not in known:
                    problem = f"{field_name} names unknown skill or module '{target}'"
                    found.add(
                        MATCHING_FILE,
                        problem,
                        f"shows rule {n}",
                        ("shows", n, field_name, i),
                        "name skill or module ids",
                    )


def _check_verbs(verbs, skills: set[str], known: set[str], found: Findings) -> None:
    """Each verb rule of ``matching.yaml`` reads as a known skill or module, and its objects are skills."""
    _check_means(verbs, "verbs", "verb", known, found)
    for n, verb in enumerate(verbs):
        for i, skill in enumerate(verb.objects):
            if skill not in skills:
                problem = f"object unknown skill '{skill}'"
                found.add(MATCHING_FILE, problem, f"verb {n}", ("verbs", n, "objects", i), "name skill ids")


def _check_everyday(parts, found: Findings) -> None:
    """Each everyday name of ``matching.yaml`` is a name the catalog knows (an id, name, alias or rule); checked
    once every skill and module loaded, so a broken entry is reported once, not again through its names."""
    if any(p.file in ("skills.yaml", "modules.yaml") for p in found.problems):
        return
    known = {normalize_key(r.name) for r in parts.matching["rules"]}
    for kind, listed in (("module", parts.modules or []), ("skill", parts.skills or [])):
        known |= {normalize_key(text) for _, value in listed for text, _ in _names(kind, value)}
    for n, name in enumerate(parts.matching.get("everyday", ())):
        if normalize_key(name) not in known:
            fix = "list only ids, names, aliases or rule names the catalog knows"
            found.add(
                MATCHING_FILE, f"everyday name '{name}' is not a known name", f"everyday #{n + 1}", ("everyday", n), fix
            )


def _check_practice(matching: dict, skills: set[str], found: Findings) -> None:
    """Each practice rule of ``matching.yaml`` credits a skill, through products this file's rules name or skills.
    A product's rule may credit it whole ("FastAPI" is web APIs), up to a level ("ChatGPT"), or mean none: a name
    of no skill whose use on real work shows one ("MongoDB" at 3 is some data querying)."""
    rules = {normalize_key(r.name) for r in matching["rules"]}
    for n, practice in enumerate(matching.get("practice", ())):
        if practice.means not in skills:
            problem = f"means unknown skill '{practice.means}'"
            found.add(MATCHING_FILE, problem, f"practice #{n + 1}", ("practice", n, "means"), "name a skill id")
        for i, product in enumerate(practice.products):
            if normalize_key(product) not in rules and product not in skills:
                problem = f"product '{product}' is not the name of a rule reading a skill, nor a skill id"
                fix = "list names of this file's rules that read a product as a skill (ChatGPT, FastAPI), or skill ids"
                found.add(MATCHING_FILE, problem, f"practice #{n + 1}", ("practice", n, "products", i), fix)


def _check_no_alternative(parts, skill_ids: set[str], found: Findings) -> None:
    """Each ``meets_no_alternative`` rule of ``matching.yaml`` means a skill, lists skills, and each of its names is
    one the catalog reads as that skill: its id, name or an alias, or a rule of this file meaning it. A rule whose
    skill meets no prerequisite's ``or`` changes nothing (a catalog without alternatives loads as before). Checked
    once every skill and module loaded, as everyday names are: a broken skills.yaml is reported once."""
    if any(p.file in ("skills.yaml", "modules.yaml") for p in found.problems):
        return
    by_skill = {e.value.id: e.value for e in parts.skills or ()}
    for n, rule in enumerate(parts.matching.get("meets_no_alternative", ())):
        where = f"meets_no_alternative #{n + 1}"
        for at, skill in [(("means",), rule.means), *((("skills", i), s) for i, s in enumerate(rule.skills))]:
            if skill not in skill_ids:
                found.add(
                    MATCHING_FILE,
                    f"unknown skill '{skill}'",
                    where,
                    ("meets_no_alternative", n, *at),
                    "name a skill id",
                )
        if rule.means not in by_skill:
            continue
        known = {normalize_key(r.name) for r in parts.matching["rules"] if r.means == rule.means}
        known |= {normalize_key(text) for text, _ in _names("skill", by_skill[rule.means])}
        for i, name in enumerate(rule.names):
            if normalize_key(name) not in known:
                problem = f"name '{name}' is not read as '{rule.means}'"
                fix = f"list ids, names, aliases or rule names that read {rule.means}"
                found.add(MATCHING_FILE, problem, where, ("meets_no_alternative", n, "names", i), fix)


def _check_means(
    rules, section: str, label: str, known: set[str], found: Findings, what: str = "skill or module"
) -> None:
    """Each rule of ``section`` means a known ``what`` (a want rule one skill: a goal plans toward a skill)."""
    for n, rule in enumerate(rules):
        if rule.means not in known:
            problem = f"means unknown {what} '{rule.means}'"
            found.add(MATCHING_FILE, problem, f"{label} {n}", (section, n, "means"), f"name a {what} id")


def _check_names(modules: list[Entry], skills: list[Entry], found: Findings) -> None:
    """Every id, name and alias, as people type it, must lead to one skill or module only."""
    owner: dict[str, str] = {}
    for file, kind, listed in (("modules.yaml", "module", modules), ("skills.yaml", "skill", skills)):
        for index, value in listed:
            for text, at in _names(kind, value):
                key = normalize_key(text)
                target = f"{kind} {value.id}"
                other = owner.setdefault(key, target) if key else target
                # Two entries with one id are already reported, as a duplicate or as "also a module id".
                if other != target and other.split()[1] != value.id:
                    problem = f"alias or name '{key}' is claimed by both {other} and {target}"
                    fix = "keep it on one of them: a name people type must lead to one skill or module"
                    found.add(file, problem, f"{kind} '{value.id}'", (index, *at), fix)


def _names(kind: str, value):
    yield value.id, ("id",)
    yield value.name, ("name",)
    if kind == "skill":
        for n, alias in enumerate(value.aliases):
            yield alias, ("aliases", n)
