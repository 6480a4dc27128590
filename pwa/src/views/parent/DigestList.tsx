import { useEffect, useState } from "preact/hooks";
import type { DigestSummary } from "../../api/types";
import { loadList } from "../../digests/store";
import { t } from "../../i18n/messages";
import { database } from "../../state/session";
import { periodWords } from "../../ui/format";

const SHOWN = 12;

function Entry({ summary }: { summary: DigestSummary }) {
  return (
    <a href={`/digests/${summary.id}`}>
      <span>{t.digest.open(summary.kind, periodWords(summary.kind, summary.period_start, summary.period_end))}</span>
      <span class="gist">{summary.body}</span>
    </a>
  );
}

/** The parent's summaries, newest first: the latest with the gist its push carried, the earlier
 * ones folded away; each opens its full screen (offline once read). The latest's place is kept
 * while the list loads, so nothing below it moves when it arrives. */
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

  const [latest, ...earlier] = list ?? [];
  return (
    <section class="card" aria-labelledby="digests-title">
      <h2 id="digests-title">{t.digest.listTitle}</h2>
      <div class="digest-latest" aria-busy={list === null}>
        {!fresh && <p class="muted">{t.digest.listOffline}</p>}
        {list !== null && latest === undefined && <p class="muted">{t.digest.listEmpty}</p>}
        {latest !== undefined && (
          <ul class="list digest-list" data-testid="digest-list">
            <li>
              <Entry summary={latest} />
            </li>
          </ul>
        )}
        {earlier.length > 0 && (
          <details class="digest-more">
            <summary>{t.digest.earlier(earlier.length)}</summary>
            <ul class="list digest-list" data-testid="digest-list-earlier">
              {earlier.slice(0, SHOWN - 1).map((d) => (
                <li key={d.id}>
                  <Entry summary={d} />
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </section>
  );
}
