import { t } from "../i18n/messages";
import { useInstallOffer } from "../state/install";

/** "Add to home screen", offered once there is something to come back to (a first goal). */
export function InstallOffer({ ready }: { ready: boolean }) {
  const offer = useInstallOffer();
  if (!ready || offer === null) return null;
  return (
    <section class="card install" aria-labelledby="install-title" data-testid="install-offer">
      <h2 id="install-title">{t.install.title}</h2>
      <p>{t.install.body}</p>
      <div class="row">
        <button type="button" class="primary" onClick={() => void offer.install()}>
          {t.install.install}
        </button>
        <button type="button" onClick={offer.dismiss}>
          {t.install.notNow}
        </button>
      </div>
    </section>
  );
}
