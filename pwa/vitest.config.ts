import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["fake-indexeddb/auto", "test/setup.ts"],
    environment: "node",
  },
});
