import * as z from 'zod';
import { intents } from './intents.js';
import { slotValueSchema } from './slotCard.js';

/** The paths a command starts on its own, outside the menu. */
export const commandPaths = [
  'callback',
  'move',
  'cancel',
  'coming',
  'erase',
  'slot',
  'welcomeBack',
] as const;

/** How the main dialog's route starts: with the menu, or straight into a path. */
export const mainOptionsSchema = z
  .object({
    /** Already understood from the first message, e.g. "ik wil werk" on WhatsApp. */
    intent: z.enum(intents).optional(),
    /** Coming back after a path: ask "anything else?" instead of the first question. */
    again: z.boolean().optional(),
    /** A global command that starts a path of its own (see `commandRouter.ts`). */
    command: z.enum(commandPaths).optional(),
    /** With `command: 'slot'`: the slot a "Kies deze tijd" button carried. */
    slot: slotValueSchema.optional(),
  })
  .default({});

export type MainOptions = NonNullable<z.input<typeof mainOptionsSchema>>;
