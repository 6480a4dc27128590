import { render } from "preact";
import { App } from "./app";
import { deviceLanguage } from "./i18n/language";
import { setLanguage } from "./i18n/messages";
import { keepInstallPrompt } from "./state/install";
import "./styles.css";

keepInstallPrompt();

// The first screen is drawn in the reader's language, never in English first and then again.
void setLanguage(deviceLanguage()).finally(() => render(<App />, document.getElementById("app")!));
