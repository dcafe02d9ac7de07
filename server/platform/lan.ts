/** The URLs people on the same network can use to reach this server (printed at start). */
import os from "node:os";

export function lanUrls(host: string, port: number): { local: string; lan: string[] } {
  const local = `http://localhost:${port}/`;
  if (host !== "0.0.0.0" && host !== "::") {
    const h = host.includes(":") ? `[${host}]` : host;
    return { local: host === "127.0.0.1" || host === "localhost" ? local : `http://${h}:${port}/`, lan: [] };
  }
  const lan: string[] = [];
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.internal) continue;
      if (a.family === "IPv4") lan.push(`http://${a.address}:${port}/`);
    }
  }
  return { local, lan };
}
