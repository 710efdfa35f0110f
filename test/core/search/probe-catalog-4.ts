// A small invented conference for the fourth probe list (offtopic-probes-4.test.ts):
// talks of other fields that say the probes' words in their senses (a language runtime's
// VM, guest accounts, virtual phone numbers and cards, web hosts, virtual classes and
// desktops), talks about VMs that answer the controls, and forty talks about other things
// that say words every field says (windows, crashes). VMs are a minority, as at a
// conference of many fields. Invented for the tests: no schedule text.
import type { Catalog } from "../../../src/core/catalog.ts";
import { type ProbeTalk, probeConference } from "./probe-catalog.ts";

const otherFields: ProbeTalk[] = [
  ["beam", "Inside the BEAM VM", "erlang and elixir processes, schedulers, hot code swapping"],
  ["accounts", "Guest accounts on laptops", "a guest user at login, windows 11, turn it off"],
  ["lua", "Embedding Lua", "a lua vm crashes when a script calls into C from a coroutine"],
  ["workspaces", "Virtual desktops on Windows 11", "switch with a keyboard shortcut"],
  ["vphone", "Virtual phone numbers", "receive sms verification codes, a virtual pbx, voicemail"],
  ["vclass", "Teaching in a virtual classroom", "a virtual book club, a graduation, career fairs"],
  ["toyvm", "A tiny VM for a toy language", "stack based or register based, bytecode for modders"],
  ["webhost", "Moving to a new web host", "point a domain, keep email and dns, shared hosting"],
  ["vcards", "Virtual debit cards", "free trial subscriptions, shopping online"],
];

const vmTalks: ProbeTalk[] = [
  ["jvm-kvm", "JVM workloads in KVM guests", "java heap sizes, ballooning"],
  ["jvm-host", "A JVM in a container on a KVM host", "how it behaves"],
  [
    "agent-win",
    "The guest agent on Windows",
    "install it; the default password of a vm image, cloud-init",
  ],
  ["vgpu", "vGPU", "one nvidia card shared between several virtual machines"],
  [
    "wasm",
    "WebAssembly runtimes vs VMs",
    "a lighter alternative: sandboxes compared with hardware virtualization",
  ],
  ["unikernel", "Unikernels", "a single application on a hypervisor"],
  ["ling", "Erlang on Xen", "running erlang directly on xen without an operating system"],
  [
    "voip",
    "Telephony in virtual machines",
    "an asterisk phone server in a kvm guest, low audio latency",
  ],
  ["classroom", "A classroom lab of VMs", "every student's own virtual machine to break"],
  ["proxmox", "Proxmox at home and at school", "a game server in a vm, a classroom on one server"],
  ["console", "Serial consoles for headless guests", "a kernel crash dump out of a guest"],
  ["vnuma", "Virtual NUMA topology", "large guests"],
  ["libvirt-py", "libvirt from scripts", "python bindings to manage virtual machines"],
  ["lua-hv", "Lua scripting in a hypervisor", "configure virtual machines"],
  ["rust-hv", "Writing a small hypervisor in Rust", "firecracker microvms for untrusted code"],
  ["firmware", "Testing firmware in QEMU", "emulating an arm board"],
  ["vdi", "Virtual desktop infrastructure", "spice and kvm, android in a virtual machine"],
  ["ovs", "Open vSwitch", "virtual switches connecting vms"],
  ["smartcard", "Smart card passthrough", "a smart card reader passed through to a guest"],
  ["tpm", "A virtual TPM", "windows 11 guests"],
  ["nested", "Nested virtualization", "a guest runs its own virtual machines"],
  ["vnic", "Virtual network cards", "a hypervisor gives each guest one"],
  ["disks", "Virtual disk formats", "qcow2 versus raw for guests"],
  ["sandbox", "Lightweight VMs as sandboxes", "untrusted code in a vm instead of a container"],
  ["banking", "Windows guests on Linux", "a bank's app in a windows guest on a linux host"],
  ["remote", "Remote desktops of VMs", "a virtual machine from a web browser"],
  ["overcommit", "Cloud hosting on KVM", "how providers overcommit memory"],
  ["erlang-kvm", "The Erlang VM in KVM guests", "slower than bare metal?"],
  ["gaming", "Gaming in a Windows VM", "gpu passthrough on linux"],
  ["shares", "Shared folders", "a guest user in a windows vm reaches a folder on the linux host"],
  ["many", "Many VMs on one server", "hosting small virtual machines with kvm and libvirt"],
  [
    "firecracker",
    "Firecracker",
    "snapshotting microvms to restore them quickly; is it legal to use under its license for multi-tenant workloads",
  ],
];

export const probeCatalog4: Catalog = probeConference(
  otherFields,
  vmTalks,
  40,
  "tests, updates, performance, networks, memory, devices, drivers, windows and crashes",
);
