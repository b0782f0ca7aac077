// Headers every answer of the portal carries. next.config.js sets them on Next.js's answers, and
// the portal's listener on the ingest thread (lib/registry/notifications-listener.ts) on those it
// gives itself, so both read them from this one file. (The Content-Security-Policy is set per
// response by proxy.ts: it carries a fresh script nonce.)
/** @type {Record<string, string>} */
module.exports = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};
