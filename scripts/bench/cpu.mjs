// CPU accounting, for the diagnosis: how busy were the portals, the database server and this
// process? A portal that is slow while using one core is limited differently from one that is
// slow while idle.

import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * CPU seconds used by every live process that `isCounted(pid, ppid, pgrp)` picks (Linux /proc;
 * null elsewhere), with what their exited children used.
 */
const cpuSeconds = (isCounted) => {
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
      // Fields after "(comm)": state ppid pgrp ... utime stime cutime cstime (14th-17th of the
      // whole line). The command name may itself contain ") ", hence the last one. cutime and
      // cstime hold children that exited and were waited for (PostgreSQL backends of closed
      // connections).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (isCounted(Number(entry), Number(fields[1]), Number(fields[2]))) {
        ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      }
    }
    return ticks / CLOCK_TICKS;
  } catch {
    return null;
  }
};

/**
 * Seconds the hypervisor gave this virtual machine's CPUs to someone else (the "steal" column
 * of /proc/stat, summed over CPUs; null where there is none). On a shared VM it explains runs
 * of the same build that differ by a factor: a run with a fifth of its time stolen is not
 * comparable with one without.
 */
const stolenSeconds = () => {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    return fields.length > 8 ? Number(fields[8]) / CLOCK_TICKS : null;
  } catch {
    return null;
  }
};

/**
 * CPU seconds so far of the portals' process groups, of the database server (PostgreSQL's
 * postmaster and its children: each backend calls setsid(), so they share no group with it;
 * none for SQLite, which runs inside the portal) and of this process, with the time taken.
 */
export const cpuSnapshot = (portalPids, databasePid = null) => {
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    portal: portalPids.length === 0 ? null : cpuSeconds((_pid, _ppid, pgrp) => portalPids.includes(pgrp)),
    database: databasePid === null ? null : cpuSeconds((pid, ppid) => pid === databasePid || ppid === databasePid),
    bench: (self.user + self.system) / 1e6,
    stolen: stolenSeconds(),
  };
};

/** Average cores used between two snapshots (`stolen`: cores' worth of time taken by the hypervisor). */
export const coresUsed = (from, to) => {
  const seconds = (to.at - from.at) / 1000;
  const rate = (key) => (seconds <= 0 || from[key] === null || to[key] === null ? null : (to[key] - from[key]) / seconds);
  return { portal: rate("portal"), database: rate("database"), bench: rate("bench"), stolen: rate("stolen") };
};
