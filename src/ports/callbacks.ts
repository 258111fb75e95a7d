/** A resident's request to be called back, made with explicit consent to keep their number. */
export interface CallbackRequest {
  id: string;
  residentKey: string;
  phone: string;
  /** ISO time the resident said yes to keeping their number for the call. */
  consentAt: string;
  /** When they would like to be called, in their own words (optional). */
  preferredTimes?: string;
  language: string;
  channel: string;
  createdAt: string;
}

/** Call-back requests for the team to follow up. Stored with the retention ttl. */
export interface CallbackStore {
  /** Idempotent by id. */
  put(request: CallbackRequest): Promise<void>;
  /** Open requests, oldest first (for staff). */
  list(): Promise<CallbackRequest[]>;
}
