import type { ChildSection } from "../../api/types";
import { ProgressRing } from "../../components/ProgressRing";
import { TimeBars } from "../../components/TimeBars";
import { trend } from "../../domain/chart";
import { t } from "../../i18n/messages";
import { duration, number } from "../../ui/format";
import { DigestDetails } from "./DigestDetails";

/** Goals shown as rings on the first screen; the rest are in the details, in words. */
const RINGS = 4;
const TRAILING = ["behind", "at_risk", "unreachable"];

function trendWords(current: number, previous: number): string {
  const { direction, minutes } = trend(current, previous);
  return direction === "same" ? t.digest.trend.same : t.digest.trend[direction](duration(minutes));
}

/** The child's status in a word, as the push said it (older summaries have none). */
function gistWords(section: ChildSection): string | null {
  const gist = section.gist;
  if (!gist) return null;
  return gist.status === "needs_attention" ? t.digest.gist.needsAttention(gist.needs_attention) : t.digest.gist[gist.status];
}

/** One child's part of a summary, one phone screen: the status word, a picture first (a ring
 * per goal, study against free time), the question to ask tonight, and the rest in details
 * (open from the start where everything should be read, as in the student's preview). */
export function DigestSection({
  section,
  level = 2,
  detailsOpen = false,
}: {
  section: ChildSection;
  level?: 2 | 3;
  detailsOpen?: boolean;
}) {
  const H = level === 2 ? "h2" : "h3";
  const Sub = level === 2 ? "h3" : "h4";
  const time = section.time;
  const words = t.digest.timeWords(
    duration(time.study_minutes),
    trendWords(time.study_minutes, time.previous_study_minutes),
    duration(time.free_minutes),
    trendWords(time.free_minutes, time.previous_free_minutes),
  );
  const headingId = `child-${section.student_id}`;
  const status = gistWords(section);
  const rings = section.goals.slice(0, RINGS);
  const attention = section.gist?.status === "needs_attention";
  return (
    <section class="card digest-child" aria-labelledby={headingId} data-testid="digest-child">
      <div class="digest-head">
        <H id={headingId}>{section.name}</H>
        {status !== null && (
          <span class={`badge ${attention ? "pending" : "active"}`} data-testid="digest-gist">
            {status}
          </span>
        )}
      </div>
      <div class="digest-picture" data-testid="digest-picture">
        {rings.length === 0 ? (
          <p class="muted">{t.digest.noGoals}</p>
        ) : (
          <ul class="digest-rings" aria-label={t.digest.goals}>
            {rings.map((g) => (
              <li key={g.id}>
                <ProgressRing share={g.target > 0 ? g.done / g.target : 0} expected={null} />
                <span class="digest-ring-title">{g.title}</span>
                <span class="digest-ring-line">
                  {t.units.of(g.done, g.target, g.unit)}
                </span>
                <span class={`digest-ring-status ${TRAILING.includes(g.status) ? "trailing" : ""}`}>
                  {t.digest.shortStatus[g.status] ?? t.digest.status[g.status] ?? g.status}
                </span>
              </li>
            ))}
          </ul>
        )}
        <TimeBars
          summary={words}
          rows={[
            { key: "study", label: t.chart.study, minutes: time.study_minutes, tone: "study" },
            { key: "study-before", label: t.chart.studyBefore, minutes: time.previous_study_minutes, tone: "study-before" },
            { key: "free", label: t.chart.free, minutes: time.free_minutes, tone: "free" },
            { key: "free-before", label: t.chart.freeBefore, minutes: time.previous_free_minutes, tone: "free-before" },
          ]}
        />
      </div>
      {section.prompt !== "" && (
        <div class="prompt" data-testid="digest-prompt">
          <p>
            <strong>{t.digest.prompt}</strong>
          </p>
          <p>{section.prompt}</p>
        </div>
      )}
      <details class="digest-more" open={detailsOpen}>
        <summary>{t.digest.more(section.gist?.first_name || section.name)}</summary>
        <DigestDetails section={section} words={words} Sub={Sub} />
      </details>
    </section>
  );
}
