import { randomBytes } from "node:crypto";

// A registry's notifications token: shown once, stored as a hash (lib/security/token-hash.ts).

export const generateToken = () => `rwn_${randomBytes(32).toString("base64url")}`;
