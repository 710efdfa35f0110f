// A talk for the search structures' tests: every field empty unless given.
import type { Talk } from "../../../src/core/talk.ts";

export function talkWith(fields: Partial<Talk>): Talk {
  return {
    id: "t",
    title: "",
    year: 2012,
    speakers: [],
    authors: [],
    event: "KVM Forum 2012",
    eventShort: "KVM Forum 2012",
    eventId: "kvm-forum-2012",
    date: null,
    location: null,
    added: null,
    summary: "",
    keyPoints: [],
    topics: [],
    links: [],
    ...fields,
  };
}
