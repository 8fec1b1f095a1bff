/**
 * `npm run check:runtimes` proves each leg ran the runtime it names: the app prints what it runs on
 * (scripts/runtime-identity.ts) and the leg fails on another runtime or major version, as happens when
 * `npx -p node@24 node` falls back to the PATH's Node because npm install scripts are disabled.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleApp, RUNTIMES, runLeg } from "../scripts/check-runtimes.js";
import { detectRuntime, readIdentity, runtimeMismatch } from "../scripts/runtime-identity.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";

describe("runtimeMismatch", () => {
  it("refuses Node 20 for a leg that asked for node@24", () => {
    expect(runtimeMismatch("node@24", { name: "node", version: "20.20.2" })).toBe(
      "asked for node@24, but node 20.20.2 ran",
    );
  });

  it("accepts the runtime and major version asked for, whatever the minor", () => {
    expect(runtimeMismatch("node@24", { name: "node", version: "24.22.3" })).toBeUndefined();
    expect(runtimeMismatch("node@22", { name: "node", version: "v22.0.0" })).toBeUndefined();
    expect(runtimeMismatch("deno", { name: "deno", version: "2.9.6" })).toBeUndefined();
    expect(runtimeMismatch("bun@1", { name: "bun", version: "1.4.5" })).toBeUndefined();
  });

  it("refuses another runtime, another major, and an app that did not say", () => {
    expect(runtimeMismatch("deno", { name: "node", version: "20.20.2" })).toBe(
      "asked for deno, but node 20.20.2 ran",
    );
    expect(runtimeMismatch("bun", { name: "node", version: "24.0.0" })).toMatch(/but node 24\.0\.0 ran/);
    expect(runtimeMismatch("node@22", { name: "node", version: "2.2.0" })).toMatch(/but node 2\.2\.0 ran/);
    expect(runtimeMismatch("node@24", undefined)).toMatch(/printed no "runtime-identity" line/);
  });
});

describe("detectRuntime", () => {
  it("asks Deno and Bun before process.versions, which both also fill in", () => {
    const node = { versions: { node: "20.11.0" } };
    expect(detectRuntime({ Deno: { version: { deno: "2.9.6" } }, process: node })).toEqual({
      name: "deno",
      version: "2.9.6",
    });
    expect(detectRuntime({ Bun: { version: "1.4.5" }, process: node })).toEqual({
      name: "bun",
      version: "1.4.5",
    });
    expect(detectRuntime({ process: node })).toEqual({ name: "node", version: "20.11.0" });
    expect(detectRuntime()).toEqual({ name: "node", version: process.versions.node });
    expect(() => detectRuntime({})).toThrow(/unknown runtime/);
  });

  it("reads the identity line among the app's output", () => {
    expect(readIdentity('x\nruntime-identity {"name":"bun","version":"1.4.5"}\nok bun')).toEqual({
      name: "bun",
      version: "1.4.5",
    });
    expect(readIdentity("ok node@24: generate")).toBeUndefined();
  });
});

describe("a check:runtimes leg run by this Node in place of the runtime it names", () => {
  let server: ImagesServer;
  let dir: string;
  let app: string;
  const major = Number(process.versions.node.split(".")[0]);
  // A major this process is not: the stub runtime is this very Node.
  const other = major === 24 ? "node@22" : "node@24";

  beforeAll(async () => {
    server = await startImagesServer({ port: 0 });
    dir = await mkdtemp(join(tmpdir(), "openai-images-runtimes-test-"));
    app = await bundleApp(dir);
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(`fails when asked for ${other} but running Node ${major}, though the app itself passes`, async () => {
    const result = await runLeg({
      label: other,
      runtime: other,
      command: [process.execPath, [app, server.url, other]],
      cwd: dir,
    });
    expect(result.ok).toBe(false);
    expect(result.output).toBe(`FAIL ${other}: asked for ${other}, but node ${process.versions.node} ran`);
  });

  it(`passes when asked for node@${major} and running it`, async () => {
    const result = await runLeg({
      label: `node@${major}`,
      runtime: `node@${major}`,
      command: [process.execPath, [app, server.url, `node@${major}`]],
      cwd: dir,
    });
    expect(result).toEqual({
      ok: true,
      output: expect.stringContaining(`ok node@${major}: generate, stream`),
    });
  });

  it("asks npx for the Node binary package itself, which needs no install script", () => {
    const [cmd, args] = RUNTIMES["node@24"]?.("app.mjs", ["url"]) ?? ["", []];
    expect(cmd).toBe("npx");
    expect(args.slice(0, 3)).toEqual(["-y", "-p", `node-${process.platform}-${process.arch}@24`]);
  });
});
