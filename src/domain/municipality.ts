/** The municipality Voordeur speaks for: its name and phone number appear in many messages. */
export interface Municipality {
  name: string;
  /** The number residents may call instead of chatting, as written in messages ("14 0123"). */
  phone: string;
  /** A page with the full privacy statement; without it the chat's own text is all there is. */
  privacyUrl: string | undefined;
  /** The web chat page's colours (CSS hex), checked for contrast at start-up. */
  brandColor: string;
  brandTextColor: string;
}
