import { randomUUID } from 'node:crypto';
import { activity } from './attacks.js';
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
  const call = async (method: string, path: string, token?: string, body?: object) => {
    const answer = await hit(base, method, path, {
      headers: { ...json, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      chunks: body ? [JSON.stringify(body)] : [],
      localAddress: client,
    });
    return {
      status: answer.status,
      body: answer.text ? (JSON.parse(answer.text) as Record<string, unknown>) : {},
    };
  };
  while (performance.now() < until) {
    const generated = await call('POST', '/v3/directline/tokens/generate');
    const token = String(generated.body['token']);
    const started = await call('POST', '/v3/directline/conversations', token);
    const conversation = String(started.body['conversationId']);
    let watermark = '0';
    for (const text of ['Hallo', 'werk', 'menu']) {
      if (performance.now() > until) return;
      const botCount = async () => {
        const read = await call(
          'GET',
          `/v3/directline/conversations/${conversation}/activities?watermark=${watermark}`,
          token,
        );
        const activities = (read.body['activities'] ?? []) as { from?: { role?: string } }[];
        return activities.filter((a) => a.from?.role === 'bot').length;
      };
      const sentAt = performance.now();
      f.sent++;
      const sent = await call(
        'POST',
        `/v3/directline/conversations/${conversation}/activities`,
        token,
        {
          type: 'message',
          text,
          from: { id: 'resident' },
        },
      );
      const id = String(sent.body['id'] ?? '');
      watermark = String(Number(id.split('|')[1] ?? 0));
      let answered = false;
      while (performance.now() - sentAt < 10_000) {
        if ((await botCount()) > 0) {
          answered = true;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (answered) {
        f.answered++;
        f.latencies.push(performance.now() - sentAt);
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
