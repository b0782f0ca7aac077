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
// The lock word lives in a SharedArrayBuffer the main thread makes and gives each delivery
// thread (lib/delivery/delivery-threads.ts). 0 is free; otherwise it holds the holder's
// threadId + 1, so the main thread can free a lock a thread that died was holding.

const globalForLock = globalThis as unknown as { sqliteWriteLock?: Int32Array };

/** The lock's memory, made on first use (the main thread), or adopted from the main thread's. */
export const writeLockMemory = (): SharedArrayBuffer => {
  globalForLock.sqliteWriteLock ??= new Int32Array(new SharedArrayBuffer(4));
  return globalForLock.sqliteWriteLock.buffer as SharedArrayBuffer;
};

/** In a delivery thread: share the main thread's lock. */
export const adoptWriteLock = (memory: SharedArrayBuffer) => {
  globalForLock.sqliteWriteLock = new Int32Array(memory);
};

const word = () => new Int32Array(writeLockMemory());

const MINE = threadId + 1;
/** A waiter looks again this often even without a wake-up (a notify lost to a race costs this much). */
const RECHECK_MS = 50;

const acquire = async (lock: Int32Array) => {
  for (;;) {
    const holder = Atomics.compareExchange(lock, 0, 0, MINE);
    if (holder === 0) return;
    const waited = Atomics.waitAsync(lock, 0, holder, RECHECK_MS);
    if (!waited.async) continue;
    // A pending waitAsync does not keep a thread's event loop alive (a thread with nothing
    // else to do would exit mid-wait): a timer does.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([waited.value, new Promise((resolve) => (timer = setTimeout(resolve, RECHECK_MS)))]);
    clearTimeout(timer);
  }
};

const release = (lock: Int32Array) => {
  Atomics.store(lock, 0, 0);
  Atomics.notify(lock, 0);
};

/**
 * Runs `write` (a synchronous better-sqlite3 transaction) once no other thread of this process
 * is writing through this lock; the caller's event loop keeps serving while it waits.
 */
export const withWriteLock = async <T>(write: () => T): Promise<T> => {
  const lock = word();
  await acquire(lock);
  try {
    return write();
  } finally {
    release(lock);
  }
};

/** A thread that died holding the lock (ended mid-transaction): free it for the others. */
export const releaseWriteLockOf = (deadThreadId: number) => {
  const lock = word();
  if (Atomics.compareExchange(lock, 0, deadThreadId + 1, 0) === deadThreadId + 1) Atomics.notify(lock, 0);
};
