import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

// A loopback HTTPS front for the portal, with a throw-away self-signed certificate made by
// openssl when the test starts: Azure's SDK sends bearer tokens over https only
// (@azure/core-rest-pipeline's bearerTokenAuthenticationPolicy refuses any other URL and has no
// option to allow it), so the SDK talks to this proxy and trusts `ca` through its pipeline's
// tlsOptions. It forwards to the portal over http with X-Forwarded-Proto/-Host, as a TLS-ending
// load balancer in front of a real portal does, so nextLinks point back at it.

export type TlsProxy = {
  url: string;
  /** The certificate (its own CA) to trust. */
  ca: string;
  /** Every request that came through: method and path with query. */
  requests: { method: string; path: string }[];
  close: () => Promise<void>;
};

const makeCertificate = () => {
  const folder = mkdtempSync(path.join(tmpdir(), "rw-e2e-tls-"));
  try {
    const [key, cert] = [path.join(folder, "key.pem"), path.join(folder, "cert.pem")];
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", key, "-out", cert,
    ], { stdio: "ignore" });
    return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

export const startTlsProxy = async (target: string): Promise<TlsProxy> => {
  const { key, cert } = makeCertificate();
  const upstream = new URL(target);
  const requests: TlsProxy["requests"] = [];
  const server = https.createServer({ key, cert }, (req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "/" });
    const forwarded = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-proto": "https", "x-forwarded-host": req.headers.host ?? "" },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on("error", () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ca: cert,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
