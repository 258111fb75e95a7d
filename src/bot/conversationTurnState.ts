import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { conversationKey } from '../domain/conversationKey.js';
import { isVoordeurError } from '../errors.js';
import type { ConversationStore } from '../ports/conversationStore.js';

interface Loaded {
  key: string;
  channel: string;
  state: Record<string, unknown>;
  /** `undefined` when the conversation has no document yet. */
  etag: string | undefined;
  /** Serialized state as loaded or last saved: a save with no change writes nothing. */
  snapshot: string;
  /** Taken from what this instance remembered, not read from the store this turn. */
  remembered: boolean;
  /** Its write was refused: the document changed or went away since. */
  refused?: boolean;
}

const LOADED = Symbol('voordeur.conversationTurnState');
/** Channels that can be marked as served by several instances (Bot Service has a few dozen). */
const maxSharedChannels = 64;

/** What this instance last read or wrote of a conversation, and when (performance.now()). */
interface Cached {
  snapshot: string;
  etag: string;
  at: number;
}

export interface TurnStateCacheOptions {
  /** Conversations remembered; the least recently used is forgotten first. Default 10 000. */
  maxEntries?: number;
  /** How long a remembered document is trusted without a read. Default 10 minutes. */
  maxAgeMs?: number;
  /** Told once per channel found to move between instances (its memory is off from then on). */
  onSharedChannel?: (channel: string) => void;
}

/**
 * The conversation's state for one turn: at most ONE point read on load (none when this
 * instance wrote the document last and the conversation stays on it), at most ONE write on
 * save, and that write is conditional on the ETag that was read or written.
 *
 * Why not botbuilder's ConversationState: its `saveChanges` sets `eTag = '*'` (last write
 * wins), so two instances handling the same conversation silently lose an update. Here a lost
 * race surfaces as `VD_STATE_CONFLICT`, and the turn gate reloads and runs the turn again.
 */
export class ConversationTurnState {
  /**
   * The document and ETag this instance last read or wrote, per conversation, so a steady
   * conversation costs one write per turn and no read. Safe because every write is conditional:
   * if another instance wrote in between, the write fails (412, or 404 when it is gone), the
   * turn gate reloads with `force` and runs the turn again. Kept short-lived (well within the
   * retention ttl) and bounded.
   */
  private readonly cache = new Map<string, Cached>();
  /**
   * Channels whose conversations move between instances: one of them was found stale in memory,
   * so another instance handles its turns too (Bot Service and Meta send each message to any
   * instance; nothing ties a conversation to one). Trusting the memory there would run about
   * every other turn twice, first on an old state, which costs far more than the read it
   * saves; so from then on every conversation of the channel is read at the start of its turn.
   * Conversations that stay on one instance (one instance in all, the local Direct Line) keep
   * the memory. A race lost on a state read in the same turn says nothing about the channel.
   */
  private readonly sharedChannels = new Set<string>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly onSharedChannel: ((channel: string) => void) | undefined;

  constructor(
    private readonly store: ConversationStore,
    options: TurnStateCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.onSharedChannel = options.onSharedChannel;
  }

  /** The storage key of a turn's conversation: channel and conversation id. */
  static keyOf(context: TurnContext): string {
    return conversationKey(context.activity);
  }

  /** Loads the state (once per turn; `force` reloads, e.g. after a conflict). */
  async load(context: TurnContext, force = false): Promise<void> {
    if (!force && context.turnState.has(LOADED)) return;
    const key = ConversationTurnState.keyOf(context);
    const channel = context.activity.channelId;
    const before = context.turnState.get(LOADED) as Loaded | undefined;
    const cached = force || this.sharedChannels.has(channel) ? undefined : this.remembered(key);
    if (cached) {
      context.turnState.set(LOADED, {
        key,
        channel,
        state: JSON.parse(cached.snapshot) as Record<string, unknown>,
        etag: cached.etag,
        snapshot: cached.snapshot,
        remembered: true,
      } satisfies Loaded);
      return;
    }
    this.cache.delete(key);
    const found = await this.store.read(key);
    // What this instance remembered was refused, and the document is there, changed: another
    // instance wrote it. (Gone instead: erased, which says nothing about other instances.)
    if (before?.remembered && before.refused && found) this.shareChannel(channel);
    const state = found?.value.state ?? {};
    const snapshot = JSON.stringify(state);
    if (found) this.remember(channel, key, snapshot, found.etag);
    context.turnState.set(LOADED, {
      key,
      channel,
      state,
      etag: found?.etag,
      snapshot,
      remembered: false,
    } satisfies Loaded);
  }

  /** Writes the state back when it changed, guarded by the loaded ETag. */
  async save(context: TurnContext): Promise<void> {
    const loaded = this.loaded(context);
    const snapshot = JSON.stringify(loaded.state);
    if (snapshot === loaded.snapshot) return;
    try {
      loaded.etag = await this.store.write(
        loaded.key,
        { state: loaded.state },
        loaded.etag ? { ifMatch: loaded.etag } : { ifNoneMatch: '*' },
      );
    } catch (error) {
      this.cache.delete(loaded.key);
      if (isVoordeurError(error, 'VD_STATE_CONFLICT')) loaded.refused = true;
      throw error;
    }
    loaded.snapshot = snapshot;
    this.remember(loaded.channel, loaded.key, snapshot, loaded.etag);
  }

  private remembered(key: string): Cached | undefined {
    const cached = this.cache.get(key);
    if (!cached || performance.now() - cached.at > this.maxAgeMs) return undefined;
    return cached;
  }

  private remember(channel: string, key: string, snapshot: string, etag: string): void {
    if (this.sharedChannels.has(channel)) return;
    // Delete first, so the Map's insertion order is least recently used first.
    this.cache.delete(key);
    this.cache.set(key, { snapshot, etag, at: performance.now() });
    if (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  /** Marks `channel` as served by other instances too and forgets its conversations. */
  private shareChannel(channel: string): void {
    // Channel ids come from authenticated channels in production; locally, bound them anyway.
    if (this.sharedChannels.has(channel) || this.sharedChannels.size >= maxSharedChannels) return;
    this.sharedChannels.add(channel);
    const prefix = `${channel}/`;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
    this.onSharedChannel?.(channel);
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
