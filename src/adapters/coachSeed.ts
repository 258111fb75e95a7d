import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { coachSchema, type Coach } from '../domain/coach.js';

/**
 * The seed file is strict about names at the top of each coach, so a typo such as
 * `"caseLoad"` is reported instead of silently falling back to the default.
 */
const seedSchema = z.strictObject({
  $comment: z.string().optional(),
  coaches: z.array(z.strictObject(coachSchema.shape)).min(1),
});

/** `coaches[0].workingHours["1"][0].end`: the path as one would write it in JavaScript. */
function jsonPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) {
      text += text ? `.${key}` : key;
    } else text += `[${JSON.stringify(String(key))}]`;
  }
  return text || '(top level)';
}

/** ` (coach "elke")` for a problem inside a coach whose id can be read, so it is found at once. */
function coachNamed(raw: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'coaches' || typeof path[1] !== 'number' || path.length < 3) return '';
  const coaches = (raw as { coaches?: unknown } | null)?.coaches;
  const id = Array.isArray(coaches)
    ? (coaches[path[1]] as { id?: unknown } | null | undefined)?.id
    : undefined;
  return typeof id === 'string' && path[2] !== 'id' ? ` (coach ${JSON.stringify(id)})` : '';
}

/** Each id that occurs more than once, reported at every repetition. */
function duplicateIds(raw: unknown): string[] {
  const coaches = (raw as { coaches?: unknown } | null)?.coaches;
  if (!Array.isArray(coaches)) return [];
  const firstAt = new Map<string, number>();
  const problems: string[] = [];
  coaches.forEach((coach: unknown, index) => {
    const id = (coach as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const first = firstAt.get(id);
    if (first === undefined) firstAt.set(id, index);
    else problems.push(`coaches[${index}].id: duplicate id "${id}" (also coaches[${first}])`);
  });
  return problems;
}

/**
 * Reads the coaches from a JSON file `{ "coaches": [ … ] }`, each validated with
 * {@link coachSchema} (defaults applied). A broken file stops start-up with every problem,
 * each with its JSON path and the file's name, so one edit fixes them all.
 *
 * @example
 * const coaches = await loadCoachSeed('infra/coaches.example.json');
 * // Error: Coach seed infra/coaches.json has 3 problems:
 * //   coaches[1].intro.nl: Invalid input: expected string, received undefined (coach "samir")
 * //   coaches[1].calendar.mailbox: must be the mailbox address (user principal name) or the user id (coach "samir")
 * //   coaches[2].id: duplicate id "elke" (also coaches[0])
 */
export async function loadCoachSeed(path: string): Promise<Coach[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Could not read coach seed ${path}`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`Coach seed ${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = seedSchema.safeParse(raw);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map(
          (issue) => `${jsonPath(issue.path)}: ${issue.message}${coachNamed(raw, issue.path)}`,
        )),
    ...duplicateIds(raw),
  ];
  if (!parsed.success || problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new Error(`Coach seed ${path} has ${count}:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data.coaches;
}
