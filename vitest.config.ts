import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The real-browser tests need Chromium: `npm run test:browser` runs them (CI does).
    exclude: ["test/browser/**", "**/node_modules/**"],
    // Checks every Images API exchange of every test against the spec (see the file).
    setupFiles: ["test/support/contract-setup.ts"],
    // Tests start real loopback servers and child processes; give slow CI machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
