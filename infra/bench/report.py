"""The run's results as JSON (`results/latest.json`) and as a markdown table."""

from __future__ import annotations

from typing import Any

from infra.bench.lanes import LaneResult

TARGET_PEER_RATIO = 2.0
TARGET_CEILING_RATIO = 0.40
TARGET_PUSH_P99_MS = 150.0
TARGET_GROWTH_SPREAD = 0.25


def _ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else 0.0


def summarise(lanes: list[LaneResult], peer: dict[str, Any]) -> dict[str, Any]:
    """Per engine, the headline numbers and the targets they meet or miss."""
    engines: dict[str, Any] = {}
    for lane in lanes:
        saturated, paced = lane.data["saturated"], lane.data["paced"]
        peer_rate = lane.data["peer"]["docs_per_s"]
        rate = saturated["mutations_per_s"]
        ceiling_rate = lane.data["ceiling"]["rows_per_s"]
        growth = lane.data.get("pull_ms_by_db_rows")
        entry: dict[str, Any] = {
            "engine": lane.engine,
            "workers": lane.workers,
            "waypoint_mutations_per_s": rate,
            "peer_docs_per_s": peer_rate,
            "peer_push_p99_ms": lane.data["peer"]["push"]["p99_ms"],
            "peer_pull_p99_ms": lane.data["peer"]["pull"]["p99_ms"],
            "ceiling_rows_per_s": ceiling_rate,
            "peer_ratio": _ratio(rate, peer_rate),
            "ceiling_ratio": _ratio(rate, ceiling_rate),
            "push_p99_ms": saturated["push"]["p99_ms"],
            "pull_p99_ms": saturated["pull"]["p99_ms"],
            "paced_push_p99_ms": paced["push"]["p99_ms"],
            "paced_pull_p99_ms": paced["pull"]["p99_ms"],
            "bytes_per_mutation": saturated["bytes_per_mutation"],
            "server_peak_rss_mib": lane.data["server_peak_rss_mib"],
            "pull_ms_by_db_rows": (
                {rows: v["p50_ms"] for rows, v in growth.items()} if growth else None
            ),
            "correct": saturated["correct"] and paced["correct"],
            "peer_correct": lane.data["peer"]["correct"],
            "detail": lane.data,
        }
        entry["targets"] = _targets(entry, growth)
        engines[f"{lane.engine}_{lane.workers}w"] = entry
    return {"engines": engines, "peer": peer}


def _targets(entry: dict[str, Any], growth: dict[str, Any] | None) -> dict[str, Any]:
    targets: dict[str, Any] = {
        "peer_ratio_at_least_2": entry["peer_ratio"] >= TARGET_PEER_RATIO,
        "ceiling_ratio_at_least_0.4": entry["ceiling_ratio"] >= TARGET_CEILING_RATIO,
    }
    if entry["engine"] == "sqlite":
        targets["paced_push_p99_under_150ms"] = entry["paced_push_p99_ms"] < TARGET_PUSH_P99_MS
    if growth:
        values = [v["p50_ms"] for v in growth.values()]
        spread = max(values) / min(values) - 1 if min(values) > 0 else 0.0
        targets["growth_spread"] = round(spread, 2)
        targets["growth_within_25pct"] = spread <= TARGET_GROWTH_SPREAD
    return targets


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✓" if ok else " ✗")


def table(summary: dict[str, Any], shapes: dict[str, Any]) -> str:
    """The markdown table printed at the end of a run."""
    engines = summary["engines"]
    names = list(engines)
    peer = summary["peer"]

    def row(label: str, values: list[str]) -> str:
        return f"| {label} | " + " | ".join(values) + " |"

    def each(fn: Any) -> list[str]:
        return [fn(engines[n]) for n in names]

    growth_sizes = sorted({int(k) for n in names for k in (engines[n]["pull_ms_by_db_rows"] or {})})
    lines = [
        row("", [f"**{n.replace('_', ' ')}**" for n in names]),
        row("---", ["---:" for _ in names]),
        row(
            "mutations/s (saturated)",
            each(lambda e: f"{e['waypoint_mutations_per_s']:,.0f}"),
        ),
        row(
            "peer docs/s (run right after), ratio (target ≥ 2)",
            each(
                lambda e: (
                    f"{e['peer_docs_per_s']:,.0f}, {e['peer_ratio']:.2f}x"
                    + _mark(e["targets"]["peer_ratio_at_least_2"])
                )
            ),
        ),
        row(
            "ceiling rows/s, ratio (target ≥ 0.40)",
            each(
                lambda e: (
                    f"{e['ceiling_rows_per_s']:,.0f}, {e['ceiling_ratio']:.2f}"
                    + _mark(e["targets"]["ceiling_ratio_at_least_0.4"])
                )
            ),
        ),
        row(
            "push p50/p95/p99 ms (saturated)",
            each(lambda e: _pcts(e["detail"]["saturated"]["push"])),
        ),
        row(
            "pull p50/p95/p99 ms (saturated)",
            each(lambda e: _pcts(e["detail"]["saturated"]["pull"])),
        ),
        row(
            "push p50/p95/p99 ms (paced; SQLite target p99 < 150)",
            each(
                lambda e: (
                    _pcts(e["detail"]["paced"]["push"])
                    + _mark(e["targets"].get("paced_push_p99_under_150ms"))
                )
            ),
        ),
        row(
            "pull p50/p95/p99 ms (paced)",
            each(lambda e: _pcts(e["detail"]["paced"]["pull"])),
        ),
        row(
            "bytes on the wire / mutation (push + pull)",
            each(
                lambda e: (
                    f"{e['bytes_per_mutation']:,.0f} "
                    f"({e['detail']['saturated']['push_bytes_per_mutation']:,.0f} + "
                    f"{e['detail']['saturated']['pull_bytes_per_mutation']:,.0f})"
                )
            ),
        ),
        row(
            "peer push / pull p99 ms (saturated)",
            each(lambda e: f"{e['peer_push_p99_ms']:,.0f} / {e['peer_pull_p99_ms']:,.0f}"),
        ),
        row(
            "server 5xx answers, retried (saturated / paced)",
            each(
                lambda e: (
                    f"{e['detail']['saturated']['server_errors']} / "
                    f"{e['detail']['paced']['server_errors']}"
                )
            ),
        ),
        row("server peak RSS MiB", each(lambda e: f"{e['server_peak_rss_mib']:,.0f}")),
        row(
            "machine load average (saturated, start → end)",
            each(lambda e: "{:.1f} → {:.1f}".format(*e["detail"]["saturated"]["load_average"])),
        ),
    ]
    for size in growth_sizes:
        lines.append(
            row(
                f"pull ms (delta of a few rows) at {size:,} rows",
                each(lambda e, s=size: _growth_cell(e, s)),
            )
        )
    lines.append(
        row(
            "growth spread (target ≤ 25%)",
            each(
                lambda e: (
                    f"{e['targets']['growth_spread']:.0%}"
                    + _mark(e["targets"]["growth_within_25pct"])
                    if "growth_spread" in e["targets"]
                    else "-"
                )
            ),
        )
    )
    lines.append(
        row(
            "correct (converged, none lost, none twice)",
            each(lambda e: "yes" if e["correct"] else "**NO**"),
        )
    )
    first = engines[names[0]]["detail"]["peer"]
    paced = peer["paced"]
    notes = [
        "",
        "Peer: pouchdb-server 4.2.0 on LevelDB, the same sessions as one `_bulk_docs` "
        "(new_edits: false) per device, read back through `_changes`. "
        f"{first['bytes_per_doc']:,.0f} bytes/doc ({first['push_bytes_per_doc']:,.0f} + "
        f"{first['pull_bytes_per_doc']:,.0f}); paced push p50/p95/p99 {_pcts(paced['push'])} ms, "
        f"pull {_pcts(paced['pull'])} ms; peak RSS {peer['peak_rss_mib']:,.0f} MiB; "
        + (
            "every run: all documents present, progress sums exact."
            if all(e["peer_correct"] for e in engines.values())
            else "a peer check FAILED (see latest.json)."
        ),
        f"Workload: {shapes['description']}",
    ]
    return "\n".join(lines + notes)


def _pcts(traffic: dict[str, float]) -> str:
    return f"{traffic['p50_ms']:.0f} / {traffic['p95_ms']:.0f} / {traffic['p99_ms']:.0f}"


def _growth_cell(entry: dict[str, Any], size: int) -> str:
    growth = entry["detail"].get("pull_ms_by_db_rows") or {}
    cell = growth.get(str(size))
    return f"{cell['p50_ms']:.1f} (p95 {cell['p95_ms']:.1f})" if cell else "-"
