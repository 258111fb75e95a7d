import {
  ActionTypes,
  MessageFactory,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { formatMeetingTime } from '../../dialogs/meetingTime.js';
import { intentChoices } from '../../dialogs/intents.js';
import { planIntents } from '../../dialogs/planMeetingOptions.js';
import { commandValues } from '../../dialogs/recognize.js';
import { isLanguage, languageTags, type Language } from '../domain/language.js';
import { icsAttachment, icsFileName, meetingIcs } from '../planner/icsFile.js';
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
  /** Who calendar files come from, and the number in them. */
  municipality: { name: string; phone: string };
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
export const reminderQuickReplies = [
  commandValues.coming,
  commandValues.move,
  commandValues.callback,
];

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
      case 'coachCancelled': {
        const plan = planAgainValue(notice);
        const again = plan
          ? [
              { type: ActionTypes.ImBack, title: i18n.t(lng, 'outbox.chooseAgain'), value: plan },
              ...choose.slice(1),
            ]
          : choose;
        activity = MessageFactory.suggestedActions(
          again,
          i18n.t(lng, 'outbox.coachCancelled', values),
        );
        break;
      }
      case 'reminder':
        throw new Error('a reminder goes as a WhatsApp template');
    }
    return { ...activity, locale: lng };
  };

  /**
   * The cancellation calendar file after a coach's cancel: the same UID as the file the resident
   * got at booking, with METHOD:CANCEL, so their own calendar drops the meeting too.
   */
  const cancellationFile = (
    lng: Language,
    residentKey: string,
    notice: ResidentNotice,
  ): Partial<Activity> | undefined => {
    if (notice.kind !== 'coachCancelled' || !notice.calendarFile) return undefined;
    const { end, bookedAt, cancelledAt } = notice.calendarFile;
    const title = i18n.t(lng, 'ics.cancelledTitle', { coach: notice.coachName });
    const meeting = formatMeetingTime(new Date(notice.start), lng);
    const ics = meetingIcs({
      booking: { start: notice.start, end, residentKey, createdAt: bookedAt },
      title,
      description: i18n.t(lng, 'ics.description', { meeting, phone: deps.municipality.phone }),
      organizer: deps.municipality.name,
      cancelledAt: new Date(cancelledAt),
    });
    const file = MessageFactory.attachment(
      icsAttachment(ics, icsFileName(title, i18n.t(lng, 'ics.fileName'))),
      i18n.t(lng, 'booking.cancelledCalendar'),
    );
    return { ...file, locale: languageTags[lng] };
  };

  /** The notice, and after it the cancellation file where there is one. */
  const activitiesOf = (
    lng: Language,
    residentKey: string,
    notice: ResidentNotice,
  ): Partial<Activity>[] => {
    const file = cancellationFile(lng, residentKey, notice);
    return [activityOf(lng, notice), ...(file ? [file] : [])];
  };

  async function viaWhatsApp(
    residentKey: string,
    residentId: string,
    lng: Language,
    notice: ResidentNotice,
    trace: string | undefined,
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
          ...(trace ? { trace } : {}),
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
          const [activity, ...more] = activitiesOf(lng, residentKey, notice);
          await context.sendActivity(trace ? { ...activity, channelData: { trace } } : activity!);
          for (const next of more) await context.sendActivity(next);
        });
      } catch (error) {
        if (!(error instanceof WhatsAppError && error.code === 'VD_WHATSAPP_WINDOW_CLOSED'))
          throw error;
        // Past 24 hours only a template may go: for a meeting that can no longer go ahead, the
        // appointment-update template that says so (the resident might otherwise come for
        // nothing); for the rest, the one that asks the resident to write back.
        await whatsApp.sendTemplate(residentId, {
          ...templateAfterWindow(lng, notice),
          ...(trace ? { trace } : {}),
        });
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
    async send(residentKey, language, notice, trace) {
      const lng: Language = isLanguage(language) ? language : 'nl';
      const slash = residentKey.indexOf('/');
      const channel = residentKey.slice(0, slash);
      if (channel === WHATSAPP_CHANNEL_ID)
        return viaWhatsApp(residentKey, residentKey.slice(slash + 1), lng, notice, trace);
      if (notice.kind === 'reminder') return 'unreachable';
      const reference = await deps.references.get(residentKey);
      if (!reference) return 'unreachable';
      await proactively(
        deps.botFramework,
        reference as Partial<ConversationReference>,
        async (context) => {
          await context.sendActivities(activitiesOf(lng, residentKey, notice));
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
/**
 * The value of the button that plans a new meeting after the coach cancelled: the booking is
 * gone, so "Afspraak verzetten" would find nothing to move; the menu choice of what the meeting
 * was for plans anew. Without a known intent: undefined (the move button is offered).
 */
function planAgainValue(notice: ResidentNotice): string | undefined {
  if (notice.kind !== 'coachCancelled') return undefined;
  const plan = planIntents.find((intent) => intent === notice.intent);
  return plan ? intentChoices[plan].value : undefined;
}

/**
 * The template for a notice outside WhatsApp's 24-hour window. A coach's cancellation and a
 * late clash have utility templates of their own ({{1}} the coach, {{2}} when; quick replies
 * "Andere tijd kiezen" / "Andere tijd" and "Bel mij liever", which lead where the chat's buttons
 * lead); anything else gets the re-engagement template.
 */
function templateAfterWindow(lng: Language, notice: ResidentNotice): TemplateRequest {
  const parameters = [notice.coachName, formatMeetingTime(new Date(notice.start), lng)];
  switch (notice.kind) {
    case 'coachCancelled':
      return {
        template: 'coachCancelled',
        language: lng,
        parameters,
        quickReplies: [planAgainValue(notice) ?? commandValues.move, commandValues.callback],
      };
    case 'lateConflict':
      return {
        template: 'lateConflict',
        language: lng,
        parameters,
        quickReplies: [commandValues.move, commandValues.callback],
      };
    default:
      return { template: 'reengage', language: lng };
  }
}

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
