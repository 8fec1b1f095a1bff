/**
 * The changelog ships with the package and keeps its promise: Keep a Changelog's shape, the newest
 * release is the version in package.json, and every change marked Breaking says how to migrate.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  version: string;
  files: string[];
};
const releases = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/gm)].map((m) => ({
  version: m[1],
  date: m[2],
}));

describe("CHANGELOG.md", () => {
  it("is shipped in the package", () => {
    expect(pkg.files).toContain("CHANGELOG.md");
  });

  it("has an Unreleased section, then releases newest first, the newest being package.json's version", () => {
    expect(changelog.indexOf("## [Unreleased]")).toBeGreaterThan(0);
    expect(changelog.indexOf("## [Unreleased]")).toBeLessThan(changelog.indexOf(`## [${pkg.version}]`));
    expect(releases[0]?.version).toBe(pkg.version);
    const dates = releases.map((r) => r.date ?? "");
    expect(dates).toEqual([...dates].sort().reverse());
    expect(releases.map((r) => r.version)).toContain("0.1.0");
  });

  it("says how to migrate from every breaking change", () => {
    const entries = changelog.split(/^- /m).filter((entry) => entry.startsWith("**Breaking"));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const entry of entries) expect(entry, entry.split("\n")[0]).toMatch(/\*Migrate:\*/);
  });
});
