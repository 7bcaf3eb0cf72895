/**
 * The renderer's Content Security Policy: only our own bundled code, styles and fonts; images
 * and camera frames from data:/blob:/mediastream:. No inline script, no eval. Served as a header
 * by both shells and also carried as a meta tag in renderer/index.html (a test keeps them equal).
 */
export const rendererCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
