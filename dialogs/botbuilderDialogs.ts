/**
 * The classes of botbuilder-dialogs that Voordeur's dialogs build on, each imported from its own
 * file. The package's index also loads every stock prompt and, with them, the
 * Microsoft.Recognizers.Text suite (date-time, number, choice, sequence: about 5 MB of code that
 * Voordeur never runs, since its own prompts read the resident's answers; see
 * dialogs/localizedPrompt.ts). Loading that cost about 0.45 s of start-up and tens of MiB of
 * memory per instance. botbuilder 4.23.3 is the SDK's final release, so these paths stay where
 * they are. Types still come from the package itself.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export { Dialog } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
