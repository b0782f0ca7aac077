import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ReceivedRequest, RecordingReceiver } from "registry-webhooks/testing";

// The recording receiver is the QA kit's (testing/receiver.mjs: it answers by path, /status/<code>,
// /slow, /delay/<ms>, /big, /flaky/<n>, /gate); the specs use it through the package's name.
export { startReceiver } from "registry-webhooks/testing";
export type { ReceivedRequest };
export type Receiver = RecordingReceiver;

/** A loopback port with nothing listening, for "Connection refused". */
export const closedPort = async (): Promise<number> => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};
