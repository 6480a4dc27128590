import { useEffect, useState } from "preact/hooks";
import type { DigestSummary } from "../../api/types";
import { loadList } from "../../digests/store";
import { t } from "../../i18n/en";
import { database } from "../../state/session";
import { periodWords } from "../../ui/format";

const SHOWN = 12;

/** The parent's past summaries, newest first; each opens its full screen (offline once read). */
export function DigestList({ owner }: { owner: number }) {
  const [list, setList] = useState<DigestSummary[] | null>(null);
  const [fresh, setFresh] = useState(true);

  useEffect(() => {
    void database()
      .then((db) => loadList(db, owner))
      .then((loaded) => {
        setList(loaded.value);
        setFresh(loaded.fresh);
      });
  }, [owner]);

  return (
    <section class="card" aria-labelledby="digests-title">
      <h2 id="digests-title">{t.digest.listTitle}</h2>
      {!fresh && <p class="muted">{t.digest.listOffline}</p>}
      {list !== null && list.length === 0 && <p class="muted">{t.digest.listEmpty}</p>}
      {list !== null && list.length > 0 && (
        <ul class="list digest-list" data-testid="digest-list">
          {list.slice(0, SHOWN).map((d) => (
            <li key={d.id}>
              <a href={`/digests/${d.id}`}>{t.digest.open(d.kind, periodWords(d.kind, d.period_start, d.period_end))}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
