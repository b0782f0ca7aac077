// The loopback receiver every webhook points at. It answers 200 at once and notes when each
// delivery arrived. It parses every body in both runs, so its own cost is the same for the
// portal and the baseline.

import http from "node:http";
import { performance } from "node:perf_hooks";
import { HOST } from "./settings.mjs";

const emptyRecords = () => ({ arrivals: [], payloadIds: [], requestIds: [] });

export const startReceiver = async () => {
  // Parallel arrays rather than one object per arrival: cheaper at 50,000+ records.
  let records = emptyRecords();
  let distinct = new Set();
  let badBodies = 0;

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const arrival = performance.now();
      res.writeHead(200, { "Content-Length": 0 });
      res.end();
      let payload;
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        badBodies += 1;
        return;
      }
      records.arrivals.push(arrival);
      records.payloadIds.push(payload.id);
      records.requestIds.push(payload.request?.id);
      distinct.add(payload.id);
    });
  });
  // Senders keep connections open between bursts; do not drop them while the portal is busy.
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, resolve);
  });

  return {
    url: `http://${HOST}:${server.address().port}/hook`,
    distinctCount: () => distinct.size,
    badBodies: () => badBodies,
    /** Hands over what arrived so far and starts a clean record for the next run. */
    take: () => {
      const taken = records;
      records = emptyRecords();
      distinct = new Set();
      return taken;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
};
