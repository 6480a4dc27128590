/**
 * The catalogues are the source of every word: each key in each language, the same placeholders
 * everywhere, CLDR plural forms for each language, every key the app names present (and none
 * left over), and no words a person reads written in the code itself.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../src/i18n/language";

const ROOT = join(import.meta.dirname, "..", "src");
const catalogue = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(join(ROOT, "i18n", "catalogues", `${language}.json`), "utf8"));
const english = catalogue("en");
// The plural categories each language's numbers fall into (CLDR).
const CATEGORIES: Record<string, string[]> = {
  en: ["one", "other"],
  kk: ["one", "other"],
  ru: ["one", "few", "many", "other"],
};

/** Every argument a message names, with `plural` for plural ones. */
function argumentsOf(elements: MessageFormatElement[], found = new Map<string, string>()): Map<string, string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) {
      if (!found.has(e.value)) found.set(e.value, "value");
    } else if (e.type === TYPE.plural || e.type === TYPE.select) {
      found.set(e.value, e.type === TYPE.plural ? "plural" : "select");
      for (const option of Object.values(e.options)) argumentsOf(option.value, found);
    } else if (e.type === TYPE.tag) argumentsOf(e.children, found);
  }
  return found;
}

/** The plural branches of every plural argument in a message. */
function pluralBranches(elements: MessageFormatElement[], found: string[][] = []): string[][] {
  for (const e of elements) {
    if (e.type === TYPE.plural) found.push(Object.keys(e.options));
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      for (const option of Object.values(e.options)) pluralBranches(option.value, found);
    }
  }
  return found;
}

describe.each(LANGUAGES)("the %s catalogue", (language) => {
  const messages = catalogue(language);

  it("has every key, and no key the app does not have", () => {
    expect(Object.keys(messages).filter((k) => !(k in english))).toEqual([]);
    expect(Object.keys(english).filter((k) => !(k in messages))).toEqual([]);
  });

  it("has no empty message, and each one parses", () => {
    for (const [key, text] of Object.entries(messages)) {
      expect(text.trim(), key).not.toBe("");
      expect(() => parse(text), key).not.toThrow();
    }
  });

  it("puts in the same values as English", () => {
    for (const [key, text] of Object.entries(messages)) {
      if (!(key in english)) continue;
      const ours = [...argumentsOf(parse(text)).entries()].sort();
      const theirs = [...argumentsOf(parse(english[key]!)).entries()].sort();
      expect(ours, key).toEqual(theirs);
    }
  });

  it("gives every counted word the forms its numbers take", () => {
    // A plural whose English has a "one" form agrees a word with the number; one that has only
    // "other" (or exact "=0" cases) picks a sentence and needs no forms.
    for (const [key, text] of Object.entries(messages)) {
      const counted = pluralBranches(parse(english[key] ?? text)).map((b) => b.includes("one"));
      pluralBranches(parse(text)).forEach((branches, i) => {
        if (!counted[i]) return;
        const categories = branches.filter((b) => !b.startsWith("="));
        expect(categories.sort(), key).toEqual([...CATEGORIES[language]!].sort());
      });
    }
  });
});

/** The message keys the app names in `messages.ts`. */
function namedKeys(): Set<string> {
  const source = readFileSync(join(ROOT, "i18n", "messages.ts"), "utf8");
  return new Set([...source.matchAll(/\bm\("([^"]+)"/g)].map((match) => match[1]!));
}

it("names only keys the catalogues have, and every key is named", () => {
  const named = namedKeys();
  expect([...named].filter((k) => !(k in english))).toEqual([]);
  // The manifest's words are read by the build, not by the app.
  const unused = Object.keys(english).filter((k) => !named.has(k) && !k.startsWith("manifest."));
  expect(unused).toEqual([]);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".tsx") ? [path] : [];
  });
}

// Attributes a person reads or hears (a screen reader reads labels and titles).
const READ_ATTRIBUTES = new Set(["aria-label", "title", "placeholder", "alt", "label", "aria-description"]);
const WORDS = /\p{L}{2,}/u;

/** Words in a screen's code that do not come from the catalogues. */
function wordsInCode(path: string): string[] {
  const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value) && WORDS.test(value.text)) found.push(`${node.name.getText()}="${value.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found.map((words) => `${path.slice(ROOT.length + 1)}: ${words}`);
}

it("leaves no words a person reads in the screens' code", () => {
  expect(sources(ROOT).flatMap(wordsInCode)).toEqual([]);
});

/** Reads of the app's words (`t.…`) outside any function: made once, they would keep the
 * words of the language in use when the module loaded (before any catalogue had loaded). */
function wordsReadAtLoad(path: string): string[] {
  const kind = path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (node: ts.Node, inFunction: boolean) => {
    const inside = inFunction || ts.isFunctionLike(node);
    if (!inside && ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "t") {
      found.push(`${path.slice(ROOT.length + 1)}: ${node.parent.getText().slice(0, 60)}`);
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(file, false);
  return found;
}

function allSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "i18n" ? [] : allSources(path);
    return /\.tsx?$/.test(path) ? [path] : [];
  });
}

it("reads the app's words only while drawing, never when a module loads", () => {
  expect(allSources(ROOT).flatMap(wordsReadAtLoad)).toEqual([]);
});

it("keeps the language asked for last, whichever catalogue arrives first", async () => {
  // The namespace, not a copy of `t`: `t` is rebuilt when the language changes.
  const messages = await import("../src/i18n/messages");
  const { setLanguage } = messages;
  const { language } = await import("../src/i18n/language");
  await Promise.all([setLanguage("ru"), setLanguage("kk"), setLanguage("en")]);
  expect(language()).toBe("en");
  await Promise.all([setLanguage("en"), setLanguage("ru")]);
  expect(language()).toBe("ru");
  expect(messages.t.nav.today).toBe(catalogue("ru")["nav.today"]);
  await setLanguage("en");
});

it("counts in each language's words and writes its numbers", async () => {
  const messages = await import("../src/i18n/messages");
  await messages.setLanguage("ru");
  expect([1, 2, 5, 21].map((n) => messages.t.units.of(3, n, "problems"))).toEqual([
    "3 из 1 задачи",
    "3 из 2 задач",
    "3 из 5 задач",
    "3 из 21 задачи",
  ]);
  expect(messages.t.units.count(1.5, "pages")).toBe("1,5 страницы");
  await messages.setLanguage("kk");
  expect(messages.t.units.count(1.5, "pages")).toBe("1,5 бет");
  expect(messages.t.units.of(3, 21, "problems")).toBe("21 есеп ішінен 3");
  await messages.setLanguage("en");
  expect(messages.t.units.of(1, 1, "problems")).toBe("1 of 1 problem");
});
