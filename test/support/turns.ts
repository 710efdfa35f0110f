// How many event-loop turns other tasks got while an async job ran: a job that never
// yields gives them none (used to check that loads in slices do yield).
export async function turnsDuring<T>(job: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let ticking = true;
  const tick = () => {
    turns++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { value: await job(), turns };
  } finally {
    ticking = false;
  }
}
