"""What a person would see as broken on a screen: the page scrolling sideways, text cut off by
the box that holds it, something outside the screen, or two controls on top of each other."""

from __future__ import annotations

from typing import Any

FIND = """
() => {
  const width = document.documentElement.clientWidth;
  const seen = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    // Screen-reader-only text is a 1px box on purpose.
    const shown = style.display !== "none" && style.visibility !== "hidden";
    return shown && box.width > 1 && box.height > 1;
  };
  const scrolls = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      const x = getComputedStyle(up).overflowX;
      if (x === "auto" || x === "scroll") return true;
    }
    return false;
  };
  const describe = (el) => {
    const named = typeof el.className === "string" && el.className;
    const cls = named ? "." + el.className.split(" ")[0] : "";
    return `${el.tagName.toLowerCase()}${cls} "${(el.textContent || "").trim().slice(0, 40)}"`;
  };
  const problems = [];
  if (document.documentElement.scrollWidth > width + 1) {
    const wide = document.documentElement.scrollWidth;
    problems.push(`the page scrolls sideways: ${wide}px on ${width}px`);
  }
  const all = [...document.querySelectorAll("body *")].filter(seen);
  for (const el of all) {
    const style = getComputedStyle(el);
    const clips = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
    if (clips && el.scrollWidth > el.clientWidth + 1 && !scrolls(el)) {
      problems.push(`cut off: ${describe(el)}`);
    }
    const box = el.getBoundingClientRect();
    // A skip link waits off the screen until it is focused: entirely outside is on purpose.
    const parked = box.right <= 0 || box.left >= width;
    const outside = box.right > width + 1 || box.left < -1;
    if (outside && !parked && !scrolls(el) && style.position !== "fixed") {
      problems.push(`outside the screen: ${describe(el)}`);
    }
  }
  const controls = [
    ...document.querySelectorAll("button, a[href], input, select, textarea, summary"),
  ]
    .filter(seen)
    .filter((el) => getComputedStyle(el).position !== "fixed" && !el.closest("nav"));
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const [a, b] = [controls[i], controls[j]];
      const label = a.closest("label");
      const same = label !== null && label === b.closest("label");
      if (a.contains(b) || b.contains(a) || same) continue;
      const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
      const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (w > 2 && h > 2) problems.push(`on top of each other: ${describe(a)} and ${describe(b)}`);
    }
  }
  return [...new Set(problems)];
}
"""


def layout_problems(page: Any) -> list[str]:
    """Everything on the page now that would look broken, each in a line."""
    found: list[str] = page.evaluate(FIND)
    return found
