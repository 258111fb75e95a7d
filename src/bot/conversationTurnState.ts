import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { conversationKey } from '../domain/conversationKey.js';
import type { ConversationStore } from '../ports/conversationStore.js';

interface Loaded {
  key: string;
  state: Record<string, unknown>;
  /** `undefined` when the conversation has no document yet. */
  etag: string | undefined;
  /** Serialized state as loaded or last saved: a save with no change writes nothing. */
  snapshot: string;
}

const LOADED = Symbol('voordeur.conversationTurnState');

/**
 * The conversation's state for one turn: ONE point read on load, at most ONE write on save,
 * and that write is conditional on the ETag that was read.
 *
 * Why not botbuilder's ConversationState: its `saveChanges` sets `eTag = '*'` (last write
 * wins), so two instances handling the same conversation silently lose an update. Here a lost
 * race surfaces as `VD_STATE_CONFLICT`, and the turn gate reloads and runs the turn again.
 */
export class ConversationTurnState {
  constructor(private readonly store: ConversationStore) {}

  /** The storage key of a turn's conversation: channel and conversation id. */
  static keyOf(context: TurnContext): string {
    return conversationKey(context.activity);
  }

  /** Loads the state (once per turn; `force` reloads, e.g. after a conflict). */
  async load(context: TurnContext, force = false): Promise<void> {
    if (!force && context.turnState.has(LOADED)) return;
    const key = ConversationTurnState.keyOf(context);
    const found = await this.store.read(key);
    const state = found?.value.state ?? {};
    context.turnState.set(LOADED, {
      key,
      state,
      etag: found?.etag,
      snapshot: JSON.stringify(state),
    } satisfies Loaded);
  }

  /** Writes the state back when it changed, guarded by the loaded ETag. */
  async save(context: TurnContext): Promise<void> {
    const loaded = this.loaded(context);
    const snapshot = JSON.stringify(loaded.state);
    if (snapshot === loaded.snapshot) return;
    loaded.etag = await this.store.write(
      loaded.key,
      { state: loaded.state },
      loaded.etag ? { ifMatch: loaded.etag } : { ifNoneMatch: '*' },
    );
    loaded.snapshot = snapshot;
  }

  /** Forgets the conversation's state (the next save writes an empty state). */
  clear(context: TurnContext): void {
    const loaded = this.loaded(context);
    for (const name of Object.keys(loaded.state)) delete loaded.state[name];
  }

  /** An accessor for one top-level property, as botbuilder's dialogs expect. */
  createProperty<T>(name: string): StatePropertyAccessor<T> {
    return new PropertyAccessor<T>(name, (context) => this.loaded(context).state);
  }

  private loaded(context: TurnContext): Loaded {
    const loaded = context.turnState.get(LOADED) as Loaded | undefined;
    if (!loaded) throw new Error('conversation state used before load()');
    return loaded;
  }
}

class PropertyAccessor<T> implements StatePropertyAccessor<T> {
  constructor(
    private readonly name: string,
    private readonly state: (context: TurnContext) => Record<string, unknown>,
  ) {}

  get(context: TurnContext): Promise<T | undefined>;
  get(context: TurnContext, defaultValue: T): Promise<T>;
  async get(context: TurnContext, defaultValue?: T): Promise<T | undefined> {
    const state = this.state(context);
    if (state[this.name] === undefined && defaultValue !== undefined) {
      state[this.name] = structuredClone(defaultValue);
    }
    return state[this.name] as T | undefined;
  }

  async set(context: TurnContext, value: T): Promise<void> {
    this.state(context)[this.name] = value;
  }

  async delete(context: TurnContext): Promise<void> {
    delete this.state(context)[this.name];
  }
}
