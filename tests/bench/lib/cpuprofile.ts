/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`, e.g. from `npm run bench -- chess --profile-server DIR`):
 * top functions by self time, and top files. Usage:
 *   npx tsx tests/bench/lib/cpuprofile.ts <file.cpuprofile | dir> [--top 40] [--during probe.json]
 * With a directory, the largest profile in it is read. `--during` keeps only the samples taken
 * during the event-loop stalls listed by serverProbe.mjs for the same window (the profile and the
 * probe's window start together, within a millisecond).
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  pct: number;
}

export function summarizeProfile(profile: Profile, top = 40, during?: { atMs: number; gapMs: number }[]): { totalMs: number; functions: SelfTime[]; files: SelfTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let t = 0; // µs since the profile started
  const inside = (us: number) => !during || during.some((s) => us >= s.atMs * 1000 && us <= (s.atMs + s.gapMs) * 1000);
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    if (inside(t)) selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, SelfTime>();
  const files = new Map<string, SelfTime>();
  const short = (url: string) => url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "~/").replace(process.cwd() + "/", "");
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const name = n.callFrame.functionName || "(anonymous)";
    const where = n.callFrame.url ? `${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : "";
    const key = `${name}@${where}`;
    const e = fn.get(key) ?? { name, where, ms: 0, pct: 0 };
    e.ms += us / 1000;
    fn.set(key, e);
    const file = n.callFrame.url ? short(n.callFrame.url).replace(/^(~\/(@[^/]+\/)?[^/]+).*$/, "$1") : `(${name})`;
    const f = files.get(file) ?? { name: file, where: "", ms: 0, pct: 0 };
    f.ms += us / 1000;
    files.set(file, f);
  }
  const finish = (m: Map<string, SelfTime>) =>
    [...m.values()].map((e) => ({ ...e, pct: (e.ms * 1000 * 100) / totalUs })).sort((a, b) => b.ms - a.ms).slice(0, top);
  return { totalMs: totalUs / 1000, functions: finish(fn), files: finish(files) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let target = process.argv[2];
  const topArg = process.argv.indexOf("--top");
  const top = topArg > 0 ? Number(process.argv[topArg + 1]) : 40;
  if (!target) {
    console.error("usage: npx tsx tests/bench/lib/cpuprofile.ts <file.cpuprofile | dir> [--top 40]");
    process.exit(2);
  }
  if (fs.statSync(target).isDirectory()) {
    const files = fs.readdirSync(target).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(target!, f));
    files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
    if (!files[0]) throw new Error(`no .cpuprofile in ${target}`);
    target = files[0];
  }
  const duringArg = process.argv.indexOf("--during");
  const stalls = duringArg > 0 ? (JSON.parse(fs.readFileSync(process.argv[duringArg + 1]!, "utf8")) as { stalls: { list: { atMs: number; gapMs: number }[] } }).stalls.list : undefined;
  const s = summarizeProfile(JSON.parse(fs.readFileSync(target, "utf8")) as Profile, top, stalls);
  console.log(`${target}: ${(s.totalMs / 1000).toFixed(1)} s sampled${stalls ? ` during ${stalls.length} event-loop stalls` : ""}`);
  console.log("\nself time by function:");
  for (const f of s.functions) console.log(`${f.pct.toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}  ${f.where}`);
  console.log("\nself time by file / package:");
  for (const f of s.files.slice(0, 20)) console.log(`${f.pct.toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}`);
}
