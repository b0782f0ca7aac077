// How numbers reach the console. Non-finite values print as "n/a" rather than "NaN", because a
// run that delivered nothing still prints its whole report.

export const log = (line = "") => console.log(line);

export const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");
// Whole milliseconds from 100 up; below that the tenth still says something.
export const fmtMs = (ms) => (!Number.isFinite(ms) ? "n/a" : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
export const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`;

export const fmtMiB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
/** Storage as a database module measures it: `{ parts: [[label, bytes], ...] }`. */
export const fmtStorage = ({ parts }) => parts.map(([label, bytes]) => `${label} ${fmtMiB(bytes)}`).join(" + ");
export const storageBytes = ({ parts }) => parts.reduce((sum, [, bytes]) => sum + bytes, 0);
