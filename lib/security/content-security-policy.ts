// The Content-Security-Policy of every page. Scripts run only with this response's nonce
// (Next.js puts it on its own inline and external scripts when it sees it in the request's
// CSP header) and what those scripts load ('strict-dynamic'): no 'unsafe-inline' scripts.
// Fluent UI (Griffel) writes its styles into inline <style> tags, so styles stay inline.
// 'unsafe-eval' is only for the development server's fast refresh.

export const contentSecurityPolicy = (nonce: string, isProduction: boolean) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isProduction ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");

/** 128 random bits, base64: a fresh nonce for each response. */
export const newNonce = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
