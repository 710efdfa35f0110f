// How long the event loop stayed busy while a job ran, seen by a setImmediate probe that
// notes every turn: by the clock, and by the process's CPU time in each task (what it would
// be on an idle machine: on a shared one the clock also counts the time other processes
// had the CPU; the CPU time counts the collector's helper threads too).
import { performance } from "node:perf_hooks";

export interface LoopBlocks {
  /** The longest task by the clock, ms. */
  readonly wall: number;
  /** The longest task by process CPU time (never more than its clock time), ms. */
  readonly cpu: number;
  /** Tasks that took more than `overCpuMs` of process CPU time. */
  readonly over: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function blocksDuring<T>(
  during: () => Promise<T>,
  overCpuMs = 5,
): Promise<{ value: T; blocks: LoopBlocks }> {
  const blocks = { wall: 0, cpu: 0, over: 0 };
  let last = performance.now();
  let lastCpu = cpuMs();
  let running = true;
  const tick = () => {
    const now = performance.now();
    const cpu = cpuMs();
    if (cpu - lastCpu > overCpuMs) blocks.over++;
    blocks.wall = Math.max(blocks.wall, now - last);
    blocks.cpu = Math.max(blocks.cpu, Math.min(cpu - lastCpu, now - last));
    last = now;
    lastCpu = cpu;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { value: await during(), blocks };
  } finally {
    running = false;
  }
}
