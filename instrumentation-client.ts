// Runs in the browser before the app's own modules. Must come before any zod schema is built.
import "./lib/security/zod-jitless";
