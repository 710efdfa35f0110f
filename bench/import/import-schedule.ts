// A seeded frab XML schedule for bench:import: made-up talks with virtualization jargon,
// about 3.3 KB per event (HTML abstracts), so 900 events make a ~3 MB file.

import { seededRandom } from "../shared/prng.ts";

const TECH =
  "KVM QEMU Xen VFIO virtio vhost IOMMU NUMA SR-IOV libvirt KubeVirt guest host vCPU migration post-copy hugepages balloon qcow2 firmware UEFI ACPI interrupts APIC ARM RISC-V POWER x86 nested confidential SEV TDX attestation snapshots storage NVMe networking DPDK GPU scheduler latency throughput tracing selftests".split(
    " ",
  );
const WORDS =
  "the a of to and with for in on how why when we our this that new old fast faster safe small large every without across under over from into more less state update design lessons results numbers prototype upstream patches series plan status review path model cost memory device devices driver drivers queue queues page pages table tables kernel userspace hypervisor backend frontend".split(
    " ",
  );
const PEOPLE =
  "Ada Lind;Bo Wrona;Cy Raman;Di Becker;Ed Tanaka;Fe Ortega;Gu Aalto;Ha Haddad;Io Mizrahi;Ju Chen;Ka Okafor;Lu Novak".split(
    ";",
  );

export function generateSchedule(events: number, year: number, seed: number): string {
  const random = seededRandom(seed);
  const rand = () => random.next();
  const pick = <T>(xs: readonly T[]) => random.pick(xs);
  const sentence = (n: number) =>
    Array.from({ length: n }, () => (rand() < 0.3 ? pick(TECH) : pick(WORDS))).join(" ");
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const parts = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<schedule><version>bench</version><conference><acronym>bench-${year}</acronym><title>Bench Virt Conference ${year}</title><start>${year}-06-01</start><end>${year}-06-03</end><time_zone_name>Europe/Berlin</time_zone_name><base_url>https://bench.example.org/${year}/events/</base_url><url>https://bench.example.org/${year}/</url></conference>`,
  ];
  const perDay = Math.ceil(events / 3);
  for (let d = 0, id = 1; d < 3; d++) {
    parts.push(`<day index="${d + 1}" date="${year}-06-0${d + 1}">`);
    for (let r = 0; r < 10 && id <= events; r++) {
      parts.push(`<room name="Room ${r + 1}">`);
      for (let k = 0; k < Math.ceil(perDay / 10) && id <= events; k++, id++) {
        const title = `${sentence(5 + Math.floor(rand() * 4))} (${id})`;
        const abstract = Array.from({ length: 10 }, () => `<p>${sentence(40)}.</p>`).join("");
        parts.push(
          `<event guid="bench-${year}-${id}" id="${id}"><date>${year}-06-0${d + 1}T10:00:00+02:00</date><start>10:00</start><duration>00:30</duration><room>Room ${r + 1}</room><slug>bench-${year}-${id}</slug><url>https://bench.example.org/${year}/events/${id}/</url><title>${esc(title)}</title><subtitle/><track>${pick(["Virtualization", "Cloud", "Kernel"])}</track><type>Talk</type><language>en</language><abstract>${esc(abstract)}</abstract><description/><persons><person id="${id}">${pick(PEOPLE)}</person></persons><links><link href="https://bench.example.org/${year}/slides/${id}.pdf">Slides</link></links><attachments/></event>`,
        );
      }
      parts.push("</room>");
    }
    parts.push("</day>");
  }
  parts.push("</schedule>\n");
  return parts.join("");
}
