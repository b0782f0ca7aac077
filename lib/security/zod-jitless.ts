import { z } from "zod";

// zod v4 builds a faster parser for each z.object() with `new Function`, and to learn whether
// it may, probes `new Function("")` when the first object schema is built. Under this portal's
// Content-Security-Policy (no 'unsafe-eval') the browser refuses the probe and, although zod
// catches the error, reports a CSP violation on every page with a form. Parsing without the
// compiled parser gives the same results. Schemas read this when they are built, so it must
// run before any schema module: instrumentation-client.ts and instrumentation.ts import it first.
z.config({ jitless: true });
