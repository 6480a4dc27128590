/**
 * Installing the app: the browser's install prompt is kept when the browser offers it, so the
 * app can offer it at a sensible moment (once the student has a goal) instead of at first load.
 */
import { useEffect, useState } from "preact/hooks";

interface InstallPrompt extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

const DISMISSED_KEY = "waypoint.install-dismissed";
let kept: InstallPrompt | null = null;
const listeners = new Set<() => void>();

function changed() {
  for (const listener of listeners) listener();
}

/** Start listening for the browser's offer; call once, before the app renders. */
export function keepInstallPrompt(): void {
  window.addEventListener("beforeinstallprompt", (event) => {
    // Without this the browser may show its own banner at first load, before it means anything.
    event.preventDefault();
    kept = event as InstallPrompt;
    changed();
  });
  window.addEventListener("appinstalled", () => {
    kept = null;
    changed();
  });
}

/** The offer, when the browser made one and the person has not said "not now". */
export function useInstallOffer(): { install: () => Promise<void>; dismiss: () => void } | null {
  const [, setRound] = useState(0);
  useEffect(() => {
    const listener = () => setRound((r) => r + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  if (kept === null || localStorage.getItem(DISMISSED_KEY) !== null) return null;
  const offer = kept;
  return {
    install: async () => {
      await offer.prompt();
      await offer.userChoice;
      kept = null;
      changed();
    },
    dismiss: () => {
      localStorage.setItem(DISMISSED_KEY, String(Date.now()));
      changed();
    },
  };
}
