import type { Attention as AttentionItem } from "../../api/types";
import { SavedCopy } from "../../components/SavedCopy";
import { t } from "../../i18n/en";
import { useCopy } from "../../state/hooks";

/** Across all my classes, the students who need me first (the server ranks them). */
export function Attention({ owner }: { owner: number }) {
  const copy = useCopy<AttentionItem[]>(owner, "/api/attention");
  const items = copy.value;
  return (
    <section class="card" aria-labelledby="attention-title">
      <h2 id="attention-title">{t.attention.title}</h2>
      <SavedCopy copy={copy} />
      {items === null && copy.phase === "failed" && <p class="muted">{t.attention.offline}</p>}
      {items !== null && items.length === 0 && <p class="muted">{t.attention.none}</p>}
      {items !== null && items.length > 0 && (
        <ul class="attention" data-testid="attention">
          {items.map((item) => (
            <li key={`${item.class_id}-${item.student_id}`} data-testid="attention-item">
              <p>
                <strong>{item.display_name}</strong> <span class="muted">· {item.class_name}</span>
              </p>
              <p class="reasons">{reasons(item).join(" · ")}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function reasons(item: AttentionItem): string[] {
  return [
    ...(item.pending_decisions > 0 ? [t.attention.pending(item.pending_decisions)] : []),
    ...(item.persistently_behind ? [t.attention.behind] : []),
    ...(item.quiet_days !== null ? [t.attention.quiet(item.quiet_days)] : []),
    ...(item.overloaded ? [t.attention.overloaded] : []),
  ];
}
