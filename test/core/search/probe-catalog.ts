// A small invented conference for the probe lists (offtopic-probes.test.ts): talks of
// other fields that say the probes' words in their senses, talks about VMs that answer the
// controls, and twenty talks about other things. VMs are a minority, as at a conference of
// many fields. Invented for the tests: no schedule text.
import type { Catalog } from "../../../src/core/catalog.ts";
import { catalogOf } from "../../support/talks.ts";
import { fosdemOthers, fosdemTalk } from "./broad-fixture.ts";

const otherFields: ProbeTalk[] = [
  ["dom", "The virtual DOM in React and Preact", "diffing and re-rendering big lists"],
  ["cpp", "Virtual functions in C++", "pure virtual functions, destructors, abstract methods"],
  ["vst", "Virtual instruments on Linux", "vst synth plugins, a drum kit and a piano for ableton"],
  ["loom", "Virtual threads in Java 21", "reactive streams and loom"],
  ["obs", "The OBS virtual camera", "zoom calls, a virtual background that looks blurry"],
  ["vhost", "Apache and nginx virtual hosts", "config for two domains, serving the wrong site"],
  ["static", "Static website hosting", "cheap hosting, host names, the hosts file"],
  ["scroll", "Virtual scrolling in Angular", "a long table"],
  ["event", "Running a virtual event", "500 attendees, a virtual tour, virtual cards, keyboard"],
  ["dart", "The Dart VM and Flutter", "snapshot, hot reload; the dalvik vm and art on android"],
  ["jre", "JVM and JRE", "the difference between a jvm and a jre"],
  ["wifi", "Guest wifi on home routers", "set up a guest network on a router, a guest room"],
  ["party", "Planning community events", "host a birthday party, wedding guest list template"],
  ["shower", "Events on a budget", "a baby shower, guests feel welcome, kids, dinner"],
  ["blog", "Guest posts for tech blogs", "write a guest post; guest checkout in a shopify store"],
  ["ssh", "SSH host key verification", "remote host key failed; edit the hosts file on a mac"],
  ["ship", "Shipping container logistics", "what a 40ft container costs, storage container rental"],
  ["pantry", "Kitchen storage", "containers for a pantry, microwave safe food storage"],
  ["css", "CSS container queries", "browser support, a grid container to center a div"],
  ["garden", "Growing tomatoes in containers", "a balcony garden"],
  ["studio", "The Android emulator in Android Studio", "a slow emulator that won't start"],
  ["term", "Terminal emulators compared", "iterm2 and kitty on macos"],
  ["gimp", "Image editing with GIMP", "resize an image without losing quality, a photo app"],
  ["torch", "Image classification with PyTorch", "for beginners, snapshot photos"],
  ["jest", "Jest snapshot tests", "failing after every update; maven snapshot dependencies"],
  ["django", "Django database migrations", "a rails migration, a column default, rollback"],
  ["flyway", "Flyway vs Liquibase", "schema migrations; migrate a wordpress site to a new host"],
  ["birds", "Bird migration tracking", "europe, the monarch butterfly migration route"],
  ["balloons", "High altitude balloons", "helium, a hot air balloon ride in cappadocia"],
  ["loan", "Balloon payments", "a car loan; balloon animals for a kids party"],
  ["pinning", "Certificate pinning in Android apps", "okhttp, bypass with frida"],
  ["npm", "Pinning npm package versions", "pinned tabs in chrome, a pinned comment on youtube"],
  ["switch", "A DIY KVM switch", "two monitors, a laptop, usb-c for a macbook"],
  ["hdmi", "HDMI passthrough in soundbars", "dolby atmos"],
  ["json", "Nested JSON in Python", "parse nested json"],
  ["jupyter", "Jupyter kernels", "a kernel dying when it loads a big dataframe"],
  ["denodo", "Data virtualization", "tools like denodo"],
  ["compose", "Docker compose for web apps", "nginx reverse proxy, a node app, port in use"],
  ["podcast", "Podcasting with free software", "host a podcast on spotify"],
  ["sink", "Water leak sensors", "the guest bathroom sink is leaking"],
  // (Generic words in other fields' sentences: offtopic-probes-3.json.)
  ["giftcard", "Virtual gift cards in web shops", "safer online purchases from a store"],
  [
    "reception",
    "A virtual receptionist for a dental practice",
    "what it costs per month, a card reader",
  ],
  ["sitesnap", "Website snapshots", "a snapshot of a competitor's site every day, prices"],
  ["gaming", "Memory in gaming laptops", "new open world games"],
];

const vmTalks: ProbeTalk[] = [
  [
    "migration",
    "Live migration of virtual machines",
    "post-copy migration, downtime of large vms, migrating vms from vmware to kvm, a database vm between hosts running postgres",
  ],
  ["sriov", "SR-IOV virtual functions for guests", "network cards, migration of vms with vfs"],
  ["arm", "QEMU emulator for ARM boards", "emulating x86 on apple silicon; a terminal in a vm"],
  [
    "hosting",
    "Hosting many guests on one KVM host",
    "host kernel upgrades without rebooting guests, a website on a kvm vps",
  ],
  ["virtio-net", "Guest network performance with virtio-net", "virtual network interfaces"],
  ["vhost-net", "Virtual host networking for KVM guests", "wifi passthrough to a vm"],
  ["agent", "The QEMU guest agent", "commands to the guest"],
  ["balloon", "Memory ballooning", "a balloon driver in windows guests, virtio-balloon, homelab"],
  ["pin", "CPU pinning for latency sensitive VMs", "vcpu pinning, numa, a browser vm"],
  ["pin-mem", "Pinning guest memory", "device passthrough"],
  ["kata", "Kata containers vs gVisor", "docker in lightweight vms, isolation, compose"],
  ["kubevirt", "KubeVirt", "container images for vms, shipping containers and vms to the edge"],
  ["image", "Disk image formats", "qcow2 vs raw, compression, vm images for ci, image updates"],
  ["snap", "Snapshots of running VMs", "external snapshots in libvirt, tests in a vm"],
  ["avd", "The Android emulator on KVM", "hardware acceleration in a vm"],
  ["nested", "Nested virtualization", "intel, nested guests in the cloud, kvm in kvm"],
  ["gpu", "GPU passthrough", "hdmi audio to a windows guest, a virtual gpu for desktops"],
  ["devices", "Virtual devices in QEMU", "a virtual tpm for windows 11 guests"],
  ["java", "Java in KVM guests", "virtual threads"],
  ["clones", "Cloning VMs", "ssh host keys in cloned vms"],
  ["django-vm", "Moving apps between VMs", "migrating a django app's database"],
  // (The third list's controls: offtopic-probes-3.json.)
  ["win-snap", "Windows guests on KVM", "a windows guest after a snapshot, drivers"],
  ["net-mig", "Guest networking after migration", "a guest loses network access on a new host"],
  ["clock", "Guest clocks under KVM", "the guest clock drifts after the host resumes from suspend"],
  ["boot", "Booting many small VMs", "boot a lot of small virtual machines in QEMU for testing"],
  ["vfio-gpu", "Graphics cards for guests", "direct access to the host graphics card with vfio"],
  [
    "freeze",
    "Migration downtime in QEMU",
    "a virtual machine freezes for seconds during migration",
  ],
  [
    "backup",
    "Backing up running VMs",
    "back up a running virtual machine in qemu without shutdown",
  ],
  ["minimal", "Minimal guest images", "a guest image for kvm that boots in under a second"],
  [
    "sev",
    "Protecting guest memory",
    "from a malicious host administrator: confidential vms on kvm",
  ],
  [
    "virtiofs",
    "Sharing folders with guests",
    "virtiofs: a folder shared between host and linux guest",
  ],
  ["overcommit", "Memory overcommit in KVM", "guest memory when the host runs low on ram"],
  ["chain", "Long snapshot chains", "a qcow2 chain and a virtual machine disk that lags"],
  [
    "legacy",
    "Old Windows programs in QEMU",
    "run old windows programs in a virtual machine on linux",
  ],
  [
    "untrusted",
    "Untrusted code in VMs",
    "kvm isolation: a virtual machine or a container for untrusted code",
  ],
  [
    "servers",
    "Moving VMs between servers",
    "move virtual machines to another server, minimal downtime",
  ],
  [
    "rss",
    "Guest memory seen from the host",
    "why a kvm guest uses more memory than it shows inside",
  ],
  [
    "spice-desk",
    "Graphical desktops in guests",
    "connect to a guest desktop from a laptop with spice",
  ],
  ["ksm", "Sharing memory pages between VMs", "same page merging in kvm saves ram on the host"],
  ["golden", "Golden images", "one golden image for many identical virtual machines on kvm"],
];

/** [id, title, words of the abstract] of an invented talk. */
export type ProbeTalk = [string, string, string];
const talk = ([id, title, words]: ProbeTalk) => fosdemTalk(id, title, words);

/**
 * A conference of the talks of other fields and about VMs given, with twenty talks on
 * databases and `filler` talks saying `fillerWords`, words every field says, as many
 * talks of a conference do: VMs a minority, and no word of the field's own.
 */
export function probeConference(
  others: readonly ProbeTalk[],
  vms: readonly ProbeTalk[],
  filler: number,
  fillerWords: string,
): Catalog {
  const everyField = Array.from({ length: filler }, (_, i) =>
    fosdemTalk(`field-${i}`, `Lessons from production part ${i}`, fillerWords),
  );
  return catalogOf([
    ...fosdemOthers("databases and web frameworks"),
    ...everyField,
    ...others.map(talk),
    ...vms.map(talk),
  ]);
}

export const probeCatalog: Catalog = probeConference(
  otherFields,
  vmTalks,
  20,
  "tests, updates, performance, networks, memory, devices, drivers, security and apps",
);
