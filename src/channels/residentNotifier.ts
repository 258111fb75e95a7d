import {
  ActionTypes,
  MessageFactory,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { formatMeetingTime } from '../../dialogs/meetingTime.js';
import { commandValues } from '../../dialogs/recognize.js';
import { isLanguage, type Language } from '../domain/language.js';
import type { Translator } from '../i18n.js';
import type { ConversationReferences } from '../ports/conversationReferences.js';
import type { NoticeOutcome, ResidentNotice, ResidentNotifier } from '../ports/residentNotices.js';
import { WhatsAppError } from './whatsapp/errors.js';
import { WHATSAPP_CHANNEL_ID } from './whatsapp/identity.js';
import type { TemplateRequest } from './whatsapp/whatsAppAdapter.js';

/** A proactive turn in a conversation, as botbuilder's adapters offer it. */
type ContinueConversation = (
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

export interface ResidentNotifierDeps {
  i18n: Translator;
  references: ConversationReferences;
  /** Web chat, Direct Line, Teams: the CloudAdapter's proactive turn under the bot's app id. */
  botFramework: ContinueConversation;
  /** WhatsApp, when configured. */
  whatsApp?: {
    continueConversation: ContinueConversation;
    sendTemplate(residentId: string, request: TemplateRequest): Promise<string>;
  };
}

/** The reminder template's quick replies, in the order of its buttons: "Ik kom", "Andere tijd", "Bel mij". */
export const reminderQuickReplies = ['reminder:coming', commandValues.move, commandValues.callback];

/**
 * {@link ResidentNotifier} over the channels: WhatsApp residents get a proactive message within
 * 24 hours of their last message and the re-engagement template after that (the reminder is
 * always its own template, with quick replies into the move and call-back paths); residents
 * of web chat and Direct Line get a proactive message through the conversation reference kept
 * when they last wrote. The buttons are the commands the dialogs know anywhere.
 */
export function createResidentNotifier(deps: ResidentNotifierDeps): ResidentNotifier {
  const { i18n } = deps;

  const activityOf = (lng: Language, notice: ResidentNotice): Partial<Activity> => {
    const meeting = formatMeetingTime(new Date(notice.start), lng);
    const values = { coach: notice.coachName, meeting };
    const choose = [
      {
        type: ActionTypes.ImBack,
        title: i18n.t(lng, 'booking.move.button'),
        value: commandValues.move,
      },
      {
        type: ActionTypes.ImBack,
        title: i18n.t(lng, 'callback.button'),
        value: commandValues.callback,
      },
    ];
    let activity: Partial<Activity>;
    switch (notice.kind) {
      case 'calendarDelayed':
        activity = MessageFactory.text(i18n.t(lng, 'outbox.delayed', values));
        break;
      case 'lateConflict': {
        const times = notice.offers
          .slice(0, 3)
          .map((offer) => `${formatMeetingTime(new Date(offer.start), lng)} (${offer.coachName})`)
          .join('; ');
        const text = [
          i18n.t(lng, 'outbox.lateConflict', values),
          ...(times ? [i18n.t(lng, 'outbox.offers', { times })] : []),
        ].join('\n\n');
        activity = MessageFactory.suggestedActions(choose, text);
        break;
      }
      case 'coachCancelled':
        activity = MessageFactory.suggestedActions(
          choose,
          i18n.t(lng, 'outbox.coachCancelled', values),
        );
        break;
      case 'reminder':
        throw new Error('a reminder goes as a WhatsApp template');
    }
    return { ...activity, locale: lng };
  };

  async function viaWhatsApp(
    residentId: string,
    lng: Language,
    notice: ResidentNotice,
  ): Promise<NoticeOutcome> {
    const whatsApp = deps.whatsApp;
    if (!whatsApp) return 'unreachable';
    try {
      if (notice.kind === 'reminder') {
        await whatsApp.sendTemplate(residentId, {
          template: 'reminder',
          language: lng,
          parameters: [
            formatMeetingTime(new Date(notice.start), lng),
            notice.coachName,
            notice.place,
          ],
          quickReplies: reminderQuickReplies,
        });
        return 'sent';
      }
      const reference = {
        channelId: WHATSAPP_CHANNEL_ID,
        serviceUrl: 'urn:voordeur:whatsapp',
        conversation: { id: residentId, isGroup: false, conversationType: 'personal', name: '' },
        user: { id: residentId, name: '' },
      };
      try {
        await proactively(whatsApp.continueConversation, reference, async (context) => {
          await context.sendActivity(activityOf(lng, notice));
        });
      } catch (error) {
        if (!(error instanceof WhatsAppError && error.code === 'VD_WHATSAPP_WINDOW_CLOSED'))
          throw error;
        // Past 24 hours only a template may go: it asks the resident to write back.
        await whatsApp.sendTemplate(residentId, { template: 'reengage', language: lng });
      }
      return 'sent';
    } catch (error) {
      if (error instanceof WhatsAppError && error.code === 'VD_WHATSAPP_OPTED_OUT')
        return 'optedOut';
      if (error instanceof WhatsAppError && error.code === 'VD_WHATSAPP_NO_CONTACT')
        return 'unreachable';
      throw error;
    }
  }

  return {
    async send(residentKey, language, notice) {
      const lng: Language = isLanguage(language) ? language : 'nl';
      const slash = residentKey.indexOf('/');
      const channel = residentKey.slice(0, slash);
      if (channel === WHATSAPP_CHANNEL_ID)
        return viaWhatsApp(residentKey.slice(slash + 1), lng, notice);
      if (notice.kind === 'reminder') return 'unreachable';
      const reference = await deps.references.get(residentKey);
      if (!reference) return 'unreachable';
      await proactively(
        deps.botFramework,
        reference as Partial<ConversationReference>,
        async (context) => {
          await context.sendActivity(activityOf(lng, notice));
        },
      );
      return 'sent';
    },
  };
}

/**
 * A proactive turn whose failure comes back to the caller, so the outbox tries the notice again.
 * Without this the adapter hands the error to its turn error handler, which swallows it (the job
 * would count as sent) and apologises and resets the dialogs of the resident's conversation —
 * a conversation that may be in the middle of a turn, on this instance or another.
 */
async function proactively(
  continueConversation: ContinueConversation,
  reference: Partial<ConversationReference>,
  send: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  await continueConversation(reference, async (context) => {
    try {
      await send(context);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}
