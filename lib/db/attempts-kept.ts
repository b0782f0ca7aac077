import { BATCH } from "./batches";

// How many attempts one event keeps. The retry schedule ends after a few, but Redeliver (5 a
// minute per webhook per user, on the blade, REST, ARM paths and CLI) and Recover each add one
// more to the same event: a script redelivering one event all day would store 7,200 attempts
// with their request and response bodies, and the event's page would load them all. Storing
// attempt n deletes the event's attempts numbered n - ATTEMPTS_KEPT_PER_EVENT and below, in the
// transaction that stores it.

/** The newest attempts each event keeps; older ones are deleted as newer ones are stored. */
export const ATTEMPTS_KEPT_PER_EVENT = 100;

/**
 * The highest attempt number to delete once attempt `number` is stored, or null when there is
 * nothing to delete (the usual case: no query at all).
 */
export const lastForgottenAttempt = (number: number): number | null =>
  number > ATTEMPTS_KEPT_PER_EVENT ? number - ATTEMPTS_KEPT_PER_EVENT : null;

/**
 * At most this many are deleted per stored attempt: an event that gathered thousands before
 * this bound existed is trimmed a batch per attempt, never in one long statement.
 */
export const ATTEMPTS_FORGOTTEN_PER_STORE = BATCH;
