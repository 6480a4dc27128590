import { FocusTimer } from "../../components/FocusTimer";
import { todayTotals, weekTotals } from "../../domain/time";
import { studentWeek } from "../../domain/week";
import { t } from "../../i18n/messages";
import { recordsOf, useNow, useView } from "../../state/hooks";
import { InstallOffer } from "../../components/InstallOffer";
import { CheckIn } from "./CheckIn";
import { NudgeCard, openNudges } from "./NextStep";
import { RecentDecisions, TodayGoals } from "./TodayGoals";
import { PrivacyNotice } from "./PrivacyNotice";
import { Track } from "./Track";
import type { SyncClient } from "../../sync/client";
import { duration } from "../../ui/format";

export function Today({ client, timeZone, noticeSeen = true }: { client: SyncClient; timeZone: string; noticeSeen?: boolean }) {
  const view = useView(client);
  const now = useNow(1000);
  const entries = recordsOf(view, "time_entry");
  const goals = recordsOf(view, "goal").filter((g) => g.fields["status"] !== "abandoned");
  const [featured, ...nudges] = openNudges(recordsOf(view, "nudge"));
  const policy = recordsOf(view, "policy")[0];
  const work = {
    progress: recordsOf(view, "progress"),
    timeEntries: entries,
    rest: recordsOf(view, "rest"),
    mastery: recordsOf(view, "mastery"),
  };
  const today = todayTotals(entries, now, timeZone);
  const thisWeek = weekTotals(entries, now, timeZone);
  const week = studentWeek(
    {
      goals,
      ...work,
      preferences: recordsOf(view, "preferences")[0],
      track: recordsOf(view, "track")[0],
      checkIns: recordsOf(view, "check_in"),
    },
    timeZone,
    now,
  );
  // Until the device's records are read (a moment), nothing below the title is drawn: drawn
  // empty first, every card would jump down as the goals arrive above it.
  if (view === null) {
    return (
      <>
        <h1>{t.today.title}</h1>
        <PrivacyNotice seen={noticeSeen} />
        <div class="reading" aria-busy="true" />
      </>
    );
  }
  return (
    <>
      <h1>{t.today.title}</h1>
      <PrivacyNotice seen={noticeSeen} />
      {featured !== undefined && (
        <ul class="nudges next-step" aria-label={t.today.nextStep}>
          <NudgeCard client={client} nudge={featured} goals={goals} policy={policy} featured />
        </ul>
      )}
      <TodayGoals client={client} goals={goals} work={work} timeZone={timeZone} now={now} />
      <InstallOffer ready={goals.length > 0} />
      <RecentDecisions goals={goals} requests={recordsOf(view, "change_request")} now={now} />
      <CheckIn client={client} timeZone={timeZone} />
      <Track client={client} />
      <FocusTimer client={client} goals={goals} entries={entries} />
      <section class="totals">
        <div class="card stat study">
          <h2>{t.today.study}</h2>
          <p class="big" data-testid="study-today">
            {duration(today.study)}
          </p>
        </div>
        <div class="card stat free">
          <h2>{t.today.free}</h2>
          <p class="big" data-testid="free-today">
            {duration(today.free)}
          </p>
        </div>
      </section>
      <p class="muted" data-testid="week-today">
        {t.today.week(duration(thisWeek.study), duration(thisWeek.free))}
      </p>
      {week.plan !== null && (
        <p class={week.plan === "talk_to_mentor" ? "note" : "muted"} data-testid="week-load">
          {week.plan === "talk_to_mentor" ? t.load.talk : t.load.heavy}
        </p>
      )}
      <section class="card" aria-labelledby="nudges-title">
        <h2 id="nudges-title">{t.today.nudges}</h2>
        {nudges.length === 0 ? (
          <p class="muted">{featured === undefined ? t.today.noNudges : t.today.noOtherNudges}</p>
        ) : (
          <ul class="nudges">
            {nudges.map((n) => (
              <NudgeCard key={n.id} client={client} nudge={n} goals={goals} policy={policy} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
