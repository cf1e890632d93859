"""A plan in files a person keeps: the schedule as a calendar, the plan as Markdown.

Both read the engine's response, as the results page does. The Markdown is
:func:`recommender.plan_markdown.plan_markdown`, the CLI's ``recommend --markdown``,
so there is one Markdown rendering of a plan.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

from recommender.render import count
from skills import Catalog

PRODID = "-//careerpath//learning plan//EN"


def first_monday(today: dt.date) -> dt.date:
    """The plan's week 1 starts on the next Monday (today when today is one)."""
    return today + dt.timedelta(days=-today.weekday() % 7)


def plan_calendar(response: dict, catalog: Catalog, start: dt.date, key: str) -> bytes:
    """One all-day event per step, over the weeks it takes, week 1 starting on ``start``.

    ``key`` (the answers' query string) makes each event's UID stable, so importing the
    same plan again updates its events instead of doubling them.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    target = catalog.role(response["target_role"]).title
    cal.add("x-wr-calname", f"Learning plan: {target}")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    for step in response["plan"]["steps"]:
        event = Event()
        event.add("uid", f"{digest}-{step['rank']}@careerpath")
        event.add("dtstamp", stamp)
        event.add("summary", f"Learn {step['name']} ({step['hours']:g} h)")
        # Week n runs from start + 7(n-1) days; an all-day DTEND is exclusive.
        event.add("dtstart", start + dt.timedelta(weeks=step["start_week"] - 1))
        event.add("dtend", start + dt.timedelta(weeks=step["end_week"]))
        event.add("description", _description(step, catalog))
        linked = [r["url"] for r in step["resources"] if r["url"]]
        if linked:
            event.add("url", linked[0])
        cal.add_component(event)
    return cal.to_ical()


def _description(step: dict, catalog: Catalog) -> str:
    words = {lv.value: lv.word for lv in catalog.levels}
    lines = [
        f"Step {step['rank']}: {step['name']} from {words[step['from_level']]} to {words[step['to_level']]}, "
        f"{count(step['hours'], 'hour')}.",
        *step["reasons"],
    ]
    for r in step["resources"]:
        lines.append(f"Learn with: {r['title']}" + (f" <{r['url']}>" if r["url"] else ""))
    return "\n".join(lines)
