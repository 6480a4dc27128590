import { useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { Objective, ObjectivesImported } from "../../api/types";
import { t } from "../../i18n/messages";
import type { CopyView } from "../../state/hooks";

/** The class's learning objectives: add one, import a CSV file, remove one. Needs a connection. */
export function ClassObjectives({ classId, copy }: { classId: number; copy: CopyView<Objective[]> }) {
  const [title, setTitle] = useState("");
  const [code, setCode] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listed = copy.value ?? [];
  const base = `/api/classes/${classId}/objectives`;

  async function run(action: () => Promise<string>) {
    setBusy(true);
    try {
      setMessage(await action());
      copy.reload();
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.mastery.notSaved);
    } finally {
      setBusy(false);
    }
  }

  function add(event: Event) {
    event.preventDefault();
    void run(async () => {
      await api<Objective>("POST", base, { title: title.trim(), code: code.trim() });
      setTitle("");
      setCode("");
      return t.mastery.saved;
    });
  }

  function importFile(file: File | undefined) {
    if (file === undefined) return;
    void run(async () => {
      const text = await file.text();
      const result = await api<ObjectivesImported>("POST", `${base}/import`, { csv: text });
      return t.mastery.imported(result.added.length, result.already_listed);
    });
  }

  function remove(objective: Objective) {
    void run(async () => {
      await api<null>("DELETE", `${base}/${objective.id}`);
      return t.mastery.saved;
    });
  }

  return (
    <section class="card stack" aria-labelledby={`objectives-${classId}`} data-testid="class-objectives">
      <h2 id={`objectives-${classId}`}>{t.mastery.manage}</h2>
      {listed.length === 0 ? (
        <p class="muted">{t.mastery.none}</p>
      ) : (
        <ol class="objectives">
          {listed.map((o) => (
            <li key={o.id}>
              {o.code !== "" && <span class="muted">{o.code} </span>}
              {o.title}{" "}
              <button type="button" class="link" disabled={busy || !copy.online} onClick={() => remove(o)} aria-label={`${t.mastery.remove}: ${o.title}`}>
                {t.mastery.remove}
              </button>
            </li>
          ))}
        </ol>
      )}
      <form class="stack" onSubmit={add} aria-label={t.mastery.addOne}>
        <div class="row">
          <label>
            {t.mastery.code}
            <input name="code" maxLength={20} size={6} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
          </label>
          <label class="grow">
            {t.mastery.objectiveTitle}
            <input name="objective" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
        </div>
        <button type="submit" disabled={busy || !copy.online}>
          {t.mastery.addOne}
        </button>
      </form>
      <label>
        {t.mastery.importCsv}
        <input
          type="file"
          name="objectives-csv"
          accept=".csv,text/csv,text/plain"
          disabled={busy || !copy.online}
          aria-describedby={`objectives-hint-${classId}`}
          onChange={(e) => importFile(e.currentTarget.files?.[0])}
        />
      </label>
      <small id={`objectives-hint-${classId}`} class="muted">
        {t.mastery.importHint}
      </small>
      {message !== null && (
        <p role="status" data-testid="objectives-message">
          {message}
        </p>
      )}
    </section>
  );
}
