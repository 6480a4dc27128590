import type { CopyView } from "../state/hooks";
import { t } from "../i18n/messages";
import { fetchedWords } from "../ui/format";

type Shown = Pick<CopyView<unknown>, "value" | "fetchedAt" | "phase" | "error" | "online">;

/**
 * The line saying a screen shows the copy saved on this device, why, and when it was fetched:
 * once the latest could not be had. While the latest is still on its way (a moment) the line is
 * not drawn: drawn and taken away again, it would make the whole screen jump.
 */
export function SavedCopy({ copy }: { copy: Shown }) {
  if (copy.phase === "fresh" || copy.phase === "loading" || copy.value === null || copy.fetchedAt === null) return null;
  const when = fetchedWords(copy.fetchedAt);
  let text: string;
  if (copy.error !== null && !copy.error.isNetwork) text = t.copies.refused(copy.error.detail, when);
  else text = copy.online ? t.copies.unreachable(when) : t.copies.offline(when);
  return (
    <p class="saved-copy" role="status" data-testid="saved-copy">
      {text}
    </p>
  );
}
