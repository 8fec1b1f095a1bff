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
    // The compile-time tests (expectTypeOf, @ts-expect-error) run under `npm test` too: tsc checks
    // these files, and each of their tests fails on a type error inside it. test/type-errors.test.ts
    // checks that each @ts-expect-error fails for the parameter it names.
    typecheck: {
      enabled: true,
      tsconfig: "tsconfig.json",
      include: [
        "test/**/*.test-d.ts",
        "test/model-types.test.ts",
        "test/sdk-7-nulls.test.ts",
        "test/sdk-7-requests.test.ts",
        "test/streaming.test.ts",
      ],
    },
    hookTimeout: 30_000,
  },
});
