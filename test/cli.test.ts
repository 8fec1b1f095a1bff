import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import OpenAI from "openai";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { UsageError } from "../src/cli/args.js";
import { type CommandContext, variation } from "../src/cli/commands.js";
import { CLI_FLAGS } from "../src/cli/flags.js";
import {
  DEFAULT_MODELS,
  KNOWN_MODELS,
  MODEL_RULES,
  type ModelRules,
  OPERATIONS,
  PARAMETERS,
  type ParamName,
  retirementOf,
  SVG_EFFORTS,
  UNSTATED,
} from "../src/models/index.js";
import { createImagesClient } from "../src/node/index.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import { describe as describeImage, halfMask, solidPng } from "./server-helpers.js";
import {
  cleanEnv,
  type RunResult,
  runCli,
  spawnCli,
  spawnServe,
  startServe,
  stopSpawnedServe,
} from "./support/cli-run.js";
import { allowSpecViolations } from "./support/contract-setup.js";
import { markupPng } from "./support/sdk-scenarios.js";

function cli(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<RunResult> {
  return runCli(args, dir, env);
}

// The CLI runs in-process (runCli); only the smoke tests of the binary start Node subprocesses, and
// every run may start the embedded server: a busy CI machine needs more than the default 30 s.
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openai-images-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("openai-images --help", () => {
  it("lists the commands, and each command its options", async () => {
    const [top, gen, edit, variation, serve] = await Promise.all(
      [["--help"], ["generate", "--help"], ["edit", "--help"], ["variation", "-h"], ["serve", "--help"]].map(
        (a) => cli(a),
      ),
    );
    if (!top || !gen) throw new Error("no result");
    expect(top.code).toBe(0);
    for (const cmd of ["generate", "edit", "variation", "serve"])
      expect(top.stdout).toContain(`openai-images ${cmd}`);
    expect(gen.code).toBe(0);
    for (const opt of [
      "--model",
      "--size",
      "--quality",
      "--n",
      "--format",
      "--background",
      "--compression",
      "--out",
      "--stream",
      "--json",
    ]) {
      expect(gen.stdout).toContain(opt);
    }
    expect(edit?.stdout).toContain("--mask");
    expect(variation?.stdout).toContain("variation <image>");
    expect(serve?.stdout).toContain("--port");
  });
});

describe("--help is generated from the declarations", () => {
  /** The values listed on the help line of `--<flag>`, and whether it says some model's rule is open. */
  function listed(help: string, flag: string): { values: string[]; open: boolean } {
    const line = help.split("\n").find((l) => new RegExp(`--${flag} `).test(l));
    if (!line) throw new Error(`no --${flag} line in:\n${help}`);
    const text = line.slice(line.indexOf(": ") + 2);
    const open = text.endsWith(" (more where a model's rule is not documented)");
    return { values: text.replace(/ \(more where.*\)$/, "").split(", "), open };
  }

  /** Every value the model table allows for `param` on `op`, over all models: computed here, not by the CLI. */
  function fromTable(op: "generate" | "edit", param: string): { values: string[]; open: boolean } {
    const values = new Set<string>();
    let open = false;
    for (const model of KNOWN_MODELS) {
      const rule = (MODEL_RULES[model] as ModelRules)[op]?.[param as never] as unknown;
      if (rule === UNSTATED) open = true;
      else if (Array.isArray(rule)) for (const v of rule) values.add(String(v));
    }
    return { values: [...values], open };
  }

  it("lists each enum parameter's values as the model table has them", async () => {
    const [gen, edit] = await Promise.all([cli(["generate", "--help"]), cli(["edit", "--help"])]);
    const checked: string[] = [];
    for (const [op, help] of [
      ["generate", gen?.stdout ?? ""],
      ["edit", edit?.stdout ?? ""],
    ] as const) {
      for (const [param, info] of Object.entries(PARAMETERS)) {
        const flag = CLI_FLAGS[param as ParamName]?.[0];
        const expected = fromTable(op, param);
        if (info.kind !== "enum" || !flag || flag.type === "boolean" || expected.values.length === 0)
          continue;
        const shown = listed(help, flag.flag);
        expect(new Set(shown.values), `${op} --${flag.flag}`).toEqual(new Set(expected.values));
        expect(shown.values, `${op} --${flag.flag}: each value once`).toHaveLength(expected.values.length);
        expect(shown.open, `${op} --${flag.flag}: open rules noted`).toBe(expected.open);
        checked.push(`${op} --${flag.flag}`);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        "generate --quality",
        "generate --format",
        "edit --input-fidelity",
        "edit --complexity",
      ]),
    );
    // Checked above: the new values are there.
    expect(listed(gen?.stdout ?? "", "quality").values).toEqual(expect.arrayContaining(["xhigh", "max"]));
    expect(listed(gen?.stdout ?? "", "format").values).toEqual(expect.arrayContaining(["gif", "svg"]));
    // Nested and range flags: the declared SVG efforts, the table's frame range.
    expect(listed(edit?.stdout ?? "", "svg-effort").values).toEqual([...SVG_EFFORTS]);
    const frames = MODEL_RULES["gpt-image-2.5-flare"].generate.frame_count;
    expect(listed(gen?.stdout ?? "", "frames").values).toEqual([`${frames.min}–${frames.max}`]);
    for (const flag of [
      "safety-identifier",
      "complexity",
      "frames",
      "frame-duration",
      "svg-model",
      "svg-effort",
    ]) {
      expect(gen?.stdout).toContain(`--${flag} `);
    }
    expect(edit?.stdout).toContain("--markup <file>");
    expect(gen?.stdout).toContain(`default: ${DEFAULT_MODELS.generate}`);
  });

  it("serve --help names the retired models the table lists", async () => {
    const res = await cli(["serve", "--help"]);
    const retired = KNOWN_MODELS.filter((m) => retirementOf(m) !== undefined);
    expect(res.stdout.replace(/\s+/g, " ")).toContain(
      `--serve-retired serve the retired models (${retired.join(", ")})`,
    );
  });
});

describe("generate", () => {
  it("npm start: with no key and no base URL, the embedded server writes a real PNG with the default model", async () => {
    // The `start` script as package.json has it: `tsx src/cli/main.ts <arguments>`, run in a fresh folder.
    const pkg = JSON.parse(await readFile(join(import.meta.dirname, "../package.json"), "utf8")) as {
      scripts: { start: string };
    };
    const [runner, entry, ...args] = [...pkg.scripts.start.matchAll(/"([^"]*)"|(\S+)/g)].map(
      (m) => m[1] ?? m[2] ?? "",
    );
    expect([runner, entry]).toEqual(["tsx", "src/cli/main.ts"]);
    const cwd = join(dir, "default");
    await mkdir(cwd, { recursive: true });
    // The binary itself, as a child process: one of the few tests that spawn it.
    const res = await spawnCli(args, cwd);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/embedded local Images server/);
    expect(res.stderr).toContain(`Generating with ${DEFAULT_MODELS.generate}`);
    const out = join(cwd, res.stdout.trim());
    expect(out).toBe(join(cwd, "out/otter.png"));
    expect(await describeImage(await readFile(out))).toEqual({
      format: "png",
      width: 1024,
      height: 1024,
      hasAlpha: false,
    });
  });

  it("--json prints the response metadata and numbered paths for --n", async () => {
    const res = await cli([
      "generate",
      "two otters",
      "--model",
      "gpt-image-1",
      "--n",
      "2",
      "--quality",
      "low",
      "--format",
      "webp",
      "--compression",
      "60",
      "--background",
      "opaque",
      "--out",
      join(dir, "json/"),
      "--json",
    ]);
    expect(res.code).toBe(0);
    const meta = JSON.parse(res.stdout) as {
      files: string[];
      size: string;
      usage: { output_tokens: number };
      data: Array<{ file?: string }>;
    };
    expect(meta.files).toEqual([join(dir, "json/two-otters-1.webp"), join(dir, "json/two-otters-2.webp")]);
    // Each image's entry says where it was written (not `{}` once its base64 is left out).
    expect(meta.data.map((d) => d.file)).toEqual(meta.files);
    expect(meta).toMatchObject({
      size: "1024x1024",
      output_format: "webp",
      quality: "low",
      usage: { output_tokens: 544 },
    });
    expect(JSON.stringify(meta.data)).not.toContain("b64_json");
    for (const f of meta.files)
      expect(await describeImage(await readFile(f))).toMatchObject({ format: "webp", width: 1024 });
  });

  it("--stream saves each partial image beside the output and reports progress", async () => {
    const out = join(dir, "stream/fox.png");
    const res = await cli([
      "generate",
      "a red fox",
      "--model",
      "gpt-image-1",
      "--quality",
      "low",
      "--stream",
      "--partials",
      "2",
      "--out",
      out,
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(out);
    // Labels and file names count from 1 alike.
    expect(res.stderr).toMatch(/partial image 1 .*fox\.partial-1\.png/);
    expect(res.stderr).toMatch(/partial image 2 .*fox\.partial-2\.png/);
    expect((await readdir(join(dir, "stream"))).sort()).toEqual([
      "fox.partial-1.png",
      "fox.partial-2.png",
      "fox.png",
    ]);
  });

  it("--format gif writes an animated .gif with the asked frames and delay", async () => {
    const res = await cli([
      "generate",
      "a spinning top",
      "--format",
      "gif",
      "--frames",
      "4",
      "--frame-duration",
      "125",
      "--out",
      join(dir, "gif/"),
    ]);
    expect(res.stderr).toContain(`Generating with ${DEFAULT_MODELS.generate}`);
    expect(res.code).toBe(0);
    const path = res.stdout.trim();
    expect(path).toBe(join(dir, "gif/a-spinning-top.gif"));
    const meta = await sharp(await readFile(path), { animated: true }).metadata();
    expect({ format: meta.format, pages: meta.pages, delay: meta.delay }).toEqual({
      format: "gif",
      pages: 4,
      delay: [130, 130, 130, 130],
    });
  });

  it("--format svg writes an .svg document with the prompt and the asked size", async () => {
    const prompt = 'an <otter> & "friends"';
    const res = await cli([
      "generate",
      prompt,
      "--format",
      "svg",
      "--size",
      "1536x864",
      "--svg-model",
      "svg-author-1",
      "--svg-effort",
      "low",
      "--safety-identifier",
      "user-7f3a",
      "--out",
      join(dir, "svg/"),
      "--json",
    ]);
    expect(res.code).toBe(0);
    const meta = JSON.parse(res.stdout) as {
      files: string[];
      svg_usage: { model: string };
      safety_identifier: string;
    };
    expect(meta.files).toEqual([join(dir, "svg/an-otter-friends.svg")]);
    expect(meta.svg_usage.model).toBe("svg-author-1");
    expect(meta.safety_identifier).toBe("user-7f3a");
    const text = await readFile(meta.files[0] ?? "", "utf8");
    expect(XMLValidator.validate(text)).toBe(true);
    const root = (
      new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(text) as {
        svg: Record<string, unknown>;
      }
    ).svg;
    expect(root["@_viewBox"]).toBe("0 0 1536 864");
    expect(root.title).toBe(prompt);
  });

  it("exits 2 naming the parameter for invalid values", async () => {
    const [bad, unknown, none, ruled] = await Promise.all([
      cli(["generate", "x", "--n", "two"]),
      cli(["generate", "x", "--colour", "red"]),
      cli(["generate"]),
      // Refused by the model rules before anything is sent.
      cli(["generate", "x", "--model", "dall-e-3", "--n", "2"]),
    ]);
    expect(ruled?.code).toBe(2);
    expect(ruled?.stderr).toMatch(/invalid parameter n: .*dall-e-3/);
    expect(bad?.code).toBe(2);
    expect(bad?.stderr).toMatch(/--n must be an integer.*parameter n/);
    expect(unknown?.code).toBe(2);
    expect(none?.code).toBe(2);
    expect(none?.stderr).toMatch(/parameter prompt/);
  });

  it("a refusal with several problems prints each of them, not a count", async () => {
    const res = await cli(["generate", "x", "--model", "dall-e-3", "--n", "2", "--size", "256x256"]);
    expect(res.code).toBe(2);
    const errors = res.stderr.split("\n").filter((l) => l.startsWith("error: "));
    expect(errors).toEqual([
      expect.stringMatching(/^error: invalid parameter n: .*dall-e-3/),
      expect.stringMatching(/^error: invalid parameter size: .*256x256/),
    ]);
    expect(res.stderr).not.toMatch(/more problem/);
  });
});

describe("the binary", () => {
  it("exits with the code runCli returns, and prints its errors on stderr", async () => {
    const res = await spawnCli(["generate", "x", "--n", "two"], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--n must be an integer.*parameter n/);
    expect(res.stdout).toBe("");
  });
});

describe("edit and variation", () => {
  it("edit sends several images and a mask, and writes the result", async () => {
    const a = join(dir, "a.png");
    const b = join(dir, "b.png");
    const mask = join(dir, "mask.png");
    await writeFile(a, await solidPng(256, 256, { r: 200, g: 0, b: 0 }));
    await writeFile(b, await solidPng(128, 128, { r: 0, g: 0, b: 200 }));
    await writeFile(mask, await halfMask(256, 256));
    const out = join(dir, "edit/result.jpg");
    const res = await cli([
      "edit",
      a,
      b,
      "--mask",
      mask,
      "add a hat",
      "--model",
      "gpt-image-1",
      "--quality",
      "low",
      "--format",
      "jpeg",
      "--out",
      out,
    ]);
    expect(res.stderr).toContain("Editing with gpt-image-1");
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(out);
    expect(await describeImage(await readFile(out))).toMatchObject({
      format: "jpeg",
      width: 1024,
      height: 1024,
    });
  });

  it("edit --markup overlays the markup; one the rules refuse on its pixels is answered naming it", async () => {
    const room = join(dir, "room.png");
    const markup = join(dir, "markup.png");
    const opaque = join(dir, "opaque-markup.png");
    await writeFile(room, await solidPng(128, 128, { r: 128, g: 128, b: 128 }));
    await writeFile(markup, await markupPng(128, 128));
    await writeFile(opaque, await markupPng(128, 128, true));
    const out = join(dir, "markup/room.png");
    const [ok, refused] = await Promise.all([
      cli(["edit", room, "--markup", markup, "a window where it is marked", "--out", out]),
      cli(["edit", room, "--markup", opaque, "a window where it is marked"]),
    ]);
    expect(ok?.code).toBe(0);
    expect(await describeImage(await readFile(out))).toMatchObject({ format: "png", width: 1024 });
    // The client reads headers only; the embedded server decodes the pixels and refuses it.
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/no transparent pixels.*\(parameter markup/);
  });

  it("edit exits 2 when an image cannot be read", async () => {
    const res = await cli(["edit", join(dir, "missing.png"), "add a hat"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/cannot read .*missing\.png.*parameter image/);
  });

  it("variation writes n variations at the requested size", async () => {
    const input = join(dir, "in.png");
    await writeFile(input, await solidPng(256, 256, { r: 250, g: 200, b: 0 }));
    const res = await cli(["variation", input, "--n", "2", "--size", "256x256", "--out", join(dir, "var/")]);
    expect(res.code).toBe(0);
    const paths = res.stdout.trim().split("\n");
    expect(paths).toHaveLength(2);
    for (const p of paths)
      expect(await describeImage(await readFile(p))).toMatchObject({
        format: "png",
        width: 256,
        height: 256,
      });
  });
});

describe("talking to a given API", () => {
  let server: ImagesServer;
  beforeAll(async () => {
    server = await startImagesServer({ apiKey: "sk-cli-secret", retired: "serve" });
  });
  afterAll(() => server.close());

  it("uses OPENAI_API_KEY and --base-url instead of the embedded server", async () => {
    const out = join(dir, "remote/otter.png");
    const res = await cli(
      ["generate", "otter", "--size", "256x256", "--base-url", server.url, "--out", out],
      cleanEnv({ OPENAI_API_KEY: "sk-cli-secret" }),
    );
    expect(res.code).toBe(0);
    expect(res.stderr).not.toMatch(/embedded/);
    // The other tests of this block share the server and run concurrently: look for this one's request.
    expect(server.requests.filter((r) => r.status === 200).map((r) => r.path)).toContain(
      "/v1/images/generations",
    );
    expect(await describeImage(await readFile(out))).toMatchObject({ width: 256 });
  });

  it("in-process, reads the key and base URL from the run's env, not the process's", async () => {
    expect(process.env.OPENAI_BASE_URL).toBeUndefined();
    const out = join(dir, "env/otter.png");
    const res = await cli(["generate", "otter", "--size", "256x256", "--out", out], {
      ...cleanEnv({ OPENAI_API_KEY: "sk-cli-secret" }),
      OPENAI_BASE_URL: server.url,
    });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).not.toMatch(/embedded/);
    expect(res.stdout.trim()).toBe(out);
    expect(process.exitCode).toBeUndefined();
  });

  it("exits 1 on an API error without printing the key", async () => {
    const res = await cli(
      ["generate", "otter", "--size", "256x256", "--base-url", server.url],
      cleanEnv({ OPENAI_API_KEY: "sk-wrong-key" }),
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/401/);
    expect(res.stderr + res.stdout).not.toContain("sk-wrong-key");
  });

  it("exits 1 on a network error", async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    const res = await cli(["generate", "otter", "--base-url", `http://127.0.0.1:${port}/v1`]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/connection failed/);
  });

  it("exits 1 when the API keeps failing (after the client's retries)", async () => {
    const failing = await startImagesServer({ faults: "503; retry-after-ms=1" });
    try {
      // With a key: without one the local server answers 401 (not retried) before any fault.
      const res = await cli(
        ["generate", "otter", "--base-url", failing.url],
        cleanEnv({ OPENAI_API_KEY: "sk-cli-test" }),
      );
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/503/);
      expect(failing.requests.length).toBe(3);
    } finally {
      await failing.close();
    }
  });
});

describe("variation on OpenAI's API", () => {
  it("says the endpoint is retired and how to do the same with edit, before anything is sent", async () => {
    const input = join(dir, "retired-in.png");
    await writeFile(input, await solidPng(64, 64, { r: 1, g: 2, b: 3 }));
    const sent: string[] = [];
    // OpenAI's base URL (the default) decides the lifecycle rules; the transport proves nothing leaves.
    const client = createImagesClient({
      apiKey: "sk-not-used",
      maxRetries: 0,
      fetch: async (request) => {
        sent.push(request.url);
        throw new Error("no request may be sent");
      },
    });
    const lines: string[] = [];
    const ctx: CommandContext = {
      client,
      values: {},
      progress: (l) => lines.push(l),
      print: (l) => lines.push(l),
    };
    const err = await variation(ctx, [input]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).param).toBe("endpoint");
    const message = (err as Error).message;
    expect(message).toContain(`retired on OpenAI's API (${OPERATIONS.variation.retired.source})`);
    expect(message).toContain(
      `openai-images edit ${input} "a variation of this image" --model ${DEFAULT_MODELS.edit}`,
    );
    expect(message).toContain("--base-url");
    expect(sent).toEqual([]);
  });
});

describe("serve", () => {
  const serve = (...args: string[]) => startServe(["--port", "0", ...args]);

  it("prints its /v1 URL, answers clients, and stops on SIGTERM", async () => {
    // The binary itself, as a child process: a real SIGTERM ends it with exit code 0.
    const { child, url } = await spawnServe(["--port", "0"]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const sdk = new OpenAI({ apiKey: "any", baseURL: url, maxRetries: 0 });
    const res = await sdk.images.generate({ model: "gpt-image-1.5", prompt: "otter" });
    expect(res.data).toHaveLength(1);
    // No --cors: a browser's preflight is refused like any other method but POST.
    allowSpecViolations("an OPTIONS preflight is not an Images API operation");
    const preflight = await fetch(`${url}/images/generations`, {
      method: "OPTIONS",
      headers: { origin: "http://page.test", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(await stopSpawnedServe(child)).toBe(0);
  });

  it("in-process: stops on Ctrl-C as on SIGTERM", async () => {
    const running = await serve();
    const sdk = new OpenAI({ apiKey: "any", baseURL: running.url, maxRetries: 0 });
    const res = await sdk.images.generate({ model: "gpt-image-1.5", prompt: "otter", quality: "low" });
    expect(res.data).toHaveLength(1);
    expect(await running.stop("SIGINT")).toBe(0);
    // Closed: nothing answers at its address any more.
    await expect(fetch(running.url)).rejects.toThrow();
  });

  it("answers retired models as OpenAI does today unless --serve-retired", async () => {
    const { url, stop } = await serve();
    try {
      const sdk = new OpenAI({ apiKey: "any", baseURL: url, maxRetries: 0 });
      const err = (await sdk.images
        .generate({ model: "dall-e-3", prompt: "otter" })
        .catch((e: unknown) => e)) as {
        status: number;
        param: string;
        message: string;
      };
      expect(err).toMatchObject({ status: 400, param: "model" });
      expect(err.message).toContain("The model 'dall-e-3' does not exist.");
      expect(
        (await sdk.images.generate({ model: "gpt-image-2.5-flare", prompt: "otter" })).data,
      ).toHaveLength(1);
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it("--cors answers preflights from any origin", async () => {
    allowSpecViolations("an OPTIONS preflight is browser plumbing, not an Images API operation");
    const { url, stop } = await serve("--cors");
    try {
      const preflight = await fetch(`${url}/images/generations`, {
        method: "OPTIONS",
        headers: {
          origin: "http://page.test",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
      expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    } finally {
      expect(await stop()).toBe(0);
    }
  });
});
