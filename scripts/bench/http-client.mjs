// The client side of every HTTP exchange in the benchmark: the portal's readiness probe, the
// ingest POSTs and the baseline's POSTs.

import http from "node:http";
import { fmtS } from "./format.mjs";
import { LIMITS } from "./settings.mjs";

/** One request with a hard timeout; resolves with status and body text, rejects on network errors. */
export const request = (agent, url, { method = "GET", headers = {}, body, timeoutMs = LIMITS.requestMs }) =>
  new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`${method} ${url} timed out after ${fmtS(timeoutMs)}`)), timeoutMs);
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });

/**
 * Calls `send(index)` for every index below `count`, with at most `parallel` calls in flight,
 * and resolves when all have finished. Once `shouldStop()` is true no new index is handed out.
 * The first rejection rejects the whole run.
 */
export const sendInParallel = async (count, parallel, send, { shouldStop = () => false } = {}) => {
  let next = 0;
  const sender = async () => {
    while (next < count && !shouldStop()) await send(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, sender));
};
