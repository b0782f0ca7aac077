import http from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP receiver on 127.0.0.1 that records every request it gets. Its answer is
// chosen by path, so one receiver serves every case of a test:
//   /status/<code>  answers <code> with a small JSON body
//   /slow           never answers (the portal's timeout must fire)
//   /delay/<ms>/... answers 200 after <ms> milliseconds
//   /big            answers 200 with a 100 KiB body (the portal must truncate it)
//   /flaky/<n>/...  answers 503 to its first <n> requests, then 200
//   /gate/...       answers 503 until openGate() is called, then 200
//   anything else   answers 200 {"received":true}

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status this receiver answered with. */
  status: number;
  /** Date.now() when the request's body had arrived. */
  receivedAt: number;
};

export type Receiver = {
  url: (path: string) => string;
  requests: ReceivedRequest[];
  requestsTo: (path: string) => ReceivedRequest[];
  /** From now on, /gate/... answers 200. */
  openGate: () => void;
  close: () => Promise<void>;
};

type Behaviour = { isGateOpen: boolean; seen: Map<string, number> };

const answer = (req: http.IncomingMessage, res: http.ServerResponse, behaviour: Behaviour) => {
  const path = req.url ?? "/";
  const status = /^\/status\/(\d{3})/.exec(path);
  const flaky = /^\/flaky\/(\d+)/.exec(path);
  const delay = /^\/delay\/(\d+)/.exec(path);
  const seen = (behaviour.seen.get(path) ?? 0) + 1;
  behaviour.seen.set(path, seen);
  if (flaky || path.startsWith("/gate")) {
    const isUp = flaky ? seen > Number(flaky[1]) : behaviour.isGateOpen;
    res.writeHead(isUp ? 200 : 503, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ accepted: isUp }));
  } else if (status) {
    res.writeHead(Number(status[1]), { "Content-Type": "application/json", "X-Receiver": "e2e" });
    res.end(JSON.stringify({ status: Number(status[1]) }));
  } else if (delay) {
    setTimeout(() => res.writeHead(200, { "Content-Type": "application/json" }).end('{"received":true}'), Number(delay[1]));
  } else if (path.startsWith("/slow")) {
    // Hold the connection open; close() destroys it.
  } else if (path.startsWith("/big")) {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("x".repeat(100 * 1024));
  } else {
    res.writeHead(200, { "Content-Type": "application/json", "X-Receiver": "e2e" });
    res.end(JSON.stringify({ received: true }));
  }
};

export const startReceiver = async (): Promise<Receiver> => {
  const requests: ReceivedRequest[] = [];
  const behaviour: Behaviour = { isGateOpen: false, seen: new Map() };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const receivedAt = Date.now();
      answer(req, res, behaviour);
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        status: res.statusCode,
        receivedAt,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    openGate: () => {
      behaviour.isGateOpen = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** A loopback port with nothing listening, for "Connection refused". */
export const closedPort = async (): Promise<number> => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};
