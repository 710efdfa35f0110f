// Help content as data; each renderer formats it for its platform.
interface HelpEntry {
  readonly syntax: string;
  readonly description: string;
}

export const HELP = Object.freeze({
  intro: "I find Linux virtualization conference talks (KVM, QEMU, Xen).",
  commands: [
    { syntax: "WORDS", description: "search talks, e.g. numa, vfio, post-copy migration" },
    { syntax: "speaker:NAME", description: "talks by a speaker, e.g. speaker:arcangeli" },
    { syntax: "year:2012 or year:2010-2011", description: "talks from a year or range" },
    {
      syntax: 'event:"kvm forum"',
      description: "talks from an event (kvm forum, plumbers, xen summit)",
    },
    { syntax: "topic:numa", description: "talks on a catalog topic" },
    { syntax: "topics", description: "every topic, with its number of talks" },
    { syntax: '"quoted phrase"', description: "words that must appear together" },
    { syntax: "today", description: "the talk of the day" },
    {
      syntax: "subscribe [HH:MM] [Zone]",
      description: "the talk of the day here every day (also unsubscribe, subscription)",
    },
    {
      syntax: "watch WORDS",
      description: "tell this channel or room when new talks match (also watches, unwatch N)",
    },
    { syntax: "new [WORDS]", description: "talks added in the last 7 days (also what's new)" },
    {
      syntax: "now, next [at EVENT | WORD]",
      description:
        "talks on now, or starting within the hour, at conferences in progress (next vfio)",
    },
    {
      syntax: "schedule [DAY] [WORDS]",
      description:
        "a conference day's talks in time order (DAY: today, tomorrow, yesterday, friday, this afternoon…)",
    },
    { syntax: "random [WORDS]", description: "a random talk, or one of those WORDS find" },
    { syntax: "help", description: "this message" },
  ] satisfies HelpEntry[],
  examples: ["numa", "speaker:williamson vfio", "year:2012 live migration"],
});
