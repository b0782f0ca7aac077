import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The signal handling of lib/lifecycle/shutdown.ts, with process.exit stubbed and the clock faked
// (the module keeps its state on globalThis, so each test starts from a fresh one).

const fresh = async () => {
  delete (globalThis as { lifecycle?: unknown }).lifecycle;
  vi.resetModules();
  return import("./shutdown");
};

describe("shutDown", () => {
  let exit: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    vi.spyOn(console, "info").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("takes the same signal delivered twice at once (npm forwards what its process group got) as one: the drain goes on", async () => {
    const { onShutdown, shutDown } = await fresh();
    let finishDrain = () => {};
    onShutdown(() => new Promise<void>((resolve) => (finishDrain = resolve)));

    const first = shutDown("SIGINT", 60_000);
    void shutDown("SIGINT", 60_000);
    await Promise.resolve();
    expect(exit).not.toHaveBeenCalled();

    finishDrain();
    await first;
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it("exits at once on a second signal that comes later (the operator insists)", async () => {
    const { onShutdown, shutDown, REPEAT_IGNORED_MS } = await fresh();
    onShutdown(() => new Promise<void>(() => {}));

    void shutDown("SIGTERM", 60_000);
    vi.setSystemTime(Date.now() + REPEAT_IGNORED_MS);
    void shutDown("SIGTERM", 60_000);
    expect(exit).toHaveBeenCalledWith(1);
  });
});
