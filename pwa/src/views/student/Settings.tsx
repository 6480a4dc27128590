import { useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { Me } from "../../api/types";
import { t } from "../../i18n/en";
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
      setInvite(t.settings.inviteCode(made.code, new Date(made.expires_at).toLocaleString()));
    } catch (e) {
      setInvite(e instanceof ApiError && !e.isNetwork ? e.detail : t.settings.inviteOffline);
    }
  }

  return (
    <>
      <h1>{t.settings.title}</h1>
      <section class="card stack">
        <p>{t.settings.signedInAs(me.display_name, me.login)}</p>
        <button type="button" onClick={signOut}>
          {t.settings.signOut}
        </button>
      </section>
      {me.role === "student" && <Viewers me={me.id} />}
      {me.role === "student" && <Track client={client} always />}
      {me.role === "student" && <Profile client={client} />}
      <PlannedRest client={client} />
      <StudyPreferences client={client} studentId={me.id} />
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
      <Account onSignedOutEverywhere={onSignOut} />
      <MyData login={me.login} onErased={onSignOut} />
      <section class="card" aria-labelledby="device-title">
        <h2 id="device-title">{t.settings.device}</h2>
        <p>{t.settings.pending(status.pending)}</p>
      </section>
    </>
  );
}
