"""The report's charts as inline SVG (matplotlib): titled, labelled axes with units, RAG colours with their words."""

from __future__ import annotations

import io
import re
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: charts are drawn to SVG only
import matplotlib.pyplot as plt  # noqa: E402

import schemas  # noqa: E402
from pipeline.report.data import IndicatorSeries, position_of  # noqa: E402

# Text stays text in the SVG, so a reader can select it and a browser test can find it.
plt.rcParams.update({"svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 9,
                     "svg.hashsalt": "perfreturns"})

RAG_ORDER = ("red", "red_amber", "amber", "amber_green", "green", "blue")
ON_TRACK = "#00B050"
OFF_TRACK = "#FF0000"


def _svg(fig: Any, label: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    return re.sub(r"<svg ", f'<svg role="img" aria-label="{label}" ', text, count=1)


def rag_chart(section: str, counts: dict[str | None, int]) -> str:
    """One section's statuses as bars, each coloured and labelled with its word and count."""
    styles = schemas.contract()["rag"]
    keys = [k for k in RAG_ORDER if counts.get(k)] + ([None] if counts.get(None) else [])
    labels = [styles[k]["label"] if k else "No status" for k in keys]
    values = [counts[k] for k in keys]
    fig, ax = plt.subplots(figsize=(5.6, 0.45 + 0.38 * len(keys)))
    bars = ax.barh(labels, values, color=[styles[k]["colour"] if k else "#BFBFBF" for k in keys],
                   edgecolor="#404040", linewidth=0.5)
    for bar, value, label in zip(bars, values, labels):
        ax.text(bar.get_width() + 0.1, bar.get_y() + bar.get_height() / 2, f"{label}: {value}",
                va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Commitments and actions (count)")
    ax.set_xlim(0, max(values) * 1.35 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(section, loc="left", fontsize=9, fontweight="bold")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _svg(fig, f"Statuses in {section}: " + ", ".join(f"{l} {v}" for l, v in zip(labels, values)))


def _fy_label(position: float) -> str:
    start = int(position) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def trajectory_chart(series: IndicatorSeries) -> str:
    """Actuals against targets and the straight-line trajectory from baseline to final target."""
    latest = series.latest
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    baseline = series.baseline
    if baseline is not None and latest["final_target"] is not None and latest["trajectory"] is not None:
        xs = [position_of(baseline["period"]), position_of(latest["final_target_period"])]
        ax.plot(xs, [baseline["value"], latest["final_target"]], linestyle="--", color="#7F7F7F",
                label="Trajectory (straight line, baseline to final target)")
    if baseline is not None:
        ax.scatter([position_of(baseline["period"])], [baseline["value"]], marker="s", color="#404040", zorder=3,
                   label=f"Baseline {baseline['period']}")
        ax.annotate(f"Baseline {baseline['period']}: {baseline['value']:g}",
                    (position_of(baseline["period"]), baseline["value"]), textcoords="offset points",
                    xytext=(4, -12), fontsize=7.5)
    if series.targets:
        tx = [position_of(t["period"]) for t in series.targets]
        ty = [t["value"] for t in series.targets]
        ax.scatter(tx, ty, marker="D", color="#0070C0", zorder=3, label="Target")
        for x, y, t in zip(tx, ty, series.targets):
            ax.annotate(f"Target {t['period']}: {y:g}", (x, y), textcoords="offset points", xytext=(4, 6),
                        fontsize=7.5, color="#0070C0")
    ax_x = [position_of(a["period"]) for a in series.actuals]
    ax_y = [a["actual"] for a in series.actuals]
    colours = [ON_TRACK if a["status"] == "on track" else OFF_TRACK if a["status"] == "off track" else "#7F7F7F"
               for a in series.actuals]
    ax.plot(ax_x, ax_y, color="#404040", linewidth=1)
    ax.scatter(ax_x, ax_y, color=colours, edgecolor="#000000", zorder=4, s=36,
               label="Actual (green on track, red off track)")
    for x, y, a in zip(ax_x, ax_y, series.actuals):
        ax.annotate(f"Actual {a['period']}: {y:g} ({a['status']})", (x, y), textcoords="offset points",
                    xytext=(8, -3), fontsize=7.5)
    ends = ax_x + [position_of(t["period"]) for t in series.targets]
    ticks = sorted({int(x) + (1 if x % 1 else 0) for x in ends}
                   | ({int(position_of(baseline["period"]))} if baseline else set()))
    ax.set_xticks(ticks, [_fy_label(t) for t in ticks])
    ax.set_xlabel("Financial year (values at the year's or the quarter's end)")
    ax.set_ylabel(series.unit or "value")
    polarity = {"higher": "higher is better", "lower": "lower is better"}.get(series.polarity or "",
                                                                          "polarity not stated")
    if series.polarity_source == "targets":
        polarity += " (from its targets)"
    ax.set_title(f"{series.code}: {series.description or ''}\n{polarity}", loc="left", fontsize=9,
                 fontweight="bold")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    ax.margins(x=0.12, y=0.2)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _svg(fig, f"{series.code} actuals against targets and trajectory")
