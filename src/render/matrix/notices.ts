// Notices the Matrix adapter sends on its own, not in answer to a question. Pure.
import { BANG_COMMAND } from "../../core/address.ts";
import { renderText } from "./answer.ts";
import type { NoticeContent } from "./notice.ts";

/**
 * Sent once into an end-to-end encrypted room: the bot has no crypto, so it cannot read a
 * single question there, and it says so instead of staying silent.
 */
const ENCRYPTED_ROOM_NOTICE =
  "I can't read messages in this room: it is end-to-end encrypted, and I don't support " +
  "encryption yet, so I won't answer or post the talk of the day here. To ask me about " +
  `talks, invite me to a room without encryption (and ask with ${BANG_COMMAND} numa), ` +
  "or use /virt in Slack.";

export function renderEncryptedRoomNotice(): NoticeContent {
  return renderText(ENCRYPTED_ROOM_NOTICE);
}
