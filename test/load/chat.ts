import { randomUUID } from 'node:crypto';
import { hit, json } from './processes.js';

/**
 * How a load-test resident talks to Voordeur: the local Direct Line (token, conversation,
 * messages, polling, as Web Chat does) on one instance, or Bot Framework turns on
 * `/api/messages` with `expectReplies`, which can go to a different instance every turn.
 */

/** A bot message as the resident receives it. */
export interface BotMessage {
  id?: string;
  type: string;
  text?: string;
  replyToId?: string;
  from?: { role?: string };
  suggestedActions?: { actions: { title: string; value?: unknown }[] };
  attachments?: { contentType: string; content?: Record<string, unknown> }[];
}

export interface Chat {
  /** The conversation's key in the store: `<channel>/<conversation id>`. */
  key: string;
  /** Sends a message; resolves to the bot's messages answering it (empty: no answer in time). */
  say(text: string, value?: unknown): Promise<{ replies: BotMessage[]; ms: number }>;
  /** What the resident saw: the whole stream (Direct Line) or every answer (Bot Framework). */
  transcript(): Promise<Transcript>;
  /** Bot messages that answer no message of the resident: proactive notices. */
  notices(): Promise<BotMessage[]>;
}

/** The resident's messages in order, each with the bot messages answering it. */
export type Transcript = { sentId: string; replies: BotMessage[]; positions: number[] }[];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stream client of the local Direct Line, from its own loopback address (rate limits). */
export async function directLineChat(
  base: string,
  localAddress: string,
  answerWithinMs: number,
): Promise<Chat> {
  const call = async (method: string, path: string, token?: string, body?: object) => {
    for (let attempt = 1; ; attempt++) {
      const answer = await hit(base, method, path, {
        headers: { ...json, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        chunks: body ? [JSON.stringify(body)] : [],
        localAddress,
        timeoutMs: 30_000,
      });
      if (answer.status === 200 || answer.status === 201)
        return (answer.text ? JSON.parse(answer.text) : {}) as Record<string, unknown>;
      if (attempt >= 3) throw new Error(`Direct Line ${method} ${path}: ${answer.status}`);
      await pause(500);
    }
  };
  const { token } = (await call('POST', '/v3/directline/tokens/generate')) as { token: string };
  const { conversationId } = (await call('POST', '/v3/directline/conversations', token)) as {
    conversationId: string;
  };
  const path = `/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`;
  const stream: BotMessage[] = [];
  let watermark = '';
  const poll = async () => {
    const read = (await call('GET', `${path}?watermark=${watermark}`, token)) as {
      activities?: BotMessage[];
      watermark?: string;
    };
    stream.push(...(read.activities ?? []));
    if (read.watermark) watermark = read.watermark;
  };
  const fromBot = (a: BotMessage) => a.from?.role === 'bot' && a.type === 'message';
  const sent: string[] = [];

  return {
    key: `webchat/${conversationId}`,
    async say(text, value) {
      const started = performance.now();
      const { id } = (await call('POST', path, token, {
        type: 'message',
        text,
        ...(value === undefined ? {} : { value }),
        from: { id: 'resident' },
        locale: 'nl-NL',
      })) as { id: string };
      sent.push(id);
      const answering = () => stream.filter((a) => fromBot(a) && a.replyToId === id);
      let ms = 0;
      while (performance.now() - started < answerWithinMs) {
        await pause(100);
        await poll();
        if (answering().length > 0) {
          ms = performance.now() - started;
          break;
        }
      }
      if (answering().length === 0) return { replies: [], ms: 0 };
      // The turn may send more (a card after a text): wait until the stream is quiet.
      for (let seen = -1; seen !== answering().length;) {
        seen = answering().length;
        await pause(250);
        await poll();
      }
      return { replies: answering(), ms };
    },
    async transcript() {
      await poll();
      return sent.map((sentId) => {
        const answering = stream
          .map((activity, position) => ({ activity, position }))
          .filter(({ activity }) => fromBot(activity) && activity.replyToId === sentId);
        return {
          sentId,
          replies: answering.map((a) => a.activity),
          positions: answering.map((a) => a.position),
        };
      });
    },
    async notices() {
      await poll();
      // A proactive message answers the continuation event botbuilder made up, not a message.
      return stream.filter((a) => fromBot(a) && !sent.includes(a.replyToId ?? ''));
    },
  };
}

/**
 * Bot Framework turns with `expectReplies`: the answers come in the response. `bases` are the
 * instances, used in turn: every message goes to the next one, so consecutive turns of one
 * conversation run on different instances (each with its own conversation cache).
 */
export function botFrameworkChat(bases: readonly string[], answerWithinMs: number): Chat {
  const conversation = randomUUID();
  const transcript: Transcript = [];
  let turn = 0;
  return {
    key: `test/${conversation}`,
    async say(text, value) {
      const base = bases[turn++ % bases.length]!;
      const id = randomUUID();
      const answer = await hit(base, 'POST', '/api/messages', {
        headers: json,
        chunks: [
          JSON.stringify({
            type: 'message',
            id,
            channelId: 'test',
            // Local mode accepts only the instance's own address; expectReplies sends nothing there.
            serviceUrl: base,
            conversation: { id: conversation },
            from: { id: `resident-${conversation}` },
            recipient: { id: 'voordeur' },
            locale: 'nl-NL',
            deliveryMode: 'expectReplies',
            text,
            ...(value === undefined ? {} : { value }),
          }),
        ],
        timeoutMs: answerWithinMs,
      });
      const replies =
        answer.status === 200
          ? ((JSON.parse(answer.text) as { activities?: BotMessage[] }).activities ?? []).filter(
              (a) => a.type === 'message',
            )
          : [];
      transcript.push({ sentId: id, replies, positions: replies.map(() => transcript.length) });
      return { replies, ms: replies.length > 0 ? answer.ms : 0 };
    },
    transcript: () => Promise.resolve(transcript),
    notices: () => Promise.resolve([]),
  };
}

/** The texts of bot messages, card texts included. */
export function shown(replies: readonly BotMessage[]): string {
  return replies
    .flatMap((r) => [
      r.text ?? '',
      ...(r.attachments ?? []).flatMap((a) =>
        ['title', 'subtitle', 'text'].map((field) => String(a.content?.[field] ?? '')),
      ),
    ])
    .filter((text) => text !== '')
    .join('\n');
}

export type SlotValue = { action: 'slot'; coachId: string; start: string };

/** The times offered on cards ("Kies deze tijd"), in order. */
export function slotsOffered(replies: readonly BotMessage[]): SlotValue[] {
  return replies
    .flatMap((reply) => reply.attachments ?? [])
    .flatMap((a) => (a.content?.['buttons'] as { value?: unknown }[] | undefined) ?? [])
    .map((button) => button.value)
    .filter(
      (value): value is SlotValue =>
        typeof value === 'object' &&
        value !== null &&
        (value as { action?: unknown }).action === 'slot',
    );
}
