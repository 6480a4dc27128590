import { copyFileSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";
import { VitePWA, type ManifestOptions } from "vite-plugin-pwa";

const THEME = "#0f5e63";

/**
 * The server answers unknown paths with 404.html, so an app URL such as /digests/12 opened
 * before the service worker is installed still starts the app, which routes by its path.
 */
const appOnUnknownPaths = (): Plugin => ({
  name: "waypoint-app-on-unknown-paths",
  apply: "build",
  closeBundle() {
    const dist = resolve(import.meta.dirname, "dist");
    copyFileSync(resolve(dist, "index.html"), resolve(dist, "404.html"));
  },
});

/** The install manifest in English; `manifestIn` writes it in the other languages. */
const manifest: Partial<ManifestOptions> & { description: string; screenshots: NonNullable<ManifestOptions["screenshots"]> } = {
  id: "/",
  name: "Waypoint",
  short_name: "Waypoint",
  description: "Goals, study time and free time, with pace nudges that work offline.",
  start_url: "/",
  scope: "/",
  display: "standalone",
  orientation: "any",
  theme_color: THEME,
  background_color: "#ffffff",
  lang: "en",
  categories: ["education", "productivity"],
  icons: [
    { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
    { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
    { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
  ],
  screenshots: [
    {
      src: "/screenshots/today-narrow.png",
      sizes: "720x1280",
      type: "image/png",
      form_factor: "narrow",
      label: "Today: focus timer and today's study and free time",
    },
    {
      src: "/screenshots/goals-wide.png",
      sizes: "1280x800",
      type: "image/png",
      form_factor: "wide",
      label: "Goals with progress",
    },
  ],
};

type Catalogue = Record<string, string>;
const catalogue = (language: string): Catalogue =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, "src/i18n/catalogues", `${language}.json`), "utf8")) as Catalogue;

/**
 * One manifest per language (`/manifest-kk.webmanifest`, `/manifest-ru.webmanifest`), its words
 * from the catalogues: the app switches its manifest link with the reader's language, so an
 * installed Waypoint describes itself in it.
 */
const manifestIn = (languages: string[]): Plugin => ({
  name: "waypoint-manifest-languages",
  apply: "build",
  generateBundle() {
    for (const language of languages) {
      const words = catalogue(language);
      const [today, goals] = manifest.screenshots;
      const translated = {
        ...manifest,
        lang: language,
        description: words["manifest.description"] ?? manifest.description,
        screenshots: [
          { ...today, label: words["manifest.todayShot"] ?? today!.label },
          { ...goals, label: words["manifest.goalsShot"] ?? goals!.label },
        ],
      };
      this.emitFile({ type: "asset", fileName: `manifest-${language}.webmanifest`, source: JSON.stringify(translated) });
    }
  },
});

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  resolve: {
    alias: { react: "preact/compat", "react-dom": "preact/compat" },
  },
  build: { target: "es2022", sourcemap: false, manifest: true },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
  plugins: [
    appOnUnknownPaths(),
    manifestIn(["kk", "ru"]),
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src",
      filename: "sw.ts",
      registerType: "prompt",
      injectRegister: false,
      injectManifest: {
        globPatterns: ["**/*.{js,css,html,png,svg,webmanifest}"],
        globIgnores: ["screenshots/**", "404.html"],
      },
      includeAssets: ["icons/apple-touch-icon.png"],
      manifest,
    }),
  ],
});
