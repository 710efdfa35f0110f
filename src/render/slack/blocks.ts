// The small subset of Block Kit the renderer uses, as plain data. Every builder takes text
// that is ALREADY escaped and fitted (see escape.ts): builders never see raw content.

export interface PlainText {
  readonly type: "plain_text";
  readonly text: string;
}
interface Mrkdwn {
  readonly type: "mrkdwn";
  readonly text: string;
}
export interface ButtonElement {
  readonly type: "button";
  readonly text: PlainText;
  readonly action_id: string;
  readonly url?: string;
  readonly value?: string;
  readonly style?: "primary";
}
export interface HeaderBlock {
  readonly type: "header";
  readonly text: PlainText;
}
export interface SectionBlock {
  readonly type: "section";
  readonly text: Mrkdwn;
}
export interface ContextBlock {
  readonly type: "context";
  readonly elements: Mrkdwn[];
}
export interface ActionsBlock {
  readonly type: "actions";
  readonly elements: ButtonElement[];
}
export interface DividerBlock {
  readonly type: "divider";
}
export type Block = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock;

/** A message body: Block Kit plus the top-level `text` every message carries as fallback. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly Block[];
}

// test/render/slack-blocks.test.ts proves at compile time that these are blocks Slack's
// own types accept (the renderer itself imports no chat SDK).

export const plain = (text: string): PlainText => ({ type: "plain_text", text });
const mrkdwn = (text: string): Mrkdwn => ({ type: "mrkdwn", text });
export const header = (text: string): HeaderBlock => ({ type: "header", text: plain(text) });
export const section = (text: string): SectionBlock => ({ type: "section", text: mrkdwn(text) });
export const context = (...texts: string[]): ContextBlock => ({
  type: "context",
  elements: texts.map(mrkdwn),
});
export const divider = (): DividerBlock => ({ type: "divider" });
export const actions = (elements: ButtonElement[]): ActionsBlock => ({
  type: "actions",
  elements,
});

/** A message as the fields of a request body; an empty block list is left out. */
export function messageFields(message: SlackMessage): {
  text: string;
  blocks?: readonly Block[];
} {
  return message.blocks.length
    ? { text: message.text, blocks: message.blocks }
    : { text: message.text };
}
