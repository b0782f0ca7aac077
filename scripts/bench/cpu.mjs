// CPU accounting, for the diagnosis: how busy were the portal and this process? A portal that
// is slow while using one core is limited differently from one that is slow while idle.

import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds used by every live process in a process group (Linux /proc; null elsewhere). */
const groupCpuSeconds = (pgid) => {
  try {
    let ticks = 0;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // exited while we looked
      }
      // Fields after "(comm)": state ppid pgrp ... utime(14th) stime(15th) of the whole line.
      // The command name may itself contain ") ", hence the last one.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / CLOCK_TICKS;
  } catch {
    return null;
  }
};

/** CPU seconds so far of the portal's process group and of this process, with the time taken. */
export const cpuSnapshot = (portalPid) => {
  const self = process.cpuUsage();
  return { at: performance.now(), portal: groupCpuSeconds(portalPid), bench: (self.user + self.system) / 1e6 };
};

/** Average cores used between two snapshots. */
export const coresUsed = (from, to) => {
  const seconds = (to.at - from.at) / 1000;
  if (seconds <= 0) return { portal: null, bench: null };
  return {
    portal: from.portal === null || to.portal === null ? null : (to.portal - from.portal) / seconds,
    bench: (to.bench - from.bench) / seconds,
  };
};
