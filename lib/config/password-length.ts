// Passwords: the forms' rule and ADMIN_PASSWORD's (lib/env.ts) are the same (NIST SP 800-63B:
// long rather than complex, with an upper bound so hashing stays cheap).

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
