/**
 * The HTTP front door. Colyseus 0.18 installs one request listener in front of express that, for
 * EVERY request, builds a WHATWG `Headers` from the Node headers, computes CORS headers that echo
 * any Origin (with credentials), sets them on the response, looks the path up in its own router,
 * and only then hands the request to express. On a cached store read that was ≈ 40 % of the
 * server's CPU per request (docs/benchmarks.md), and the echoed CORS headers let any web page read
 * any API response.
 *
 * After `server.listen`, this puts a thin listener in its place: paths of Colyseus's own router
 * (matchmaking, its health check) still go through Colyseus's listener, unchanged; every other
 * request goes straight to express, where the platform and each room kind set their own origin
 * rules (same-origin always works: the client is served by this server; the store lists extra
 * origins in STORE_CORS_ORIGINS).
 */
import type http from "node:http";
import { requestIdFrom } from "./http.js";

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface ColyseusRouter {
  findRoute(method: string, path: string): unknown;
}

export function routeAroundColyseus(server: http.Server, expressApp: Listener, router: ColyseusRouter): void {
  const listeners = server.listeners("request") as Listener[];
  if (listeners.length !== 1) {
    // Colyseus changed how it wires HTTP: leave its wiring alone rather than guess.
    throw new Error(`expected Colyseus's single HTTP request listener, found ${listeners.length}`);
  }
  const colyseus = listeners[0]!;
  server.removeAllListeners("request");
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? "GET";
    const isColyseus =
      method === "OPTIONS" // a CORS preflight for one of Colyseus's routes is Colyseus's to answer, as before
        ? router.findRoute("POST", path) !== undefined || router.findRoute("GET", path) !== undefined
        : router.findRoute(method, path) !== undefined;
    if (isColyseus) {
      res.setHeader("X-Request-Id", requestIdFrom(req.headers["x-request-id"])); // as every API answer has
      colyseus(req, res);
    }
    else expressApp(req, res);
  });
}
