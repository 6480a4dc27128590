"""Cumulative layout shift, measured in the page as Lighthouse does: every layout shift not
caused by the user's own input in the last 500 ms, summed per session window."""

from __future__ import annotations

from typing import Any

# Installed before any script of the page runs, so the first paint's shifts count too.
OBSERVER = """
(() => {
  window.__layoutShift = { windows: [], current: 0, first: 0, last: 0, moved: [] };
  const describe = (node) => {
    if (!node || !node.tagName) return "?";
    const named = typeof node.className === "string" && node.className;
    const cls = named ? "." + node.className.split(" ")[0] : "";
    const text = (node.textContent || "").trim().slice(0, 30);
    return `${node.tagName.toLowerCase()}${cls} "${text}"`;
  };
  new PerformanceObserver((list) => {
    const s = window.__layoutShift;
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      // A session window ends after a 1 s gap or 5 s in all.
      if (s.current > 0 && (entry.startTime - s.last > 1000 || entry.startTime - s.first > 5000)) {
        s.windows.push(s.current);
        s.current = 0;
      }
      if (s.current === 0) s.first = entry.startTime;
      s.current += entry.value;
      s.last = entry.startTime;
      const what = (entry.sources || [])
        .map((source) => {
          const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.height)}h`;
          const moved = `${box(source.previousRect)} -> ${box(source.currentRect)}`;
          return `${describe(source.node)} (${moved})`;
        })
        .join(", ");
      s.moved.push(`${Math.round(entry.startTime)} ms ${entry.value.toFixed(3)}: ${what}`);
    }
  }).observe({ type: "layout-shift", buffered: true });
})();
"""


def watch_layout_shift(context: Any) -> None:
    """Measure layout shift in every page of `context` from its first paint."""
    context.add_init_script(OBSERVER)


def layout_shift(page: Any) -> float:
    """The page's cumulative layout shift so far: its largest session window."""
    value: float = page.evaluate(
        "() => { const s = window.__layoutShift; return Math.max(s.current, ...s.windows, 0); }"
    )
    return value


def what_moved(page: Any) -> str:
    """Each shift so far, one per line: when, how much, and the elements that moved."""
    lines: list[str] = page.evaluate("() => window.__layoutShift.moved")
    return "\n".join(lines)
