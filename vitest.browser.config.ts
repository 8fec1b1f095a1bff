import { defineConfig } from "vitest/config";

/** `npm run test:browser`: the real-browser tests, which need Chromium (CI installs it). */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
