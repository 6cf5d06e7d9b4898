// `npm run bench:password`: what a password check costs at the scrypt cost Tiantai hashes at
// (server/src/modules/identity/password.ts) beside the cost it used before (N=2^14, r=8, p=1), the baseline
// of the same run. Prints, for each cost: one check alone (median of 9), 50 checks arriving at once (the
// sign-ins of 50 people; Node runs them on its 4 libuv threads) and the process's peak memory. Asserts nothing.
import { RECOMMENDED_COST, hashPassword, setPasswordCost, verifyPassword, type ScryptCost } from '../server/src/modules/identity/password';

const OLD_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };
const PASSWORD = 'Correct-Horse#2026';

async function measure(name: string, cost: ScryptCost): Promise<void> {
  setPasswordCost(cost);
  const hash = await hashPassword(PASSWORD);
  const single: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    await verifyPassword(PASSWORD, hash);
    single.push(performance.now() - start);
  }
  single.sort((a, b) => a - b);
  const start = performance.now();
  const done = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const t0 = performance.now();
      await verifyPassword(PASSWORD, hash);
      return performance.now() - t0;
    }),
  );
  const wall = performance.now() - start;
  done.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(28)} one check ${single[4]!.toFixed(0).padStart(4)} ms · 50 at once: all done in ${wall.toFixed(0).padStart(5)} ms, ` +
      `slowest ${done[49]!.toFixed(0).padStart(5)} ms, ${(50 / (wall / 1000)).toFixed(1)} checks/s · rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
  );
}

await measure('before: N=2^14 r=8 p=1', OLD_COST);
await measure(`now: N=2^${Math.log2(RECOMMENDED_COST.N)} r=${RECOMMENDED_COST.r} p=${RECOMMENDED_COST.p}`, RECOMMENDED_COST);
