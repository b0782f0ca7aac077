// What the main thread and a sender thread say to each other (lib/delivery/senders.ts,
// lib/delivery/sender-thread.ts). Plain data: it crosses threads by structured clone.
import type { Claimed } from "../db/delivery-store-types";
import type { Outcome, Target } from "./deliver-one";

/** Main → sender: send this claimed delivery to this target. */
export type SendJob = { job: number; claimed: Claimed; target: Target | undefined };

/** Sender → main: what to record for job `job`. */
export type SendDone = { job: number; outcome: Outcome };
