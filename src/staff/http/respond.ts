import type { ServerResponse } from 'node:http';

/**
 * Every staff response: no script at all (the pages work without it), styles and images from
 * this server only, forms post only here, never framed. Personal pages are never cached.
 */
export const staffContentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', staffContentSecurityPolicy);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  securityHeaders(res);
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(html);
}

/** 303 after a form (the browser then GETs the page), 302 otherwise. */
export function redirect(res: ServerResponse, location: string, status: 302 | 303 = 302): void {
  securityHeaders(res);
  res.statusCode = status;
  res.setHeader('Location', location);
  res.end();
}

/** Only paths of the staff pages are followed after a login: never another site. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' &&
    /^\/staff(\/[A-Za-z0-9/_.-]*)?(\?[A-Za-z0-9=&_.%-]*)?$/.test(value) &&
    !value.includes('//') &&
    value.length < 300
    ? value
    : '/staff';
}
