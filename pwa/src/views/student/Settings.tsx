import { useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { Me } from "../../api/types";
import { t } from "../../i18n/messages";
import { useSyncStatus } from "../../state/hooks";
import type { SyncClient } from "../../sync/client";
import { Account } from "../Account";
import { MyData } from "../MyData";
import { ParentsPreview } from "./ParentsPreview";
import { PlannedRest } from "./PlannedRest";
import { Profile } from "./Profile";
import { Track } from "./Track";
import { StudyPreferences } from "./StudyPreferences";
import { Viewers } from "./Viewers";
import { momentWords } from "../../ui/format";

interface Props {
  me: Me;
  client: SyncClient;
  onSignOut: () => void;
}

export function Settings({ me, client, onSignOut }: Props) {
  const status = useSyncStatus(client);
  const [invite, setInvite] = useState<string | null>(null);

  function signOut() {
    if (status.pending > 0 && !window.confirm(t.settings.confirmSignOut(status.pending))) return;
    onSignOut();
  }

  async function createInvite() {
    try {
      const made = await api<{ code: string; expires_at: string }>("POST", "/api/guardian-invites", {});
      setInvite(t.settings.inviteCode(made.code, momentWords(Date.parse(made.expires_at))));
    } catch (e) {
      setInvite(e instanceof ApiError && !e.isNetwork ? e.detail : t.settings.inviteOffline);
    }
  }

  // Planning the weeks comes first, privacy and the account after; signing out is last.
  return (
    <>
      <h1>{t.settings.title}</h1>
      <nav class="card toc" aria-label={t.settings.contents}>
        <a href="#settings-weeks">{t.settings.weeksPart}</a>
        {me.role === "student" && <a href="#settings-me">{t.settings.mePart}</a>}
        <a href="#settings-parents">{t.settings.parentsPart}</a>
        <a href="#settings-privacy">{t.settings.privacyPart}</a>
        <a href="#settings-account">{t.settings.accountPart}</a>
      </nav>
      <h2 id="settings-weeks" class="section-title" tabIndex={-1}>
        {t.settings.weeksPart}
      </h2>
      <PlannedRest client={client} />
      <StudyPreferences client={client} studentId={me.id} />
      {me.role === "student" && (
        <>
          <h2 id="settings-me" class="section-title" tabIndex={-1}>
            {t.settings.mePart}
          </h2>
          <Track client={client} always />
          <Profile client={client} />
        </>
      )}
      <h2 id="settings-parents" class="section-title" tabIndex={-1}>
        {t.settings.parentsPart}
      </h2>
      <ParentsPreview owner={me.id} />
      {me.role === "student" && (
        <section class="card stack" aria-labelledby="invite-title">
          <h2 id="invite-title">{t.settings.inviteTitle}</h2>
          <p>{t.settings.inviteBody}</p>
          <button type="button" onClick={() => void createInvite()}>
            {t.settings.inviteCreate}
          </button>
          {invite && <p role="status">{invite}</p>}
        </section>
      )}
      <h2 id="settings-privacy" class="section-title" tabIndex={-1}>
        {t.settings.privacyPart}
      </h2>
      {me.role === "student" && <Viewers me={me.id} />}
      <MyData login={me.login} onErased={onSignOut} />
      <h2 id="settings-account" class="section-title" tabIndex={-1}>
        {t.settings.accountPart}
      </h2>
      <Account onSignedOutEverywhere={onSignOut} />
      <section class="card" aria-labelledby="device-title">
        <h2 id="device-title">{t.settings.device}</h2>
        <p>{t.settings.pending(status.pending)}</p>
      </section>
      <section class="card stack">
        <p>{t.settings.signedInAs(me.display_name, me.login)}</p>
        <button type="button" onClick={signOut}>
          {t.settings.signOut}
        </button>
      </section>
    </>
  );
}
