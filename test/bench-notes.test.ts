/**
 * A bench note states a cause only when its run measured it; otherwise it says what to run to find
 * out. The throughput and batch notes are built from the run's own figures.
 */
import { describe, expect, it } from "vitest";
import { flatMissNote } from "../bench/batch.js";
import { throughputWhy } from "../bench/measures/throughput.js";

const MiB = 1024 * 1024;

describe("throughput miss note", () => {
  it("says what was measured (CPU per call, overlapping per-process rates) and how to find the cause", () => {
    const note = throughputWhy([1016, 1157], [924, 1206], 1398, 1398);
    expect(note).toContain("no more CPU per call than the SDK (1.00×)");
    expect(note).toContain("ours 1016–1157, SDK 924–1206 req/s, which overlap");
    expect(note).toContain("This run does not measure where the time goes. To find out,");
    expect(note).toContain("node --cpu-prof");
    expect(note).not.toMatch(/scheduling|not our client's work/);
  });

  it("says so when the client used more CPU, or the rates do not overlap, without naming a cause", () => {
    const note = throughputWhy([700, 760], [900, 950], 2056, 1627);
    expect(note).toContain("more CPU per call than the SDK (1.26×)");
    expect(note).toContain("which do not overlap");
    expect(note).not.toMatch(/profile of our side shows|likely fix/);
  });
});

describe("batch peak RSS miss note", () => {
  it("gives this run's growth figures and the command that traces the collector, no unmeasured cause", () => {
    const note = flatMissNote({
      growth: 28.7 * MiB,
      poolGrowth: 28.6 * MiB,
      heapGrowth: 0.63 * MiB,
      plateauGrowth: 9.4 * MiB,
    });
    expect(note).toContain("grows by 28.7 MB from 200 to 2000 lines");
    expect(note).toContain("grows by 28.6 MB in the same run");
    expect(note).toContain("grows by 0.63 MB, so what it keeps alive does not account for the step");
    expect(note).toContain("`npm run bench:batch -- --trace-gc`");
    expect(note).not.toMatch(/Measured with|KB per line survive|V8 doubles/);
  });

  it("says the retained heap is part of the step when it grew", () => {
    const note = flatMissNote({
      growth: 40 * MiB,
      poolGrowth: 20 * MiB,
      heapGrowth: 5 * MiB,
      plateauGrowth: 0,
    });
    expect(note).toContain("so part of the step is memory the runner keeps alive");
  });
});
