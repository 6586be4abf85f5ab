"""The names-over-time chart: a Gantt of each body's names, coloured by deciding decision.

One row per organisation, one bar per name it held (:func:`~govmodel.plot.name_spans`),
from the day the name took effect to the day it stopped; the bar's colour is the decision
that set the name, named in the legend. Drawn with matplotlib (the ``plot`` extra), as PNG
or SVG; its text stays text (the SVG keeps names as escaped ``<text>``, no name is read as
mathtext, and characters XML cannot hold become U+FFFD).
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from govmodel.decisions import Decision
from govmodel.plot._graphviz import clean
from govmodel.plot.picture import Picture, PictureFormat, picture_format
from govmodel.plot.spans import NameSpan, name_spans
from govmodel.timeline import Timeline

__all__ = ["names_chart"]

#: Twenty distinct colours (matplotlib's ``tab20``, reordered so neighbours differ).
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)
NO_DECISION = "#d9d9d9"
#: Legend entries shown at most; further decisions share the last colours unnamed.
MAX_LEGEND = 24


def _matplotlib() -> Any:
    try:
        import matplotlib  # noqa: PLC0415 - the plot extra, imported only when asked for
        import matplotlib.dates  # noqa: PLC0415
        import matplotlib.figure  # noqa: PLC0415
        import matplotlib.patches  # noqa: PLC0415
    except ImportError:
        from govmodel.export import MissingExtraError  # noqa: PLC0415

        raise MissingExtraError("names chart", "matplotlib", "plot") from None
    return matplotlib


def _decision_key(d: Decision) -> tuple[dt.date, str, str]:
    return (d.effective_on, d.issuer, str(d.number))


def _bounds(spans: Iterable[NameSpan], decisions: Sequence[Decision]) -> tuple[dt.date, dt.date]:
    days = [d for s in spans for d in (s.start, s.end) if d is not None]
    days += [d.effective_on for d in decisions]
    if not days:
        today = dt.date.today()
        return today - dt.timedelta(days=365), today
    lo, hi = min(days), max(days)
    pad = dt.timedelta(days=max(30, (hi - lo).days // 25))
    return lo - pad, hi + pad


def names_chart(
    timeline: Timeline,
    org_ids: Iterable[str] | None = None,
    *,
    format: PictureFormat | str = "png",
    title: str | None = None,
    width: float = 12.0,
) -> Picture:
    """The names each organisation held over time, as a Gantt chart drawn by matplotlib.

    >>> import govmodel as gm
    >>> from govmodel.plot import names_chart
    >>> chart = names_chart(gm.load_dataset("lang-son-history"))  # doctest: +SKIP
    >>> chart.save("names.png")  # doctest: +SKIP

    Args:
        timeline: the timeline.
        org_ids: the organisations, top to bottom (default: every one, by id).
        format: ``"png"`` (default) or ``"svg"``.
        title: the chart's title (default: "Names over time").
        width: the figure's width in inches (its height follows the number of rows).

    Returns:
        a :class:`~govmodel.plot.Picture` (displays inline in Jupyter).

    Raises:
        MissingExtraError: matplotlib is not installed (``pip install 'govmodel[plot]'``).
        OrganisationNotFoundError: an id is not an organisation of the timeline.

    Added in 0.2.
    """
    fmt = picture_format(format)
    ids = list(timeline.organisation_ids() if org_ids is None else org_ids)
    rows = [name_spans(timeline, i) for i in ids]  # checks every id before drawing
    mpl = _matplotlib()
    spans = [s for r in rows for s in r]
    decisions = sorted({s.decision for s in spans if s.decision is not None}, key=_decision_key)
    colour = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(decisions)}
    lo, hi = _bounds(spans, decisions)
    num = mpl.dates.date2num

    legend_rows = (min(len(decisions), MAX_LEGEND) + 3) // 3 + 1
    fig = mpl.figure.Figure(figsize=(width, 1.4 + 0.34 * max(len(ids), 1) + 0.2 * legend_rows))
    ax = fig.add_subplot()
    for y, row in enumerate(rows):
        for s in row:
            start, end = num(s.start or lo), num(s.end or hi)
            bar = ax.barh(y, end - start, left=start, height=0.7,
                          color=NO_DECISION if s.decision is None else colour[s.decision],
                          edgecolor="white", linewidth=0.8)[0]
            text = ax.text(start + (hi - lo).days * 0.003, y, clean(s.name), va="center", ha="left",
                           fontsize=7, parse_math=False, clip_on=True)
            text.set_clip_path(bar)  # a name longer than its bar is cut at the bar's end
    ax.set_yticks(range(len(ids)), labels=ids, fontsize=7)
    ax.set_ylim(len(ids) - 0.5, -0.5)
    ax.set_xlim(num(lo), num(hi))
    locator = mpl.dates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mpl.dates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    heading = ax.set_title(clean(title or "Names over time"), fontsize=10, loc="left")
    heading.set_parse_math(False)
    handles = [
        mpl.patches.Patch(color=colour[d],
                          label=clean(f"{d.number} ({d.effective_on.isoformat()})"))
        for d in decisions[:MAX_LEGEND]
    ]
    if any(s.decision is None for s in spans):
        handles.append(mpl.patches.Patch(color=NO_DECISION, label="first recorded state"))
    legend = fig.legend(handles=handles, loc="lower center", ncols=3, fontsize=7,
                        frameon=False, title="the decision that set the name",
                        title_fontsize=7)
    for t in (*legend.get_texts(), legend.get_title()):
        t.set_parse_math(False)
    fig.subplots_adjust(left=0.2, right=0.98, top=1 - 0.4 / fig.get_figheight(),
                        bottom=(0.55 + 0.2 * legend_rows) / fig.get_figheight())
    return Picture(fmt, _render(mpl, fig, fmt), title=title or "names over time")


def _render(mpl: Any, fig: Any, fmt: PictureFormat) -> bytes:
    buf = io.BytesIO()
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "govmodel"}), \
            warnings.catch_warnings():
        # A name may hold characters no installed font draws: they show as boxes.
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        if fmt is PictureFormat.SVG:
            fig.savefig(buf, format="svg", metadata={"Date": None})
        else:
            fig.savefig(buf, format="png", dpi=110)
    return buf.getvalue()
