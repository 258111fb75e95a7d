import type { DialogDeps } from './deps.js';
import type { Reply } from './reply.js';
import { webChatRememberDays } from '../src/domain/webChatMemory.js';

/** "30 dagen" / "1 dag": the retention period in words, for the privacy texts. */
function retention(deps: DialogDeps, reply: Reply): { days: string; browserDays: string } {
  return {
    days: reply.text('common.days', { count: deps.retentionDays }),
    browserDays: reply.text('common.days', { count: webChatRememberDays }),
  };
}

/** Two short sentences: what is kept, for how long, and that no BSN is needed. */
export async function explainPrivacyBriefly(deps: DialogDeps, reply: Reply): Promise<void> {
  await reply.send('privacy.short', retention(deps, reply));
}

/** The full text behind "Meer weten": what, why, how long, who, and the resident's rights. */
export async function explainPrivacyFully(deps: DialogDeps, reply: Reply): Promise<void> {
  const parts = [reply.text('privacy.full', retention(deps, reply))];
  const privacyUrl = deps.municipality.privacyUrl;
  if (privacyUrl) parts.push(reply.text('privacy.link', { privacyUrl }));
  await reply.sendText(parts.join('\n\n'));
}

/**
 * Set on a turn in which the resident confirmed the erasure. The composition root erases after
 * the turn — after its state is saved and its summary recorded, so nothing of this turn is
 * written back afterwards — and sends `done` (or `failed`) in the resident's language.
 */
export const eraseAfterTurn = Symbol('erase after turn');

export interface EraseAfterTurn {
  key: string;
  channel: string;
  done: string;
  failed: string;
}
