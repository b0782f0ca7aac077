import { threadId } from "node:worker_threads";

// One writer at a time among the threads of this process, for the queue's hot transactions
// (ingest's group commit on the main thread, claims and records on the delivery threads).
// SQLite lets one connection write at a time and makes the others wait in its busy handler,
// which sleeps 1, 2, 5, 10, 15, 20... ms between tries: two threads taking turns through it
// lost most of their time asleep (the sender threads that recorded their own attempts managed
// 140 deliveries/s). Here a waiter is woken the moment the lock is free, and waits without
// holding its event loop (Atomics.waitAsync). Other processes on the same file still meet
// SQLite's own lock and busy handler; this only orders the threads of one process.
//
// Fair between threads: a thread that finds others of this process waiting lets one of them
// take the lock first instead of taking it back the moment it frees it. Without that, ingest's
// back-to-back turns on the main thread kept a delivery thread waiting up to 440 ms for its
// claim during a burst (its wake-up is a task on its own busy event loop; the main thread's
// next turn was already running).
//
// The memory lives in a SharedArrayBuffer the main thread makes and gives each delivery thread
// (lib/delivery/delivery-threads.ts): word 0 is the holder (0 when free, else its threadId + 1,
// so the main thread can free a lock a thread that died was holding); word 1 + slot counts the
// waiters of the thread in that slot (0 is the main thread, delivery thread n is slot n, the
// ingest thread is INGEST_THREAD_SLOT).

/** The main thread, up to 64 delivery threads (DELIVERY_WORKERS' limit) and the ingest thread. */
const SLOTS = 66;
/** The ingest thread's slot (lib/registry/ingest-threads.ts). */
export const INGEST_THREAD_SLOT = 65;
const HOLDER = 0;

const globalForLock = globalThis as unknown as { sqliteWriteLock?: { words: Int32Array; slot: number } };

const state = () => (globalForLock.sqliteWriteLock ??= { words: new Int32Array(new SharedArrayBuffer(4 * (1 + SLOTS))), slot: 0 });

/** The lock's memory, made on first use (the main thread), to give to delivery threads. */
export const writeLockMemory = (): SharedArrayBuffer => state().words.buffer as SharedArrayBuffer;

/** In delivery thread `slot` (1 to 64) or the ingest thread: share the main thread's lock. */
export const adoptWriteLock = (memory: SharedArrayBuffer, slot: number) => {
  globalForLock.sqliteWriteLock = { words: new Int32Array(memory), slot };
};

const MINE = threadId + 1;
/** A waiter looks again this often even without a wake-up (a notify lost to a race costs this much). */
const RECHECK_MS = 50;
/** How long a thread that finds others waiting lets one of them take the lock first. */
const GIVE_WAY_MS = 20;

const othersWaiting = (words: Int32Array, slot: number) => {
  for (let other = 0; other < SLOTS; other += 1) if (other !== slot && Atomics.load(words, 1 + other) > 0) return true;
  return false;
};

/** Resolves when words[HOLDER] is no longer `value`, or after `ms`. */
const holderChange = async (words: Int32Array, value: number, ms: number) => {
  const waited = Atomics.waitAsync(words, HOLDER, value, ms);
  if (!waited.async) return;
  // A pending waitAsync does not keep a thread's event loop alive (a thread with nothing
  // else to do would exit mid-wait): a timer does.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([waited.value, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
};

const acquire = async ({ words, slot }: { words: Int32Array; slot: number }) => {
  let isWaiting = false;
  let hasGivenWay = false;
  try {
    for (;;) {
      // Someone else was waiting before us: let them go first, once.
      if (!hasGivenWay && !isWaiting && othersWaiting(words, slot)) {
        hasGivenWay = true;
        Atomics.add(words, 1 + slot, 1);
        isWaiting = true;
        const holder = Atomics.load(words, HOLDER);
        await holderChange(words, holder, holder === 0 ? GIVE_WAY_MS : RECHECK_MS);
        continue;
      }
      const holder = Atomics.compareExchange(words, HOLDER, 0, MINE);
      if (holder === 0) {
        // Those giving way wait for the lock to be taken: tell them it was.
        Atomics.notify(words, HOLDER);
        return;
      }
      if (!isWaiting) {
        Atomics.add(words, 1 + slot, 1);
        isWaiting = true;
      }
      await holderChange(words, holder, RECHECK_MS);
    }
  } finally {
    if (isWaiting) Atomics.sub(words, 1 + slot, 1);
  }
};

const release = ({ words }: { words: Int32Array }) => {
  Atomics.store(words, HOLDER, 0);
  Atomics.notify(words, HOLDER);
};

/**
 * Runs `write` (a synchronous better-sqlite3 transaction) once no other thread of this process
 * is writing through this lock; the caller's event loop keeps serving while it waits.
 */
export const withWriteLock = async <T>(write: () => T): Promise<T> => {
  const lock = state();
  await acquire(lock);
  try {
    return write();
  } finally {
    release(lock);
  }
};

/** The thread in `slot` died (perhaps mid-transaction, or waiting): free what it held. */
export const releaseWriteLockOf = (deadThreadId: number, slot: number) => {
  const { words } = state();
  Atomics.store(words, 1 + slot, 0);
  if (Atomics.compareExchange(words, HOLDER, deadThreadId + 1, 0) === deadThreadId + 1) Atomics.notify(words, HOLDER);
};
