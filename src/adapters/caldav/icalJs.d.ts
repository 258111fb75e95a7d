/** ical.js 1.x ships no types; `icsEvents.ts` types the few parts it uses. */
declare module 'ical.js' {
  const ICAL: unknown;
  export default ICAL;
}
