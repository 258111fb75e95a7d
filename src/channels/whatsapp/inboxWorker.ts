import type { Logger } from '../../log.js';
import type { Clock } from '../../ports/clock.js';
import { finish, type LeasedWorkQueue } from '../../ports/leasedWorkQueue.js';
import { inboxOrder, type WhatsAppInboxItem } from '../../ports/whatsAppStore.js';
import { LeasedWorker } from '../../outbox/leasedWorker.js';

export interface InboxWorkerDeps {
  inbox: LeasedWorkQueue<WhatsAppInboxItem>;
  /** Handles one message; resolves to its outcome (`handled`, `optedOut`, …). */
  handle(item: WhatsAppInboxItem): Promise<string>;
  clock: Clock;
  log: Logger;
  /** This process's name on its claims. */
  instanceId: string;
  /** How long a claim holds before another instance may take the message over. */
  leaseMs: number;
  /** A pending message older than this is picked up by the recovery sweep. */
  graceMs: number;
  /** Claims per message before it is given up (logged and kept as `failed`). */
  maxAttempts: number;
  /** Time between recovery sweeps. */
  recoveryIntervalMs: number;
}

/**
 * Handles the inbox on the generic {@link LeasedWorker}: each resident's open messages one at a
 * time, oldest (Meta's timestamp) first, each under a claim (an ETag-guarded lease, so two
 * instances never both handle it), then marked handled and stripped of its content. The
 * recovery sweep finds messages nobody is handling. A message older than the last one handled
 * is still handled, never dropped.
 */
export class InboxWorker extends LeasedWorker<WhatsAppInboxItem> {
  constructor(deps: InboxWorkerDeps) {
    super({
      ...deps,
      queue: deps.inbox,
      label: 'WhatsApp message',
      order: inboxOrder,
      done: handled,
    });
  }
}

/** The item once its message is done with: without the message (data minimisation). */
function handled(item: WhatsAppInboxItem, outcome: string, at: number): WhatsAppInboxItem {
  const done = finish(item, 'handled', outcome, at);
  delete done.message;
  return done;
}
