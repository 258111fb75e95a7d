import type { Telemetry } from './telemetry.js';

/**
 * `fetch` for the WhatsApp Cloud API client: each request traced and counted by endpoint
 * (`messages`, `media`) and outcome. The URL's other parts and the body never reach telemetry.
 */
export function whatsAppFetch(telemetry: Telemetry, inner: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const endpoint = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? 'other';
    return telemetry.whatsAppSend(endpoint, () => inner(input, init));
  };
}
