import { copyFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";

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

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  resolve: {
    alias: { react: "preact/compat", "react-dom": "preact/compat" },
  },
  build: { target: "es2022", sourcemap: false, manifest: true },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
  plugins: [
    appOnUnknownPaths(),
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
      manifest: {
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
      },
    }),
  ],
});
