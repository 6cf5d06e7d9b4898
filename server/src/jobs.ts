// Every periodic job of the platform, with its interval, in one place. Two kinds:
// - instance duties keep this process's own memory in step (ingest counters, the machine-state sweep over
//   the devices it saw); they run wherever devices are served.
// - county jobs work on the shared database (SLA clock, due maintenance orders, rollups and partitions,
//   retention, scheduled backups). They are idempotent, so several instances may run them; RUN_JOBS=false
//   leaves them to the others, for web-only instances.
// A job whose last run has not finished is skipped, not stacked; a failure is logged and the job goes on.
import type { FastifyBaseLogger } from 'fastify';
import type { Job } from './lib/job';

export type { Job };

/** Starts the jobs this instance runs; the returned stopper waits for runs in progress. */
export function startJobs(jobs: readonly Job[], options: { county: boolean; log: FastifyBaseLogger }): () => Promise<void> {
  const running = new Map<string, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const fire = (job: Job) => {
    if (running.has(job.name)) return;
    const run = job
      .run()
      .then(() => undefined)
      .catch((error: unknown) => options.log.error({ err: error, job: job.name }, `${job.name} failed`))
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
  };
  for (const job of jobs) {
    if (job.kind === 'county' && !options.county) continue;
    if (job.atStart) fire(job);
    timers.push(setInterval(() => fire(job), job.everyMs));
  }
  return async () => {
    timers.forEach(clearInterval);
    await Promise.all(running.values());
  };
}
