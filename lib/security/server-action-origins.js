// Hosts other than the portal's own whose pages may call its server actions: Next.js's
// `experimental.serverActions.allowedOrigins` ("portal.example.com", "*.example.com"). Empty:
// only the portal's own pages. next.config.js gives it to Next.js and proxy.ts answers the
// rest with 403, so both read it from this one file.
/** @type {string[]} */
module.exports = [];
