import { useEffect, useState } from "preact/hooks";
import type { Me } from "./api/types";
import { Notices } from "./components/Notices";
import { SyncBar } from "./components/SyncBar";
import { UpdatePrompt } from "./components/UpdatePrompt";
import { isLanguage } from "./i18n/language";
import { onLanguageChange, setLanguage, t } from "./i18n/messages";
import { confirmUser, rememberedUser, signOut } from "./state/session";
import { useSyncClient } from "./state/hooks";
import { writeMeta } from "./sync/db";
import { DigestScreen } from "./views/parent/DigestScreen";
import { SignIn } from "./views/SignIn";
import { StaffHome } from "./views/StaffHome";
import { Goals } from "./views/student/Goals";
import { Settings } from "./views/student/Settings";
import { Time } from "./views/student/Time";
import { Today } from "./views/student/Today";

type Tab = "today" | "goals" | "time" | "settings";
const TABS: Tab[] = ["today", "goals", "time", "settings"];

function tabFromHash(): Tab {
  const name = window.location.hash.replace(/^#\/?/, "").split("/")[0] ?? "";
  return (TABS as string[]).includes(name) ? (name as Tab) : "today";
}

/** The summary a push notification opens: /digests/{id}. */
function digestFromPath(): number | null {
  const match = /^\/digests\/(\d+)\/?$/.exec(window.location.pathname);
  return match ? Number(match[1]) : null;
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  // Every screen re-renders in the new words when the language changes.
  const [, setSpoken] = useState(0);
  useEffect(() => onLanguageChange(() => setSpoken((n) => n + 1)), []);
  // Signed in, the account's language is the one spoken, on every device of the person.
  useEffect(() => {
    if (me && isLanguage(me.locale)) void setLanguage(me.locale);
  }, [me?.locale]);

  useEffect(() => {
    void (async () => {
      const remembered = await rememberedUser();
      if (remembered !== null) setMe(remembered);
      const confirmed = await confirmUser();
      // Offline (undefined): trust the remembered person; the next sync tells if that changed.
      if (confirmed === undefined) setMe(remembered);
      else setMe(confirmed);
    })();
  }, []);

  async function leave() {
    await signOut();
    setMe(null);
  }

  return (
    <>
      <UpdatePrompt />
      {me === undefined ? (
        <p class="page muted">{t.loading}</p>
      ) : me === null ? (
        <SignIn onSignedIn={setMe} />
      ) : me.role === "parent" && digestFromPath() !== null ? (
        <DigestScreen owner={me.id} id={digestFromPath()!} />
      ) : me.role === "student" ? (
        <StudentApp me={me} onSignOut={() => void leave()} />
      ) : (
        <StaffHome me={me} onSignOut={() => void leave()} />
      )}
    </>
  );
}

function StudentApp({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const [tab, setTab] = useState<Tab>(tabFromHash);

  const client = useSyncClient(me);

  useEffect(() => {
    if (client !== null) void writeMeta(client.db, { user: me });
  }, [client, me]);

  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  useEffect(() => {
    document.title = `${t.nav[tab]} · ${t.appName}`;
  }, [tab]);

  if (client === null) return <p class="page muted">{t.loading}</p>;
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t.nav.skip}
      </a>
      <SyncBar client={client} />
      <main id="main" class="page" tabIndex={-1}>
        <Notices client={client} />
        {tab === "today" && <Today client={client} timeZone={me.time_zone} noticeSeen={me.privacy_notice_seen ?? true} />}
        {tab === "goals" && <Goals client={client} timeZone={me.time_zone} />}
        {tab === "time" && <Time client={client} timeZone={me.time_zone} />}
        {tab === "settings" && <Settings me={me} client={client} onSignOut={onSignOut} />}
      </main>
      <nav class="tabs" aria-label={t.nav.label}>
        {TABS.map((name) => (
          <a key={name} href={`#/${name}`} aria-current={tab === name ? "page" : undefined}>
            {t.nav[name]}
          </a>
        ))}
      </nav>
    </div>
  );
}
