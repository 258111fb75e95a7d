/**
 * The dialogs define the state they need (`dialogs/state.ts`); the bot loads and saves it. Kept
 * here so the bot's and the channels' imports stay as they were.
 */
export {
  createStateAccessors,
  type Profile,
  type PropertySource,
  type TurnStateAccessors,
} from '../../dialogs/state.js';
