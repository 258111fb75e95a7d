import type { StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Language } from '../src/domain/language.js';
import type { Intent } from './intents.js';

/**
 * The conversation state the dialogs need. Dialogs define it and the bot provides it, so the
 * dependency points from the bot to the dialogs and not back.
 */

/** What Voordeur remembers about the resident in this conversation (conversation state). */
export interface Profile {
  language?: Language;
  /** When the welcome (computer notice and privacy) was shown, ISO 8601; set once. */
  greetedAt?: string;
  /** The languages the welcome was shown in: a switch to another one shows it again. */
  greetedIn?: Language[];
  /** Set once the resident's first message was checked for another language. */
  languageChecked?: boolean;
  /** A language offered ("Türkçe devam edelim mi?") and not yet answered. */
  languageOffer?: Language;
  /** Languages offered before: each is offered once at most. */
  languagesOffered?: Language[];
  /** The first meeting this conversation booked, to move or cancel it from the chat. */
  booking?: { coachId: string; bookingId: string };
  /** The coach the resident met or planned with: a returning resident keeps that coach. */
  coachId?: string;
  /** When the resident last wrote (ISO 8601): writing again after a while greets them with their meeting. */
  lastSeenAt?: string;
  /** What the message that got a language offered asked for, to carry over once they choose. */
  carriedIntent?: Intent;
  /** Where the resident lives, if they said (to choose a coach nearby). One of the two. */
  postcode?: string;
  place?: string;
}

/** The state accessors of a turn. Created in one place; dialogs receive them through their deps. */
export interface TurnStateAccessors {
  dialogState: StatePropertyAccessor<DialogState>;
  profile: StatePropertyAccessor<Profile>;
}

/**
 * Anything that hands out property accessors: the bot's `ConversationTurnState`, or botbuilder's
 * ConversationState in tests.
 */
export interface PropertySource {
  createProperty<T>(name: string): StatePropertyAccessor<T>;
}

export function createStateAccessors(conversationState: PropertySource): TurnStateAccessors {
  return {
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    profile: conversationState.createProperty<Profile>('profile'),
  };
}
