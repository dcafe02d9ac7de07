/**
 * `npm run bench -- <name> [options]`: runs one benchmark by name. Each benchmark prints a human
 * table, and this runner prints, LAST, exactly one JSON line with its named figures. An unknown or
 * missing name lists the available benchmarks and exits 2. Child processes a benchmark started
 * are stopped on success, failure and Ctrl-C. See docs/benchmarks.md.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { checkKnown, numberOption, parseArgs, stringOption, UsageError, type BenchArgs } from "./lib/cli.js";
import { runCleanups } from "./lib/procs.js";
import { printJsonLine, type Figures } from "./lib/report.js";

interface Bench {
  description: string;
  usage: string;
  run(options: BenchArgs): Promise<Figures>;
}

const HERE = import.meta.dirname;

const benches: Record<string, Bench> = {
  chess: {
    description: "chess room: move→opponent latency at 1,000 concurrent games, and moves/s vs a bare chess.js loop",
    usage: "[--quick] [--games 1000] [--seconds 30] [--warmup 10] [--capacity-games 200] [--capacity-seconds 20] [--bot-procs 1] [--capacity-bot-procs 1] [--only latency|capacity] [--think-ms 500-1500] [--seed 1] [--peer-slices 4] [--profile-server DIR]",
    run: async (options) => (await import("./chess.js")).runChessBench(options),
  },
};

// Benchmarks owned by other parts of the project: offered when their file is present.
const optional: Array<{ name: string; file: string; description: string; usage: string; run(mod: any, options: BenchArgs): Promise<Figures> }> = [
  {
    name: "pit",
    file: "pit-engine.ts",
    description: "pit: (a) matching engine vs nodejs-order-book on the same command streams; (b) acknowledged orders/s through the room with the SQLite journal",
    usage: "[--quick] [--only engine|room] [--traders 160] [--bot-procs 2] [--inflight 8] [--seconds 20] [--warmup 5] [--decode-state] [--profile-server DIR]",
    run: async (mod, options) => {
      checkKnown(options, ["quick", "only", "traders", "bot-procs", "inflight", "seconds", "warmup", "decode-state", "profile-server"]);
      const quick = options.has("quick");
      const only = stringOption(options, "only");
      if (only !== undefined && only !== "engine" && only !== "room") throw new UsageError(`--only expects engine or room (got ${JSON.stringify(only)})`);
      const figures: Figures = { bench: "pit" };
      if (only !== "room") Object.assign(figures, await mod.runPitEngineBench({ quick }));
      if (only !== "engine") {
        const room = await import(pathToFileURL(path.join(HERE, "pit-room.ts")).href);
        Object.assign(figures, await room.runPitRoomBench({
          quick,
          traders: options.has("traders") ? numberOption(options, "traders", 160, { min: 1, integer: true }) : undefined,
          botProcs: options.has("bot-procs") ? numberOption(options, "bot-procs", 2, { min: 1, integer: true }) : undefined,
          inflight: options.has("inflight") ? numberOption(options, "inflight", 8, { min: 1, integer: true }) : undefined,
          seconds: options.has("seconds") ? numberOption(options, "seconds", 20, { min: 1 }) : undefined,
          warmup: options.has("warmup") ? numberOption(options, "warmup", 5, { min: 0 }) : undefined,
          decodeState: options.has("decode-state"),
          profileDir: stringOption(options, "profile-server"),
        }));
      }
      return figures;
    },
  },
  {
    name: "store",
    file: "store.ts",
    description: "store HTTP API: cached reads vs an express hello-world, checkout p99, two-process efficiency",
    usage: "[--quick] [--seconds 10] [--connections 50] [--checkout-rate 200] [--checkout-seconds 15] [--profile-server DIR] [--profile-window read|checkout]",
    run: (mod, options) => mod.runStoreBench(options),
  },
  {
    name: "shooter",
    file: "shooter.ts",
    description: "shooter: 16-player bot matches at 64 Hz — tick CPU p50/p99, matches per core, tick drift vs an empty timer, bytes per client",
    usage: "[--quick] [--matches 8] [--seconds 15] [--warmup 4] [--bot-procs 2]",
    run: (mod, options) => mod.runShooterBench(options),
  },
  {
    name: "plaza",
    file: "plaza.ts",
    description: "plaza relay: N avatars at 10 Hz (bots in a separate process), area-of-interest vs naive broadcast: p50/p99 relay latency, bytes total / per client, ratio",
    usage: "[--quick] [--avatars 1000] [--compare-avatars 200] [--seconds 15] [--warmup 5] [--broadcast-seconds 5] [--hz 10] [--flush-ms 25] [--seed 1] [--profile-server DIR]",
    run: (mod, options) => mod.runPlazaBench(options),
  },
];
for (const o of optional) {
  const file = path.join(HERE, o.file);
  if (!fs.existsSync(file)) continue;
  benches[o.name] = {
    description: o.description,
    usage: o.usage,
    run: async (options) => o.run(await import(pathToFileURL(file).href), options),
  };
}

function listBenches(): string {
  return Object.entries(benches)
    .map(([name, b]) => `  ${name.padEnd(8)} ${b.description}\n  ${"".padEnd(8)} npm run bench -- ${name} ${b.usage}`)
    .join("\n");
}

async function main(): Promise<number> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  const name = positional[0];
  const bench = name !== undefined ? benches[name] : undefined;
  if (!bench) {
    process.stderr.write(`${name === undefined ? "name a benchmark" : `unknown benchmark "${name}"`}; available:\n${listBenches()}\n`);
    return 2;
  }
  if (positional.length > 1) {
    process.stderr.write(`unexpected argument(s) ${positional.slice(1).join(" ")}\nusage: npm run bench -- ${name} ${bench.usage}\n`);
    return 2;
  }
  try {
    const figures = await bench.run(options);
    await runCleanups();
    printJsonLine(figures);
    return 0;
  } catch (e) {
    await runCleanups();
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\nusage: npm run bench -- ${name} ${bench.usage}\n`);
      return 2;
    }
    process.stderr.write(`bench ${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 1;
  }
}

process.exitCode = await main();
// Never linger on a stray handle (sockets, timers of a failed phase): the figures are printed.
process.exit(process.exitCode);
