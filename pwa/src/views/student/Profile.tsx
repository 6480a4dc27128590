import { useEffect, useState } from "preact/hooks";
import { PROFILE_TEXTS, profileId, tagsOf } from "../../domain/profile";
import { t } from "../../i18n/messages";
import { recordsOf, useView } from "../../state/hooks";
import type { SyncClient } from "../../sync/client";

type Texts = Record<(typeof PROFILE_TEXTS)[number], string>;
const EMPTY: Texts = { strengths: "", challenges: "", interests: "", aims: "" };

/** "About me": the student's learner profile, offline like every write, and the mentor's
 * observations on it. */
export function Profile({ client }: { client: SyncClient }) {
  const view = useView(client);
  const id = profileId(client.options.homeSpace);
  const record = recordsOf(view, "profile").find((r) => r.id === id) ?? null;
  const observations = recordsOf(view, "observation").sort((a, b) =>
    String(b.fields["written_at"]).localeCompare(String(a.fields["written_at"])),
  );
  const [texts, setTexts] = useState<Texts>(EMPTY);
  const [tags, setTags] = useState("");
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState(false);

  // Fill the form from the synced profile until the student starts typing.
  useEffect(() => {
    if (touched || record === null) return;
    const f = record.fields;
    setTexts(Object.fromEntries(PROFILE_TEXTS.map((k) => [k, String(f[k] ?? "")])) as Texts);
    setTags(Array.isArray(f["tags"]) ? (f["tags"] as string[]).join(", ") : "");
  }, [record, touched]);

  function save(event: Event) {
    event.preventDefault();
    const values = { ...texts, tags: tagsOf(tags) };
    const base = Object.fromEntries(
      Object.keys(values).flatMap((k) => (record?.clocks[k] ? [[k, record.clocks[k]]] : [])),
    );
    void client.mutate("profile.set", { id, base, ...values });
    setTouched(false);
    setSaved(true);
  }

  return (
    <section class="card stack" aria-labelledby="profile-title">
      <h2 id="profile-title">{t.profile.title}</h2>
      <p class="muted">{t.profile.intro}</p>
      <form class="stack" onSubmit={save} aria-label={t.profile.title}>
        {PROFILE_TEXTS.map((key) => (
          <label key={key}>
            {t.profile[key]}
            <textarea
              name={key}
              maxLength={1000}
              value={texts[key]}
              onInput={(e) => {
                setTouched(true);
                setSaved(false);
                setTexts({ ...texts, [key]: e.currentTarget.value });
              }}
            />
          </label>
        ))}
        <label>
          {t.profile.tags}
          <input
            name="tags"
            value={tags}
            onInput={(e) => {
              setTouched(true);
              setSaved(false);
              setTags(e.currentTarget.value);
            }}
          />
        </label>
        <button type="submit">{t.profile.save}</button>
        {saved && <p role="status">{t.profile.saved}</p>}
      </form>
      <h3>{t.profile.observations}</h3>
      {observations.length === 0 ? (
        <p class="muted">{t.profile.noObservations}</p>
      ) : (
        <ul class="list" data-testid="observations">
          {observations.map((o) => (
            <li key={o.id}>
              <p>{String(o.fields["text"] ?? "")}</p>
              <p class="muted">{String(o.fields["author_name"] ?? "")}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
