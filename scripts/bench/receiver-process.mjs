// The receiver of ./receiver.mjs in a child process of its own, so that the sender's CPU
// (process.cpuUsage of the parent) is the sender's alone. Used by ./clients.mjs.
//
// Run as a child (`node receiver-process.mjs`), it starts the receiver, sends its URL to the
// parent and answers each "take" message with what arrived since the last one.

import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startReceiver } from "./receiver.mjs";

const SELF = fileURLToPath(import.meta.url);

/** Starts the child; resolves with its URL, `take()` (counts since the last take, and its CPU) and `close()`. */
export const startReceiverProcess = () =>
  new Promise((resolve, reject) => {
    const child = fork(SELF, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const waiting = [];
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      const error = new Error(`the receiver process exited (${code ?? signal})`);
      reject(error);
      for (const { reject: fail } of waiting.splice(0)) fail(error);
    });
    child.on("message", (message) => {
      if (message.type === "ready") {
        resolve({
          url: message.url,
          pid: child.pid,
          take: () =>
            new Promise((resolveTake, rejectTake) => {
              waiting.push({ resolve: resolveTake, reject: rejectTake });
              child.send({ type: "take" });
            }),
          close: () =>
            new Promise((resolveClose) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolveClose();
              child.once("exit", () => resolveClose());
              child.send({ type: "close" });
            }),
        });
      } else if (message.type === "taken") {
        waiting.shift()?.resolve(message);
      }
    });
  });

const runChild = async () => {
  const receiver = await startReceiver();
  process.on("message", async (message) => {
    if (message.type === "take") {
      const records = receiver.take();
      const distinct = new Set(records.payloadIds).size;
      const cpu = process.cpuUsage();
      process.send({ type: "taken", arrivals: records.arrivals.length, distinct, badBodies: receiver.badBodies(), cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (message.type === "close") {
      await receiver.close();
      process.exit(0);
    }
  });
  // The parent is gone (killed): do not linger.
  process.on("disconnect", () => process.exit(0));
  process.send({ type: "ready", url: receiver.url });
};

if (process.argv[1] === SELF && process.send) await runChild();
