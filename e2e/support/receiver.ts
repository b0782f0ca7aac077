import http from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP receiver on 127.0.0.1 that records every request it gets. Its answer is
// chosen by path, so one receiver serves every case of a test:
//   /status/<code>  answers <code> with a small JSON body
//   /slow           never answers (the portal's timeout must fire)
//   /big            answers 200 with a 100 KiB body (the portal must truncate it)
//   anything else   answers 200 {"received":true}

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
};

export type Receiver = {
  url: (path: string) => string;
  requests: ReceivedRequest[];
  requestsTo: (path: string) => ReceivedRequest[];
  close: () => Promise<void>;
};

const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
  const path = req.url ?? "/";
  const status = /^\/status\/(\d{3})/.exec(path);
  if (status) {
    res.writeHead(Number(status[1]), { "Content-Type": "application/json", "X-Receiver": "e2e" });
    res.end(JSON.stringify({ status: Number(status[1]) }));
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
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
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
