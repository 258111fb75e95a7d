/**
 * Whether a host is this machine. Config uses it (an unauthenticated bot binds to loopback only;
 * plain http only to a local stand-in), HTTP uses it (the local Direct Line answers loopback
 * callers only) and the Cosmos adapter uses it (a plain-http loopback endpoint is an emulator).
 * Pure, so every layer may import it.
 */

/** A dotted IPv4 address as `net.isIPv4` accepts it: four decimal octets, no leading zeros. */
const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const ipv4 = new RegExp(`^${octet}(?:\\.${octet}){3}$`);

/**
 * A loopback host name or address: `localhost`, `127.0.0.0/8`, `::1` (also bracketed, as in a
 * URL), or an IPv4-mapped IPv6 loopback address such as `::ffff:127.0.0.1`, as sockets report it.
 *
 * @example
 * isLoopback('127.0.0.1'); // true
 * isLoopback('0.0.0.0'); // false: every interface, not only this machine
 */
export function isLoopback(host: string | undefined): boolean {
  if (!host) return false;
  if (host === 'localhost') return true;
  const plain = host.startsWith('::ffff:') ? host.slice(7) : host;
  if (ipv4.test(plain)) return plain.startsWith('127.');
  return plain === '::1' || plain === '[::1]';
}
