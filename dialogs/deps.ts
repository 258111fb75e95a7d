import type { TurnStateAccessors } from '../src/bot/turnState.js';
import type { Config } from '../src/config.js';
import type { Translator } from '../src/i18n.js';
import type { Clock } from '../src/ports/clock.js';

/** Everything a dialog may use. Dialogs get this one object; they never build clients. */
export interface DialogDeps {
  state: TurnStateAccessors;
  i18n: Translator;
  municipality: Config['municipality'];
  /** How long a conversation is kept, in days (`Config['retention']['conversationDays']`). */
  retentionDays: number;
  clock: Clock;
}
