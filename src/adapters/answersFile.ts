import { readFile } from 'node:fs/promises';
import { questionAnswersSchema, type QuestionAnswers } from '../domain/questionAnswers.js';

/** `answers.voluntary.nl.answer[0]`: the path as one would write it in JavaScript. */
function jsonPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((key, index) =>
        typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
      )
      .join('') || '(top level)'
  );
}

/**
 * Reads a municipality's answers to residents' questions from a JSON file shaped like
 * `infra/answers.example.json`. A broken file stops start-up with every problem, each with its
 * JSON path and the file's name, as the coaches file does.
 *
 * @example
 * const answers = await loadAnswersFile('infra/answers.example.json');
 * // Error: Answers file infra/answers.json has 1 problem:
 * //   answers.voluntary.nl.answer: Too small: expected array to have >=1 items
 */
export async function loadAnswersFile(path: string): Promise<QuestionAnswers> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Could not read answers file ${path}`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`Answers file ${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = questionAnswersSchema.safeParse(raw);
  if (parsed.success) return parsed.data.answers;
  const problems = parsed.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  throw new Error(`Answers file ${path} has ${count}:\n  ${problems.join('\n  ')}`);
}
