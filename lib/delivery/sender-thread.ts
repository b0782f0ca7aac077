// The entry of a sender thread (bundled by scripts/build-sender.mjs into the build directory,
// started by lib/delivery/senders.ts). It builds, signs and sends the deliveries the main
// thread's loop claimed, on its own event loop, so HTTP work never delays a page or an ingest
// request; it answers with what to record and touches no database.
import "../security/zod-jitless";
import { parentPort } from "node:worker_threads";
import { deliverOne } from "./deliver-one";
import type { SendDone, SendJob } from "./sender-messages";

const port = parentPort!;

port.on("message", ({ job, claimed, target }: SendJob) => {
  void deliverOne(claimed, target).then((outcome) => port.postMessage({ job, outcome } satisfies SendDone));
});
