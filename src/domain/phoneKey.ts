import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number as Voordeur stores it (international form, "+31612345678"), from the way a
 * team member types it off a letter or a call ("06-1234 5678", "+31 6 12345678"); Dutch by
 * default. `undefined` when it is not a valid number.
 *
 * @example internationalPhone('06-1234 5678') // '+31612345678'
 */
export function internationalPhone(typed: string): string | undefined {
  if (typed.length > 40) return undefined;
  const parsed = parsePhoneNumberFromString(typed, 'NL');
  // A whole subscriber number: a short code ("12345") is valid in the plan but names no one.
  if (!parsed?.isValid() || parsed.nationalNumber.length < 9) return undefined;
  return parsed.number;
}
