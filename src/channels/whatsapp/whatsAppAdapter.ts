import {
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { WhatsAppConfig } from '../../config.js';
import { defaultLanguage, languageFromTag, type Language } from '../../domain/language.js';
import { pseudonym } from '../../domain/pseudonym.js';
import type { Logger } from '../../log.js';
import type { Clock } from '../../ports/clock.js';
import type { WhatsAppContact, WhatsAppStore } from '../../ports/whatsAppStore.js';
import { WhatsAppError } from './errors.js';
import { GraphError, type GraphClient } from './graphClient.js';
import type { WhatsAppChannelData } from './inbound.js';
import { toOutbound, type OutboundPart } from './outbound.js';
import type { TemplateContent } from './wireFormat.js';

/** Free-form messages may be sent until 24 hours after the resident's last message. */
export const serviceWindowMs = 24 * 60 * 60 * 1000;

/** The templates Voordeur may send, by purpose; their names come from config. */
export type TemplateKey = keyof WhatsAppConfig['templates'];

export interface TemplateRequest {
  template: TemplateKey;
  language: Language;
  /** The body's `{{1}}`, `{{2}}`, … in order. */
  parameters?: string[];
  /** Payloads of the template's quick-reply buttons, in order (e.g. `booking:move`). */
  quickReplies?: string[];
  /** What sent it (an outbox job), as `biz_opaque_callback_data`; no personal data. */
  trace?: string;
}

/**
 * An outgoing activity's trace (`channelData.trace`, set by the outbox's notices): sent along
 * as `biz_opaque_callback_data`, so Meta's status callbacks name the job.
 */
function traceOf(activity: Partial<Activity>): string | undefined {
  const trace = (activity.channelData as { trace?: unknown } | undefined)?.trace;
  return typeof trace === 'string' && trace !== '' ? trace : undefined;
}

export interface WhatsAppAdapterDeps {
  store: WhatsAppStore;
  graph: GraphClient;
  clock: Clock;
  log: Logger;
  templates: WhatsAppConfig['templates'];
  templateLanguages: WhatsAppConfig['templateLanguages'];
  /** The label of the button that opens a list, in a language (≤ 20 characters). */
  listButtonLabel(language: Language): string;
}

/** The contact of an inbound turn, read once by the channel before the turn. */
const CONTACT = Symbol('voordeur.whatsapp.contact');
/** Set once a turn has sent its re-engagement template, so it is sent only once. */
const RE_ENGAGED = Symbol('voordeur.whatsapp.reEngaged');

const blank = (activities: readonly unknown[]): ResourceResponse[] =>
  activities.map(() => ({ id: '' }));

/**
 * A Bot Framework adapter for the WhatsApp Business Cloud API. The channel hands it inbound
 * activities (see `inbound.ts`); the bot's replies come back through {@link sendActivities},
 * which turns them into Cloud API messages (see `outbound.ts`) and sends them to the number in
 * the resident's contact document.
 *
 * Before anything is sent:
 * - a resident who wrote "stop" gets nothing at all, not even a reply;
 * - outside the 24-hour window free-form messages are refused: in a turn answering an old
 *   message (Meta retries for days) the re-engagement template goes out instead of the replies;
 *   outside a turn (proactive) it throws `VD_WHATSAPP_WINDOW_CLOSED`: use {@link sendTemplate}.
 *
 * Send failures are never dropped silently: each is logged (ids and Meta's code) and recorded
 * with the message statuses (`WhatsAppStore.recordFailure`); a 131047 answer (window closed
 * after all) sends the template instead.
 */
export class WhatsAppAdapter extends BotAdapter {
  constructor(private readonly deps: WhatsAppAdapterDeps) {
    super();
  }

  /** Runs one inbound activity through the middleware and `logic` (the bot's turn gate). */
  async processInbound(
    activity: Partial<Activity>,
    contact: WhatsAppContact,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const context = new TurnContext(this, activity);
    context.turnState.set(CONTACT, contact);
    await this.runMiddleware(context, logic);
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const residentId = activities[0]?.conversation?.id ?? context.activity.conversation?.id;
    if (!residentId) throw new Error('WhatsApp reply without a conversation id');
    const outgoing = activities.filter((activity) => (activity.type ?? 'message') === 'message');
    if (outgoing.length === 0) return blank(activities);
    const conversation = pseudonym(residentId);

    const contact =
      (context.turnState.get(CONTACT) as WhatsAppContact | undefined) ??
      (await this.deps.store.contact(residentId));
    if (contact?.optedOutAt) {
      this.deps.log.info(
        { conversation, withheld: outgoing.length },
        'resident opted out; nothing sent',
      );
      return blank(activities);
    }
    if (!contact?.waId) throw new WhatsAppError('VD_WHATSAPP_NO_CONTACT');
    const to = contact.waId;
    const language = languageFromTag(outgoing[0]?.locale) ?? defaultLanguage;

    if (!this.withinWindow(contact)) {
      if (!isInboundTurn(context)) throw new WhatsAppError('VD_WHATSAPP_WINDOW_CLOSED');
      await this.reEngage(context, residentId, to, language, outgoing.length);
      return blank(activities);
    }

    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if ((activity.type ?? 'message') !== 'message') {
        responses.push({ id: '' });
        continue;
      }
      const lng = languageFromTag(activity.locale) ?? language;
      const { parts, notes } = toOutbound(activity, {
        listButtonLabel: this.deps.listButtonLabel(lng),
      });
      if (notes.length > 0) {
        // Something cut or left out is worth knowing; a photo WhatsApp cannot show is routine.
        const lossy = notes.some(
          (note) => note.note !== 'imageSkipped' && note.note !== 'textSplit',
        );
        this.deps.log[lossy ? 'info' : 'debug'](
          { conversation, notes },
          'reply fitted to WhatsApp limits',
        );
      }
      let id = '';
      for (const part of parts) {
        try {
          id = await this.sendPart(to, part, traceOf(activity));
        } catch (error) {
          if (error instanceof GraphError && error.failure === 'reEngagement') {
            const unsent = activities.length - responses.length;
            await this.reEngage(context, residentId, to, lng, unsent);
            return [...responses, ...blank(activities.slice(responses.length))];
          }
          await this.recordSendFailure(residentId, part.kind, error);
        }
      }
      responses.push({ id });
    }
    return responses;
  }

  /**
   * Sends an approved template, e.g. the meeting reminder, inside or outside the 24-hour window.
   * Throws `VD_WHATSAPP_OPTED_OUT`, `VD_WHATSAPP_NO_CONTACT` or `VD_WHATSAPP_SEND_FAILED`.
   *
   * @example
   * await whatsApp.adapter.sendTemplate(residentId, {
   *   template: 'reminder',
   *   language: 'nl',
   *   parameters: ['donderdag 3 december om 13:30', 'Elke'],
   * });
   */
  async sendTemplate(residentId: string, request: TemplateRequest): Promise<string> {
    const contact = await this.deps.store.contact(residentId);
    if (contact?.optedOutAt) throw new WhatsAppError('VD_WHATSAPP_OPTED_OUT');
    if (!contact?.waId) throw new WhatsAppError('VD_WHATSAPP_NO_CONTACT');
    try {
      return await this.deps.graph.sendMessage(contact.waId, this.template(request), request.trace);
    } catch (error) {
      await this.recordSendFailure(residentId, 'template', error);
      throw new WhatsAppError('VD_WHATSAPP_SEND_FAILED', request.template, { cause: error });
    }
  }

  override async updateActivity(): Promise<void> {
    throw new WhatsAppError('VD_WHATSAPP_UNSUPPORTED');
  }

  override async deleteActivity(): Promise<void> {
    throw new WhatsAppError('VD_WHATSAPP_UNSUPPORTED');
  }

  /**
   * A proactive turn in a WhatsApp conversation (reference from an earlier activity). Its
   * replies are free-form, so they only go out within 24 hours of the resident's last message.
   */
  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: 'event', name: 'continueConversation' },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  private withinWindow(contact: WhatsAppContact): boolean {
    const last = contact.lastInboundAt;
    return last !== undefined && this.deps.clock.now().getTime() - last < serviceWindowMs;
  }

  private async sendPart(to: string, part: OutboundPart, trace?: string): Promise<string> {
    if (part.kind === 'message') return this.deps.graph.sendMessage(to, part.content, trace);
    const mediaId = await this.deps.graph.uploadMedia(part.file);
    return this.deps.graph.sendMessage(
      to,
      {
        type: 'document',
        document: {
          id: mediaId,
          filename: part.file.filename,
          ...(part.caption ? { caption: part.caption } : {}),
        },
      },
      trace,
    );
  }

  private template(request: TemplateRequest): TemplateContent {
    const parameters = request.parameters ?? [];
    const components: NonNullable<TemplateContent['template']['components']> = [
      ...(parameters.length > 0
        ? [
            {
              type: 'body' as const,
              parameters: parameters.map((text) => ({ type: 'text' as const, text })),
            },
          ]
        : []),
      ...(request.quickReplies ?? []).map((payload, index) => ({
        type: 'button' as const,
        sub_type: 'quick_reply' as const,
        index: String(index),
        parameters: [{ type: 'payload' as const, payload }],
      })),
    ];
    return {
      type: 'template',
      template: {
        name: this.deps.templates[request.template],
        language: { code: this.deps.templateLanguages[request.language] },
        ...(components.length > 0 ? { components } : {}),
      },
    };
  }

  /**
   * Replies that cannot go out because the window closed (an old message handled late): the
   * re-engagement template instead, once per turn, so the resident knows to write again.
   */
  private async reEngage(
    context: TurnContext,
    residentId: string,
    to: string,
    language: Language,
    withheld: number,
  ): Promise<void> {
    const conversation = pseudonym(residentId);
    const first = !context.turnState.get(RE_ENGAGED);
    context.turnState.set(RE_ENGAGED, true);
    this.deps.log.warn(
      { conversation, withheld, ...(first ? { template: this.deps.templates.reengage } : {}) },
      'outside the 24-hour window: replies withheld',
    );
    const at = this.deps.clock.now().getTime();
    const turn = context.activity.id ? pseudonym(context.activity.id) : String(at);
    try {
      await this.deps.store.recordFailure({
        pk: residentId,
        id: `windowClosed_${turn}`,
        at,
        failure: { reason: 'windowClosed', attempts: withheld },
      });
    } catch (error) {
      this.deps.log.error(
        { conversation, err: { type: (error as Error).name } },
        'could not record withheld WhatsApp replies',
      );
    }
    if (!first) return;
    try {
      await this.deps.graph.sendMessage(to, this.template({ template: 'reengage', language }));
    } catch (error) {
      await this.recordSendFailure(residentId, 'template', error);
    }
  }

  private async recordSendFailure(residentId: string, what: string, error: unknown): Promise<void> {
    const graph = error instanceof GraphError ? error : undefined;
    const at = this.deps.clock.now().getTime();
    const failure = {
      reason: graph?.failure ?? 'error',
      ...(graph?.status !== undefined ? { status: graph.status } : {}),
      ...(graph?.code !== undefined ? { code: graph.code } : {}),
      ...(graph ? { attempts: graph.attempts } : {}),
    };
    const id = `failed_${at}_${Math.random().toString(36).slice(2, 10)}`;
    this.deps.log.error(
      { conversation: pseudonym(residentId), what, failureId: id, ...failure },
      'WhatsApp message not sent',
    );
    try {
      await this.deps.store.recordFailure({ pk: residentId, id, at, failure });
    } catch (recordError) {
      this.deps.log.error(
        {
          conversation: pseudonym(residentId),
          failureId: id,
          err: { type: (recordError as Error).name },
        },
        'could not record a WhatsApp send failure',
      );
    }
  }
}

/** Whether the turn answers a resident's message (as opposed to a proactive turn). */
function isInboundTurn(context: TurnContext): boolean {
  const data = (
    context.activity.channelData as { whatsapp?: Partial<WhatsAppChannelData> } | undefined
  )?.whatsapp;
  return data?.inbound === true;
}
