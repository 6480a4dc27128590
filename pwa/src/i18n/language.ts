/**
 * The reader's language: which catalogue the app's words come from, how dates and numbers are
 * written, and `<html lang>`. Catalogues are ICU MessageFormat (`catalogues/{language}.json`),
 * formatted by intl-messageformat with CLDR plural rules. Each loads when chosen (the service
 * worker keeps all three offline), so the first screen's script carries none of them; the
 * catalogue check keeps every key in every language.
 */
import { IntlMessageFormat } from "intl-messageformat";

export const LANGUAGES = ["kk", "ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language's name in itself, as a picker shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { kk: "Қазақша", ru: "Русский", en: "English" };
/** The locale each language's plural rules follow (CLDR). */
const LOCALES: Record<Language, string> = { kk: "kk-KZ", ru: "ru-RU", en: "en-GB" };
/**
 * The locale numbers and times are written in. Chromium knows the name "kk" but ships no Kazakh
 * number data (it would write "0.2"); Russian's are written as Kazakh ones are ("0,2",
 * "1 000", "14:05").
 */
const NUMBER_LOCALES: Record<Language, string> = { kk: "ru-RU", ru: "ru-RU", en: "en-GB" };
const FORMATTERS = {
  getNumberFormat: (_: unknown, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(NUMBER_LOCALES[current], options),
  getDateTimeFormat: (_: unknown, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(NUMBER_LOCALES[current], options),
  getPluralRules: (_: unknown, options?: Intl.PluralRulesOptions) => new Intl.PluralRules(LOCALES[current], options),
};

const CHOSEN = "language";

type Catalogue = Record<string, string>;
type Values = Record<string, string | number>;

const loaders: Record<Language, () => Promise<Catalogue>> = {
  en: () => import("./catalogues/en.json").then((m) => m.default as Catalogue),
  kk: () => import("./catalogues/kk.json").then((m) => m.default as Catalogue),
  ru: () => import("./catalogues/ru.json").then((m) => m.default as Catalogue),
};

let current: Language = "en";
let catalogue: Catalogue = {};
// Lengthened words, to see that layouts hold words longer than English ones: set by the
// browser tests ("pseudo-language" in this device's storage), never offered to a person.
let pseudo = false;
const compiled = new Map<string, IntlMessageFormat>();

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The language in use now. */
export function language(): Language {
  return current;
}

/** The Intl locale numbers and times are written in, in the language in use. */
export function locale(): string {
  return NUMBER_LOCALES[current];
}

/** A person's language before they sign in: the one chosen on this device, else the browser's. */
export function deviceLanguage(): Language {
  const chosen = localStorage.getItem(CHOSEN);
  if (isLanguage(chosen)) return chosen;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return "en";
}

let latest: Language | null = null;

/** Switch to `next` (resolves false when a later choice came first: the last one asked wins,
 * whichever catalogue arrives first). */
export async function loadLanguage(next: Language): Promise<boolean> {
  latest = next;
  const loaded = await loaders[next]();
  if (latest !== next) return false;
  current = next;
  catalogue = loaded;
  compiled.clear();
  if (typeof document === "undefined") return true;
  localStorage.setItem(CHOSEN, next);
  pseudo = localStorage.getItem("pseudo-language") === "1";
  document.documentElement.lang = next;
  // An app installed now names and describes itself in this language.
  const manifest = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (manifest !== null) manifest.href = next === "en" ? "/manifest.webmanifest" : `/manifest-${next}.webmanifest`;
  return true;
}

/** The message `key` in the language in use, with `values` put in. */
export function m(key: string, values?: Values): string {
  const source = catalogue[key] ?? key;
  // Most messages are plain words: only those with ICU syntax are parsed, once.
  const text = /[{'#]/.test(source) ? format(key, source, values) : source;
  return pseudo ? lengthened(text) : text;
}

function format(key: string, source: string, values?: Values): string {
  let message = compiled.get(key);
  if (message === undefined) {
    message = new IntlMessageFormat(source, LOCALES[current], undefined, { formatters: FORMATTERS });
    compiled.set(key, message);
  }
  return String(message.format(values));
}

/** `text` made 40% longer, as Kazakh and Russian words often are: each word grows (so lines
 * still break between words), its letters still readable. */
export function lengthened(text: string): string {
  // A word already lengthened (a date put into a sentence) is not lengthened again.
  return text.replace(/\p{L}+/gu, (word) => (word.endsWith("ё") ? word : word + "ё".repeat(Math.ceil(word.length * 0.4))));
}
