import type { Municipality } from '../src/domain/municipality.js';
import type { QuestionContent } from '../src/domain/questionAnswers.js';
import type { Translator } from '../src/i18n.js';
import type { Planner } from '../src/planner/planner.js';
import type { CallbackStore } from '../src/ports/callbacks.js';
import type { Clock } from '../src/ports/clock.js';
import type { ResidentDataPort } from '../src/ports/residentData.js';
import type { TurnStateAccessors } from './state.js';

/** Everything a dialog may use. Dialogs get this one object; they never build clients. */
export interface DialogDeps {
  state: TurnStateAccessors;
  i18n: Translator;
  municipality: Municipality;
  /** How long a conversation is kept, in days (`Config['retention']['conversationDays']`). */
  retentionDays: number;
  clock: Clock;
  /** Proposes, books, moves and cancels first meetings with coaches. */
  planner: Planner;
  /** Call-back requests, stored only after the resident agreed to keep their number. */
  callbacks: CallbackStore;
  /**
   * Where residents' browsers reach this server (`Config['publicBaseUrl']`), to make relative
   * coach photo paths such as `/coaches/elke.svg` absolute. Without it they stay relative,
   * which only the local web chat page can resolve.
   */
  publicBaseUrl?: string | undefined;
  /** The municipality's answers to questions and the facts they use; unset: locale defaults. */
  questions?: QuestionContent | undefined;
  /**
   * The resident's rights: see what is kept and erase it. Without it, "wat weten jullie van
   * mij?" and "verwijder mijn gegevens" get the privacy text and the phone number.
   */
  residentData?: ResidentDataPort | undefined;
}
