"""The nudge templates, by kind, in rotation order.

Their texts are messages of the server's catalogues (``backend/i18n/locales``):
``nudge.<template id>.title`` and ``nudge.<template id>.body``, next to the clauses, plans,
units and actions the nudge rules fill them with.
"""

from __future__ import annotations

from typing import Final

TEMPLATE_IDS: Final[dict[str, tuple[str, ...]]] = {
    kind: tuple(f"{kind}.{n}" for n in (1, 2, 3))
    for kind in ("behind_pace", "deadline_at_risk", "ahead", "overload", "inactivity")
}
