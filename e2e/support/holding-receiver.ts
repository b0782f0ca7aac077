import http from "node:http";
import type { AddressInfo } from "node:net";

// A loopback receiver for e2e/delivery-fairness: requests to /hold/... are held open and never
// answered (a receiver that hangs: the portal's timeout ends them); any other path is answered
// 200 at once. It keeps count of the held requests open at every moment, and notes with each
// answered request how many were open, and how many had already ended, when it arrived: the
// order of events, without comparing clocks.

export type AnsweredRequest = {
  path: string;
  body: string;
  /** Held requests open when this one arrived. */
  heldOpen: number;
  /** Held requests already ended (timed out by the portal) when this one arrived. */
  heldEnded: number;
};

export type HoldingReceiver = {
  url: (path: string) => string;
  answered: AnsweredRequest[];
  /** Held requests that have arrived, open or ended. */
  heldArrived: () => number;
  heldOpen: () => number;
  /** Held requests the portal gave up on (its timeout). */
  heldEnded: () => number;
  /** The most held requests open at once, each count taken SETTLE_MS after an arrival. */
  maxHeldOpen: () => number;
  close: () => Promise<void>;
};

/**
 * How long after a held request arrives the held requests open are counted for maxHeldOpen. When
 * the portal gives up on one (its timeout) and sends the next, the old socket's close and the new
 * request reach this process in the same turn, in either order: counted at once, the new request
 * sometimes found the old one still "open" (CAP + 1 in CI). A request beyond the cap would stay
 * open until its own timeout, seconds later, so it is still counted.
 */
const SETTLE_MS = 100;

export const startHoldingReceiver = async (): Promise<HoldingReceiver> => {
  const answered: AnsweredRequest[] = [];
  const held = { arrived: 0, ended: 0, maxOpen: 0 };
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    if (path.startsWith("/hold")) {
      held.arrived += 1;
      setTimeout(() => (held.maxOpen = Math.max(held.maxOpen, held.arrived - held.ended)), SETTLE_MS).unref();
      // Never answered: "close" comes when the portal gives up (or close() below).
      res.once("close", () => (held.ended += 1));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      answered.push({ path, body: Buffer.concat(chunks).toString("utf8"), heldOpen: held.arrived - held.ended, heldEnded: held.ended });
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    answered,
    heldArrived: () => held.arrived,
    heldOpen: () => held.arrived - held.ended,
    heldEnded: () => held.ended,
    maxHeldOpen: () => held.maxOpen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
