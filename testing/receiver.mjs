import http from "node:http";

// A real HTTP receiver on 127.0.0.1 that records every request it gets. Its answer is
// chosen by path, so one receiver serves every case of a test:
//   /status/<code>  answers <code> with a small JSON body
//   /slow           never answers (the portal's timeout must fire)
//   /delay/<ms>/... answers 200 after <ms> milliseconds
//   /big            answers 200 with a 100 KiB body (the portal must truncate it)
//   /flaky/<n>/...  answers 503 to its first <n> requests, then 200
//   /gate/...       answers 503 until openGate() is called, then 200
//   anything else   answers 200 {"received":true}

const answer = (req, res, behaviour) => {
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

/** Starts a recording receiver on a free loopback port (see index.d.mts for its shape). */
export const startReceiver = async ({ host = "127.0.0.1" } = {}) => {
  const requests = [];
  const behaviour = { isGateOpen: false, seen: new Map() };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
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
  await new Promise((resolve) => server.listen(0, host, resolve));
  const { port } = server.address();
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: (path) => `${origin}${path}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    openGate: () => {
      behaviour.isGateOpen = true;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
