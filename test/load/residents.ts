import { randomUUID } from 'node:crypto';
import { activity } from './attacks.js';
import { directLineChat } from './chat.js';
import { hit, json } from './processes.js';

/** Residents chatting beside the flood: every message must be answered. */

export interface ResidentFigures {
  sent: number;
  answered: number;
  unanswered: number;
  latencies: number[];
}

export async function directLineResident(
  base: string,
  client: string,
  until: number,
  f: ResidentFigures,
) {
  while (performance.now() < until) {
    const chat = await directLineChat(base, client, 10_000);
    for (const text of ['Hallo', 'werk', 'menu']) {
      if (performance.now() > until) return;
      f.sent++;
      const { replies, ms } = await chat.say(text);
      if (replies.length > 0) {
        f.answered++;
        f.latencies.push(ms);
      } else f.unanswered++;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export async function botFrameworkResident(base: string, until: number, f: ResidentFigures) {
  const conversation = randomUUID();
  while (performance.now() < until) {
    f.sent++;
    const answer = await hit(base, 'POST', '/api/messages', {
      headers: json,
      chunks: [
        activity({
          conversation: { id: conversation },
          from: { id: 'resident-bf' },
          text: 'Hallo',
          locale: 'nl-NL',
        }),
      ],
    });
    const replies =
      answer.status === 200
        ? ((JSON.parse(answer.text) as { activities?: unknown[] }).activities ?? [])
        : [];
    if (replies.length > 0) {
      f.answered++;
      f.latencies.push(answer.ms);
    } else f.unanswered++;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
