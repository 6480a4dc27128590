// Tests read the app's words in English, as the app does once English is loaded.
import { setLanguage } from "../src/i18n/messages";

await setLanguage("en");
