import { createRequire } from 'node:module';
import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';

/** A bot message as the resident's client receives it. */
export type BotMessage = Omit<Message, 'attachments'> & {
  replyToId?: string;
  suggestedActions?: { actions: { title: string; value?: unknown }[] };
  attachments?: { contentType: string; content?: Record<string, unknown> }[];
};

const globals = globalThis as Record<string, unknown>;

/**
 * botframework-directlinejs needs a browser's XHR (or it hangs silently) and a WebSocket
 * constructor to exist even with `webSocket: false`. Returns a function that restores them.
 */
export function installBrowserGlobals(): () => void {
  const saved = { XMLHttpRequest: globals.XMLHttpRequest, WebSocket: globals.WebSocket };
  globals.XMLHttpRequest = createRequire(import.meta.url)('xhr2');
  globals.WebSocket ??= class NoWebSocket {};
  return () => {
    globals.XMLHttpRequest = saved.XMLHttpRequest;
    globals.WebSocket = saved.WebSocket;
  };
}

const quietMs = 300;

type ClientOptions = NonNullable<ConstructorParameters<typeof DirectLine>[0]>;

/** How the client reads the bot's messages: polling, or a stream over this WebSocket class. */
export interface ResidentOptions {
  /** e.g. the `ws` package's `WebSocket`; without it the client polls every 200 ms. */
  webSocket?: ClientOptions['WebSocket'];
}

/** botframework-directlinejs options: streaming when a WebSocket class is given. */
function reading(options: ResidentOptions): Partial<ClientOptions> {
  return options.webSocket
    ? { webSocket: true, WebSocket: options.webSocket }
    : { webSocket: false, pollingInterval: 200 };
}

/**
 * One resident talking to the real app through the official Direct Line client, polling the
 * local Direct Line surface (or reading its stream) as Web Chat does. `say` returns every bot
 * message answering it.
 */
export class DirectLineResident {
  readonly received: Activity[] = [];
  private lastArrival = performance.now();

  private constructor(
    readonly directLine: DirectLine,
    readonly conversation: { conversationId: string; token: string },
  ) {
    directLine.activity$.subscribe({
      next: (activity) => {
        this.received.push(activity);
        this.lastArrival = performance.now();
      },
      error: (error: unknown) => {
        if (!/conversation ended/.test(String(error))) throw error;
      },
    });
  }

  /** A new conversation: a token from the page's route, then the client starts it. */
  static async start(baseUrl: string, options: ResidentOptions = {}): Promise<DirectLineResident> {
    const generated = await fetch(`${baseUrl}v3/directline/tokens/generate`, { method: 'POST' });
    const body = (await generated.json()) as { conversationId: string; token: string };
    const resident = new DirectLineResident(
      new DirectLine({
        token: body.token,
        domain: `${baseUrl}v3/directline`,
        ...reading(options),
      }),
      body,
    );
    await resident.waitFor('the greeting', (a) => /computer/i.test((a as Message).text ?? ''));
    await resident.settle();
    return resident;
  }

  /**
   * The same conversation again, as the web chat page does after a reload or a later visit:
   * refresh the kept token, then resume by conversation id.
   */
  static async resume(
    baseUrl: string,
    kept: { conversationId: string; token: string },
    options: ResidentOptions = {},
  ): Promise<DirectLineResident> {
    const refreshed = await fetch(`${baseUrl}v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${kept.token}` },
    });
    if (refreshed.status !== 200) throw new Error(`refresh answered ${refreshed.status}`);
    const body = (await refreshed.json()) as { conversationId: string; token: string };
    const resident = new DirectLineResident(
      new DirectLine({
        token: body.token,
        conversationId: body.conversationId,
        domain: `${baseUrl}v3/directline`,
        ...reading(options),
      }),
      body,
    );
    await resident.waitFor('the transcript', () => true);
    await resident.settle();
    return resident;
  }

  /** Sends text (and a button's value) and resolves to the bot's messages answering it. */
  async say(text: string, value?: unknown): Promise<BotMessage[]> {
    const sentId = await new Promise<string>((resolve, reject) => {
      this.directLine
        .postActivity({
          type: 'message',
          from: { id: 'ignored-by-server' },
          text,
          ...(value === undefined ? {} : { value }),
          locale: 'nl-NL',
        } as Message)
        .subscribe({ next: resolve, error: reject });
    });
    const isReply = (a: Activity) =>
      a.type === 'message' && a.from.role === 'bot' && (a as BotMessage).replyToId === sentId;
    await this.waitFor(`a reply to "${text}"`, isReply);
    await this.settle();
    return this.received.filter(isReply) as unknown as BotMessage[];
  }

  /** Presses a suggested action or card button of the last messages by its title. */
  async press(replies: BotMessage[], title: string): Promise<BotMessage[]> {
    const buttons = replies.flatMap((r) => [
      ...(r.suggestedActions?.actions ?? []),
      ...(r.attachments ?? []).flatMap(
        (a) => (a.content?.['buttons'] as { title: string; value?: unknown }[] | undefined) ?? [],
      ),
    ]);
    const button = buttons.find((b) => b.title === title);
    if (!button)
      throw new Error(`no button "${title}" in: ${buttons.map((b) => b.title).join(', ')}`);
    return this.say(title, button.value);
  }

  end(): void {
    this.directLine.end();
  }

  private waitFor(what: string, match: (a: Activity) => boolean): Promise<void> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.received.some(match)) resolve();
        else if (performance.now() - started > 10_000) reject(new Error(`no bot message: ${what}`));
        else setTimeout(check, 20);
      };
      check();
    });
  }

  /** Waits until no message arrived for a moment: the turn's replies all came. */
  private settle(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (performance.now() - this.lastArrival >= quietMs) resolve();
        else setTimeout(check, 50);
      };
      check();
    });
  }
}

/** The texts of bot messages, card texts included. */
export function shown(replies: BotMessage[]): string {
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

/** The values of the last message's suggested actions. */
export function actionValues(replies: BotMessage[]): unknown[] {
  return replies.at(-1)?.suggestedActions?.actions.map((a) => a.value) ?? [];
}
