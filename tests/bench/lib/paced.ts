/**
 * An open-loop load at a fixed, evenly paced rate: request i is due at start + i / rate, is sent
 * then (on a pool of keep-alive connections), and its latency is counted from when it was DUE, so a
 * server (or generator) that falls behind shows in the figures instead of slowing the load down
 * (no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it hands each connection a quota per wall-clock second and
 * lets the connection spend it back to back as soon as the second starts, so "200/s over 32
 * connections" arrives as bursts of up to 32 concurrent requests at every second boundary, and the
 * latency it reports is mostly the queue of such a burst.
 */
import http from "node:http";
import { percentile } from "./stats.js";

export interface PacedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PacedResult {
  sent: number;
  ok: number;
  failed: number;
  /** Failures by status code (or "error"). */
  failures: Record<string, number>;
  durationSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function pacedLoad(opts: {
  url: string;
  rate: number;
  seconds: number;
  /** The i-th request. */
  request: (i: number) => PacedRequest;
  /** A 2xx is success unless this says otherwise. */
  okStatus?: (status: number) => boolean;
  maxSockets?: number;
}): Promise<PacedResult> {
  const base = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64 });
  const total = Math.round(opts.rate * opts.seconds);
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const isOk = opts.okStatus ?? ((s: number) => s >= 200 && s < 300);
  const start = performance.now() + 20;
  const inflight: Promise<void>[] = [];

  const send = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const r = opts.request(i);
      const req = http.request(
        { host: base.hostname, port: base.port, method: r.method, path: r.path, headers: r.headers, agent },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - due);
            if (!isOk(res.statusCode ?? 0)) failures[String(res.statusCode)] = (failures[String(res.statusCode)] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on("error", () => {
        failures.error = (failures.error ?? 0) + 1;
        resolve();
      });
      req.end(r.body);
    });

  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    // a timer that fires late makes that request's latency look worse, never better
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(i, due));
  }
  await Promise.all(inflight);
  const durationSec = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  return {
    sent: total,
    ok: total - failed,
    failed,
    failures,
    durationSec,
    p50Ms: percentile(latencies, 50),
    p90Ms: percentile(latencies, 90),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? 0,
  };
}
