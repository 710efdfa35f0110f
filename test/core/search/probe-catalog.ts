// A small invented conference for the probe lists (offtopic-probes.test.ts): talks of
// other fields that say the probes' words in their senses, talks about VMs that answer the
// controls, and twenty talks about other things. VMs are a minority, as at a conference of
// many fields. Invented for the tests: no schedule text.
import type { Catalog } from "../../../src/core/catalog.ts";
import { catalogOf } from "../../support/talks.ts";
import { fosdemOthers, fosdemTalk } from "./broad-fixture.ts";

/** [id, title, words of the abstract] */
const otherFields: [string, string, string][] = [
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
];

const vmTalks: [string, string, string][] = [
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
];

const talk = ([id, title, words]: [string, string, string]) => fosdemTalk(id, title, words);
/** Words every field says, as many talks of a conference do: no word of the field's own. */
const everyField = Array.from({ length: 20 }, (_, i) =>
  fosdemTalk(
    `field-${i}`,
    `Lessons from production part ${i}`,
    "tests, updates, performance, networks, memory, devices, drivers, security and apps",
  ),
);
export const probeCatalog: Catalog = catalogOf([
  ...fosdemOthers("databases and web frameworks"),
  ...everyField,
  ...otherFields.map(talk),
  ...vmTalks.map(talk),
]);
