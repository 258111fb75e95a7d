import type { Container } from '@azure/cosmos';
import type { StaffRole, StaffUser } from '../../domain/staffRoles.js';
import type { StaffDirectory, StaffListing } from '../../ports/staffDirectory.js';
import {
  queryAll,
  readDocument,
  withoutDocumentFields,
  type CosmosCallOptions,
} from './cosmosOps.js';
import { guardedUpdate } from './guardedUpdate.js';

const partition = 'staff';
type StaffDocument = StaffListing & { pk: typeof partition };
const ownFields = ['pk'] as const;

/**
 * {@link StaffDirectory} on Cosmos DB, one partition for the whole team (tens of people). No
 * ttl: a login stays known while it works here; a lead can unlink a coach.
 */
export class CosmosStaffDirectory implements StaffDirectory {
  private readonly call: CosmosCallOptions;

  constructor(
    private readonly container: Container,
    opts: { timeoutMs?: number } = {},
  ) {
    this.call = { timeoutMs: opts.timeoutMs };
  }

  async recordLogin(
    user: { id: string; name: string; roles: StaffRole[] },
    at: string,
  ): Promise<StaffUser> {
    const { value } = await guardedUpdate<StaffDocument>(
      this.container,
      documentId(user.id),
      partition,
      (current) => ({
        ...(current ?? {}),
        ...user,
        id: documentId(user.id),
        pk: partition,
        lastLoginAt: at,
        ...(current?.coachId ? { coachId: current.coachId } : {}),
      }),
      this.call,
    );
    if (!value) throw new Error('unreachable: a login is always written');
    return userOf(value);
  }

  async get(id: string): Promise<StaffUser | undefined> {
    const found = await readDocument<StaffDocument>(
      this.container,
      documentId(id),
      partition,
      this.call,
    );
    return found && userOf(found.resource);
  }

  async list(): Promise<StaffListing[]> {
    const documents = await queryAll<StaffDocument>(
      this.container,
      'SELECT * FROM c WHERE c.pk = @pk',
      [{ name: '@pk', value: partition }],
      partition,
      this.call,
    );
    return documents
      .map((d) => ({ ...userOf(d), lastLoginAt: d.lastLoginAt }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  async linkCoach(id: string, coachId: string | undefined): Promise<StaffUser | undefined> {
    const { value } = await guardedUpdate<StaffDocument>(
      this.container,
      documentId(id),
      partition,
      (current) => {
        if (!current) return undefined;
        const { coachId: _old, ...rest } = current;
        void _old;
        return coachId ? { ...rest, coachId } : rest;
      },
      this.call,
    );
    return value && userOf(value);
  }
}

/** Staff ids may hold ':' and other characters Cosmos ids allow; '/' and friends are encoded. */
function documentId(id: string): string {
  return encodeURIComponent(id);
}

function userOf(document: StaffDocument): StaffUser {
  const { lastLoginAt: _at, ...user } = withoutDocumentFields<StaffListing>(document, ownFields);
  void _at;
  return { ...user, id: decodeURIComponent(document.id) };
}
