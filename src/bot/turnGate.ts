import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import { isVoordeurError } from '../errors.js';
import { defaultLanguage, languageTags } from '../domain/language.js';
import { pseudonym } from '../domain/pseudonym.js';
import type { Logger } from '../log.js';
import { ConversationTurnState } from './conversationTurnState.js';
import { KeyedQueue } from '../domain/keyedQueue.js';
import type { TurnStateAccessors } from '../../dialogs/state.js';

/** Whatever runs the conversation itself (the dialogs). It must not save state. */
export interface TurnHandler {
  onTurn(context: TurnContext): Promise<void>;
}

export interface TurnGateDeps {
  conversationState: ConversationTurnState;
  state: TurnStateAccessors;
  dialogs: TurnHandler;
  log: Logger;
  /** How often a turn may run in all when it keeps losing races with other instances. */
  maxAttempts?: number;
}

/**
 * The turn gate. Per conversation, turns run one at a time. Each turn loads the state, runs the
 * dialogs with replies held back, and writes the state guarded by its ETag. Only when the write
 * succeeded are the replies sent, so a turn that lost a race (412/409) is run again on fresh
 * state without the resident ever seeing a reply twice.
 */
export class TurnGate {
  private readonly queue = new KeyedQueue();
  private readonly maxAttempts: number;

  constructor(private readonly deps: TurnGateDeps) {
    this.maxAttempts = deps.maxAttempts ?? 8;
  }

  /** The bot logic to hand to an adapter: `adapter.process(req, res, bot.run)`. */
  readonly run = (context: TurnContext): Promise<void> =>
    this.queue.run(ConversationTurnState.keyOf(context), () => this.runGuarded(context));

  private async runGuarded(context: TurnContext): Promise<void> {
    const outbox = new Outbox(context);
    try {
      for (let attempt = 1; ; attempt++) {
        outbox.discard();
        await this.deps.conversationState.load(context, attempt > 1);
        await this.deps.dialogs.onTurn(context);
        try {
          await this.deps.conversationState.save(context);
          break;
        } catch (error) {
          if (!isVoordeurError(error, 'VD_STATE_CONFLICT') || attempt >= this.maxAttempts)
            throw error;
          this.deps.log.info(
            { conversation: pseudonym(context.activity.conversation.id), attempt },
            'state changed by another instance; running the turn again',
          );
          // A little jitter so two instances racing on one conversation fall out of step.
          await sleep(Math.random() * 10 * attempt);
        }
      }
      await outbox.flush(await this.localeTag(context));
    } finally {
      // Whatever happens next (the error handler's apology) goes straight out.
      outbox.release();
    }
  }

  private async localeTag(context: TurnContext): Promise<string> {
    const profile = await this.deps.state.profile.get(context);
    return languageTags[profile?.language ?? defaultLanguage];
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds a turn's replies back until the turn's state is safely written. */
class Outbox {
  private held: Partial<Activity>[] = [];
  private holding = true;

  constructor(private readonly context: TurnContext) {
    context.onSendActivities(async (_context, activities, next) => {
      if (!this.holding) return next();
      this.held.push(...activities);
      return activities.map((): ResourceResponse => ({ id: '' }));
    });
  }

  discard(): void {
    this.held = [];
  }

  async flush(locale: string): Promise<void> {
    const activities = this.held.map((activity) => ({
      ...activity,
      locale: activity.locale ?? locale,
    }));
    this.release();
    if (activities.length > 0) await this.context.sendActivities(activities);
  }

  release(): void {
    this.holding = false;
    this.held = [];
  }
}
