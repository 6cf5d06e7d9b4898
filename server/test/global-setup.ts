// Vitest's global setup: the demo county's templates, made once before the workers start. Both projects
// list this file; the second call finds the first's templates (kept on globalThis: each project may load
// this module afresh) and the last teardown removes them.
import { makeDemoTemplates } from './demo-template';
import { ENGINES } from './engines';

type Templates = Awaited<ReturnType<typeof makeDemoTemplates>>;
const shared = globalThis as { tiantaiDemoTemplates?: { made: Promise<Templates>; users: number } };

export default async function setup(): Promise<() => Promise<void>> {
  shared.tiantaiDemoTemplates ??= { made: makeDemoTemplates(ENGINES), users: 0 };
  const entry = shared.tiantaiDemoTemplates;
  entry.users++;
  await entry.made;
  return async () => {
    if (--entry.users > 0) return;
    delete shared.tiantaiDemoTemplates;
    await (await entry.made).remove();
  };
}
