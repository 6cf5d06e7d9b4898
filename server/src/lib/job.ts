/** A periodic job, as server/src/jobs.ts runs it; modules list theirs in this shape. */
export interface Job {
  name: string;
  everyMs: number;
  /** instance: keeps this process's own memory in step; county: works on the shared database. */
  kind: 'instance' | 'county';
  /** Run once at start too (else first after everyMs). */
  atStart?: boolean;
  run(): Promise<unknown>;
}
