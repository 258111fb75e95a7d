import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs.js';
import type { DialogDeps } from './deps.js';
import { explainPrivacyBriefly } from './privacy.js';
import { replyFor } from './reply.js';

export const WELCOME_DIALOG = 'welcome';

/**
 * The first thing a resident sees: who is talking (a computer, EU AI Act) and what is kept
 * for how long. "Taal / Language" and "Meer weten" are buttons on the menu question that
 * follows, so they stay available after the greeting. A resident who switches to a language
 * they were not greeted in gets the welcome again in that language (see `languageChoice.ts`).
 */
export class WelcomeDialog extends WaterfallDialog {
  constructor(private readonly deps: DialogDeps) {
    super(WELCOME_DIALOG);
    this.addStep(this.greet.bind(this));
    this.addStep(this.explainPrivacy.bind(this));
  }

  private async greet(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    await reply.send('welcome.greeting');
    return step.next();
  }

  private async explainPrivacy(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = await replyFor(this.deps, step.context);
    await explainPrivacyBriefly(this.deps, reply);
    const profile = await this.deps.state.profile.get(step.context, {});
    await this.deps.state.profile.set(step.context, {
      ...profile,
      greetedAt: this.deps.clock.now().toISOString(),
      greetedIn: [...new Set([...(profile.greetedIn ?? []), reply.lng])],
    });
    return step.endDialog();
  }
}
