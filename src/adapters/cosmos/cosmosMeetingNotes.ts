import type { Container } from '@azure/cosmos';
import type { Clock } from '../../ports/clock.js';
import type { MeetingNote, MeetingNoteStore } from '../../ports/meetingNotes.js';
import { checkDocumentId } from '../canonical.js';
import {
  callCosmos,
  checkTtlSeconds,
  queryAll,
  readDocument,
  ttlAfter,
  withoutDocumentFields,
  type CosmosCallOptions,
} from './cosmosOps.js';

type NoteDocument = MeetingNote & { id: string; pk: string; ttl: number };
const ownFields = ['id', 'pk', 'ttl'] as const;

/**
 * {@link MeetingNoteStore} on Cosmos DB, in the coach's partition. Last write wins: a booking's
 * note is written by the booking turn once, then only by its own coach.
 */
export class CosmosMeetingNoteStore implements MeetingNoteStore {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;

  constructor(
    private readonly container: Container,
    private readonly opts: { ttlSeconds: number; clock: Clock; timeoutMs?: number },
  ) {
    this.ttlSeconds = checkTtlSeconds(opts.ttlSeconds);
    this.call = { timeoutMs: opts.timeoutMs };
  }

  async put(note: MeetingNote, meetingEnd: string): Promise<void> {
    checkDocumentId(note.bookingId);
    const document: NoteDocument = {
      ...note,
      id: note.bookingId,
      pk: note.coachId,
      ttl: ttlAfter(meetingEnd, this.ttlSeconds, this.opts.clock.now().getTime()),
    };
    await callCosmos(
      (options) => this.container.items.upsert(document, options),
      this.call,
      this.container,
    );
  }

  async get(coachId: string, bookingId: string): Promise<MeetingNote | undefined> {
    const found = await readDocument<NoteDocument>(this.container, bookingId, coachId, this.call);
    return found && withoutDocumentFields<MeetingNote>(found.resource, ownFields);
  }

  async forCoach(coachId: string): Promise<Map<string, MeetingNote>> {
    const documents = await queryAll<NoteDocument>(
      this.container,
      'SELECT * FROM c WHERE c.pk = @coach',
      [{ name: '@coach', value: coachId }],
      coachId,
      this.call,
    );
    return new Map(
      documents.map((document) => [
        document.bookingId,
        withoutDocumentFields<MeetingNote>(document, ownFields),
      ]),
    );
  }
}
