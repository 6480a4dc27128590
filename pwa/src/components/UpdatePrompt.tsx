import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n/messages";

/** Registers the service worker and offers a reload when a new version is waiting. */
export function UpdatePrompt() {
  const [apply, setApply] = useState<(() => void) | null>(null);

  useEffect(() => {
    if (!("serviceWorker" in navigator) || import.meta.env.DEV) return;
    void import("workbox-window").then(({ Workbox }) => {
      const wb = new Workbox("/sw.js", { scope: "/" });
      wb.addEventListener("waiting", () => {
        setApply(() => () => {
          wb.addEventListener("controlling", () => window.location.reload());
          wb.messageSkipWaiting();
        });
      });
      void wb.register();
    });
  }, []);

  if (apply === null) return null;
  return (
    <div class="update" role="alert">
      <p>{t.update.ready}</p>
      <button type="button" class="primary" onClick={apply}>
        {t.update.reload}
      </button>
      <button type="button" onClick={() => setApply(null)}>
        {t.update.later}
      </button>
    </div>
  );
}
