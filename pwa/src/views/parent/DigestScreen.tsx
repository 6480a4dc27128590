import { useEffect, useState } from "preact/hooks";
import type { Digest } from "../../api/types";
import { loadDigest } from "../../digests/store";
import { t } from "../../i18n/messages";
import { database } from "../../state/session";
import { periodWords } from "../../ui/format";
import { SavedCopy } from "../../components/SavedCopy";
import { useOnline } from "../../state/hooks";
import { DigestSection } from "./DigestSection";

type State =
  | { phase: "loading" }
  | { phase: "shown"; digest: Digest; fresh: boolean; fetchedAt: number }
  | { phase: "offline" | "missing" };

/** The full summary a notification opens, at /digests/{id}; kept on the device once read. */
export function DigestScreen({ owner, id }: { owner: number; id: number }) {
  const [state, setState] = useState<State>({ phase: "loading" });
  const online = useOnline();

  useEffect(() => {
    let alive = true;
    void database()
      .then((db) => loadDigest(db, owner, id))
      .then((loaded) => {
        if (!alive) return;
        if (loaded.value !== null) {
          setState({ phase: "shown", digest: loaded.value, fresh: loaded.fresh, fetchedAt: loaded.fetchedAt });
        }
        else setState({ phase: loaded.problem });
      });
    return () => {
      alive = false;
    };
  }, [owner, id]);

  const heading = state.phase === "shown" ? t.digest.heading(state.digest.kind) : t.digest.listTitle;

  useEffect(() => {
    document.title = `${heading} · ${t.appName}`;
  }, [heading]);

  return (
    <main id="main" class="page" data-testid="digest">
      <a class="back" href="/">
        {t.digest.back}
      </a>
      <h1>{heading}</h1>
      {state.phase === "loading" && <p class="muted">{t.digest.loading}</p>}
      {state.phase === "offline" && <p role="status">{t.digest.notKept}</p>}
      {state.phase === "missing" && <p role="status">{t.digest.missing}</p>}
      {state.phase === "shown" && (
        <>
          <p class="muted period" data-testid="digest-period">
            {t.digest.covers(periodWords(state.digest.kind, state.digest.period_start, state.digest.period_end))}
          </p>
          <SavedCopy
            copy={{
              value: state.digest,
              fetchedAt: state.fetchedAt,
              phase: state.fresh ? "fresh" : "failed",
              error: null,
              online,
            }}
          />
          {state.digest.content.children.length === 0 && <p class="muted">{t.digest.noChildren}</p>}
          {state.digest.content.children.map((section) => (
            <DigestSection key={section.student_id} section={section} />
          ))}
        </>
      )}
    </main>
  );
}
