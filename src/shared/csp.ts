/**
 * The page's Content-Security-Policy: only our own scripts, styles and connections. Set as a
 * meta tag in the built index.html (Electron loads it from disk) and as a header by the browser
 * host. `connect-src 'self'` covers the host's WebSocket on the same origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Only a header can forbid framing; the browser host sends it, Electron has no framing parent. */
export const FRAME_ANCESTORS = "frame-ancestors 'none'";
