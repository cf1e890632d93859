"""The cohort report: one self-contained HTML page with matplotlib charts, for a slide deck.

Charts are PNG images embedded as base64 (paste them straight into slides); the page
loads nothing from anywhere else, so it can be mailed or opened offline.
"""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime
from importlib import resources

import jinja2
import numpy as np

INK = "#1b1f24"
MUTED = "#545d69"
GRID = "#d9dee5"
ROLE_COLOURS = ("#3446d0", "#d9730d", "#12906f", "#8f79c9", "#b3261e", "#6f7d99")
HEAT = ("#f4f5fb", "#b9c0f0", "#6c7be0", "#3446d0", "#1d2780")
DPI = 160
WIDTH = 10.0  # inches: every chart the same width, so text is the same size on the page


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            # A generic family with a preference list: a listed font that is missing is skipped
            # quietly (a list of families warns "findfont: ... not found" for every text drawn).
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans", "Liberation Sans"],
            "font.size": 10,
            "axes.edgecolor": GRID,
            "axes.labelcolor": MUTED,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
            "axes.titlecolor": INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "xtick.color": MUTED,
            "ytick.color": MUTED,
            "figure.facecolor": "white",
        }
    )
    return plt


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    fig.clf()
    _pyplot().close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def role_colours(roles) -> dict[str, str]:
    return {role: ROLE_COLOURS[i % len(ROLE_COLOURS)] for i, role in enumerate(roles)}


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------


def best_fit_chart(summary: dict, titles: dict[str, str]) -> str:
    plt = _pyplot()
    roles = list(summary["best_fit"])
    counts = [summary["best_fit"][r] for r in roles]
    total = max(sum(counts), 1)
    colours = role_colours(roles)
    fig, ax = plt.subplots(figsize=(WIDTH, 0.7 + 0.55 * len(roles)))
    y = range(len(roles))[::-1]
    ax.barh(list(y), counts, color=[colours[r] for r in roles], height=0.62)
    for yi, c in zip(y, counts, strict=True):
        ax.text(c + total * 0.01, yi, f"{c:,}  ({c / total:.0%})", va="center", color=INK, fontsize=10)
    ax.set_yticks(list(y), [titles.get(r, r) for r in roles], fontsize=10.5, color=INK)
    ax.set_xlim(0, max(counts + [1]) * 1.28)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_title("Members by best-fitting role", loc="left", pad=10)
    return _png(fig)


def fit_distribution_chart(summary: dict, titles: dict[str, str]) -> str:
    plt = _pyplot()
    hist = summary["fit_histogram"]
    edges = hist["edges"]
    roles = list(hist["counts"])
    colours = role_colours(roles)
    fig, axes = plt.subplots(1, len(roles), figsize=(WIDTH, 3.2), sharey=True, squeeze=False)
    width = edges[1] - edges[0]
    peak = max([max(c) for c in hist["counts"].values()] + [1])
    for ax, role in zip(axes[0], roles, strict=True):
        counts = hist["counts"][role]
        ax.bar([e * 100 for e in edges[:-1]], counts, width=width * 100 * 0.92, align="edge", color=colours[role])
        median = summary["fit"][role]["median"]
        if median is not None:
            ax.axvline(median * 100, color=INK, lw=1.2, ls="--")
            ax.text(
                median * 100 + 1.5, peak * 1.02, f"median {median:.0%}", color=INK, fontsize=9, va="bottom", ha="left"
            )
        ax.set_title(titles.get(role, role), loc="left", color=colours[role])
        ax.set_xlim(0, 100)
        ax.set_ylim(0, peak * 1.18)
        ax.set_xlabel("fit (%)")
        ax.grid(axis="y", color=GRID, lw=0.6)
        ax.set_axisbelow(True)
    axes[0][0].set_ylabel("members")
    fig.suptitle("How well members fit each role", x=0.01, ha="left", fontsize=12, fontweight="bold", color=INK)
    fig.tight_layout()
    return _png(fig)


def lacking_heatmap(summary: dict, titles: dict[str, str]) -> str | None:
    """Most-lacking skills (rows) by target role (columns): share of that role's members below target."""
    lacking = summary["lacking"]
    if not lacking:
        return None
    plt = _pyplot()
    from matplotlib.colors import LinearSegmentedColormap

    roles = [r for r, c in summary["target_roles"].items() if c]
    values = np.array(
        [
            [np.nan if s["share_below_by_target"][r] is None else s["share_below_by_target"][r] for r in roles]
            for s in lacking
        ],
        dtype=float,
    )
    cmap = LinearSegmentedColormap.from_list("careerpath", HEAT).with_extremes(bad="#eceef2")
    fig, ax = plt.subplots(figsize=(WIDTH, 1.2 + 0.42 * len(lacking)))
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            text, colour = ("not needed", MUTED) if np.isnan(v) else (f"{v:.0%}", "white" if v > 0.55 else INK)
            ax.text(j, i, text, ha="center", va="center", color=colour, fontsize=10.5 if not np.isnan(v) else 8.5)
    ax.set_xticks(range(len(roles)), [f"{titles.get(r, r)}\n({summary['target_roles'][r]:,} members)" for r in roles])
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(lacking)), [s["name"] for s in lacking], color=INK)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_xticks(np.arange(-0.5, len(roles)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(lacking)), minor=True)
    ax.grid(which="minor", color="white", lw=2)
    bar = fig.colorbar(image, ax=ax, fraction=0.035, pad=0.02, format=lambda x, _: f"{x:.0%}")
    bar.outline.set_visible(False)
    bar.ax.tick_params(labelsize=8, color=MUTED)
    ax.set_title("Share of members below their target role's level, by target role", loc="left", pad=36, fontsize=11)
    return _png(fig)


def readiness_chart(summary: dict) -> str:
    plt = _pyplot()
    readiness = summary["readiness"]
    edges, counts = readiness["edges"], readiness["counts"]
    fig, ax = plt.subplots(figsize=(WIDTH, 2.6))
    labels = [f"{int(a * 100)}–{int(b * 100)}%" for a, b in zip(edges[:-1], edges[1:], strict=True)]
    ax.bar(range(len(counts)), counts, color=ROLE_COLOURS[0], width=0.8)
    total = max(sum(counts), 1)
    for i, c in enumerate(counts):
        if c:
            ax.text(i, c, f"{c / total:.0%}", ha="center", va="bottom", fontsize=8.5, color=INK)
    ax.set_xticks(range(len(counts)), labels, fontsize=8.5)
    ax.set_ylabel("members")
    ax.grid(axis="y", color=GRID, lw=0.6)
    ax.set_axisbelow(True)
    ax.set_title("Readiness: fit for each member's target role", loc="left", pad=10)
    return _png(fig)


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda v: "–" if v is None else f"{v:.0%}"
    env.filters["num"] = lambda v: "–" if v is None else f"{v:,}"
    return env


def render_report(summary: dict, catalog, *, source: str, ignored: list[dict], model_version: str) -> str:
    """The HTML page for a summary from :meth:`CohortSummary.to_dict`."""
    titles = {r.id: r.title for r in catalog.roles}
    template = resources.files("recommender.batch").joinpath("templates/cohort_report.html").read_text(encoding="utf-8")
    roles = list(summary["best_fit"])
    best = max(roles, key=lambda r: summary["best_fit"][r]) if summary["scored"] else None
    groups = [dict(g) for g in summary.get("groups") or []]  # copies: the caller's summary stays as it was
    for group in groups:
        if not group["suppressed"]:
            group["top_role"] = max(group["best_fit"], key=group["best_fit"].get)
    return (
        _environment()
        .from_string(template)
        .render(
            summary=summary,
            titles=titles,
            colours=role_colours(roles),
            roles=roles,
            best=best,
            groups=groups,
            ignored=ignored,
            source=source,
            catalog=catalog,
            model_version=model_version,
            created=datetime.now(UTC).strftime("%d %B %Y, %H:%M UTC"),
            charts={
                "best_fit": best_fit_chart(summary, titles) if summary["scored"] else None,
                "fit": fit_distribution_chart(summary, titles) if summary["scored"] else None,
                "lacking": lacking_heatmap(summary, titles),
                "readiness": readiness_chart(summary) if summary["scored"] else None,
            },
        )
    )
