import * as z from 'zod';

/**
 * Meta's WhatsApp Business Cloud API, as far as Voordeur uses it: the webhook payload it
 * receives (parsed with zod; unknown fields are dropped) and the message bodies it sends.
 * Shapes follow Meta's documented wire format ("messages webhook reference", "Messages API",
 * "Media API"); field names are Meta's, hence the snake_case.
 */

// ---------------------------------------------------------------------------------------------
// Limits of the Cloud API (Messages API reference), enforced before sending.

export const cloudLimits = {
  /** Text message body. */
  textBody: 4096,
  /** Body of an interactive (buttons or list) message; also media captions. */
  interactiveBody: 1024,
  caption: 1024,
  replyButtons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  /** The label of the button that opens a list. */
  listButton: 20,
} as const;

/** Graph API error codes Voordeur treats specially (Cloud API "error codes" reference). */
export const graphErrorCodes = {
  /** More than 24 hours since the resident's last message: only a template may be sent. */
  reEngagement: 131047,
  /** Too many messages to this one resident in a short time: wait, then send again. */
  pairRateLimit: 131056,
  /** Cloud API throughput reached. */
  throughput: 130429,
  /** Application or account request limits. */
  appRateLimit: 4,
  accountRateLimit: 80007,
  /** Transient on Meta's side. */
  unknown: 1,
  service: 2,
  serviceUnavailable: 131016,
  somethingWentWrong: 131000,
  serverUnavailable: 133004,
} as const;

// ---------------------------------------------------------------------------------------------
// Inbound: the webhook payload

const mediaSchema = z.object({ id: z.string(), mime_type: z.string().optional() });

/**
 * One message from a resident. `type` decides which of the optional objects is present; types
 * Voordeur does not know (contacts, order, unsupported, …) still parse, with `type` only.
 */
export const inboundMessageSchema = z.object({
  from: z.string().regex(/^\d{5,20}$/, 'a WhatsApp id is digits only'),
  id: z.string().min(1).max(512),
  timestamp: z.string().regex(/^\d{1,12}$/),
  type: z.string().min(1).max(64),
  context: z.object({ id: z.string().optional(), from: z.string().optional() }).optional(),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z
        .object({ id: z.string(), title: z.string(), description: z.string().optional() })
        .optional(),
    })
    .optional(),
  /** A quick-reply button of a template message. */
  button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
  audio: mediaSchema.extend({ voice: z.boolean().optional() }).optional(),
  image: mediaSchema.optional(),
  sticker: mediaSchema.extend({ animated: z.boolean().optional() }).optional(),
  video: mediaSchema.optional(),
  document: mediaSchema.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  reaction: z.object({ message_id: z.string(), emoji: z.string().optional() }).optional(),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

/** A delivery report about a message Voordeur sent. */
export const statusSchema = z.object({
  id: z.string().min(1).max(512),
  status: z.string().min(1).max(32),
  timestamp: z.string().regex(/^\d{1,12}$/),
  recipient_id: z.string().regex(/^\d{5,20}$/),
  errors: z.array(z.object({ code: z.number(), title: z.string().optional() })).optional(),
});
export type StatusUpdate = z.infer<typeof statusSchema>;

/**
 * Messages and statuses are parsed one by one (see {@link inboundMessageSchema},
 * {@link statusSchema}): one item of an unknown shape must not lose the others of its delivery.
 */
const changeValueSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ phone_number_id: z.string() }),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

export const webhookSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

/** The `value` of a `messages` change; other fields (account updates, …) are not ours. */
export function parseMessagesChange(value: unknown) {
  return changeValueSchema.safeParse(value);
}

// ---------------------------------------------------------------------------------------------
// Outbound: message bodies (Messages API)

export interface TextContent {
  type: 'text';
  text: { body: string; preview_url: boolean };
}

export interface ReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export type InteractiveHeader = { type: 'image'; image: { link: string } };

export interface InteractiveContent {
  type: 'interactive';
  interactive:
    | {
        type: 'button';
        header?: InteractiveHeader;
        body: { text: string };
        action: { buttons: ReplyButton[] };
      }
    | {
        type: 'list';
        body: { text: string };
        action: { button: string; sections: { rows: ListRow[] }[] };
      };
}

export interface ImageContent {
  type: 'image';
  image: { link: string; caption?: string };
}

export interface DocumentContent {
  type: 'document';
  document: { id: string; filename: string; caption?: string };
}

export interface TemplateContent {
  type: 'template';
  template: {
    name: string;
    language: { code: string };
    components?: (
      | { type: 'body'; parameters: { type: 'text'; text: string }[] }
      /** A quick-reply button's payload, sent back when the resident taps it. */
      | {
          type: 'button';
          sub_type: 'quick_reply';
          index: string;
          parameters: { type: 'payload'; payload: string }[];
        }
    )[];
  };
}

/** What one Cloud API message says, without its recipient. */
export type MessageContent =
  TextContent | InteractiveContent | ImageContent | DocumentContent | TemplateContent;

/** The full request body of `POST /{version}/{phone-number-id}/messages`. */
export type MessageRequest = {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  /** Up to 512 characters Meta hands back in this message's status callbacks (tracing). */
  biz_opaque_callback_data?: string;
} & MessageContent;

export const sendResponseSchema = z.object({
  messages: z.array(z.object({ id: z.string() })).min(1),
});

export const uploadResponseSchema = z.object({ id: z.string().min(1) });

export const graphErrorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    type: z.string().optional(),
  }),
});
