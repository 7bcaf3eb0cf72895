/** Sleeps that end early when something happens (an enqueue, "Gửi ngay", stop). */
export function buildWaker() {
  let sleepers = new Set<() => void>();
  return {
    sleep(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          sleepers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        sleepers.add(done);
      });
    },
    wake() {
      const current = sleepers;
      sleepers = new Set();
      for (const done of current) done();
    },
  };
}
