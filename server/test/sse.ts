import { expect } from 'vitest';

// Reads a server-sent event stream over a real connection, frame by frame, as a browser's EventSource does.
export interface SseFrame {
  event: string;
  id: string | null;
  data: string;
  /** `data` parsed as JSON (null when it is not). */
  json: Record<string, unknown> | null;
}

export interface SseStream {
  status: number;
  /** The next frame (comments skipped); null once the server ended the stream. */
  next(): Promise<SseFrame | null>;
  /** Frames up to and including the first that matches; throws if the stream ends first. */
  until(match: (frame: SseFrame) => boolean): Promise<SseFrame[]>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<SseFrame | null> => {
    for (;;) {
      const cut = buffer.indexOf('\n\n');
      if (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const lines = block.split('\n').filter((l) => !l.startsWith(':'));
        if (lines.length === 0) continue;
        const field = (name: string) =>
          lines
            .filter((l) => l.startsWith(`${name}:`))
            .map((l) => l.slice(name.length + 1).replace(/^ /, ''))
            .join('\n');
        const data = field('data');
        let json: Record<string, unknown> | null;
        try {
          json = data ? (JSON.parse(data) as Record<string, unknown>) : null;
        } catch {
          json = null;
        }
        return { event: field('event') || 'message', id: field('id') || null, data, json };
      }
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return null;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return {
    status: res.status,
    next,
    async until(match) {
      const frames: SseFrame[] = [];
      for (;;) {
        const frame = await next();
        if (!frame) throw new Error(`stream ended before the expected frame; got ${frames.map((f) => f.event).join(', ')}`);
        frames.push(frame);
        if (match(frame)) return frames;
      }
    },
    close: () => abort.abort(),
  };
}

/** Signs in over HTTP: the session cookie and CSRF token a browser would hold. */
export async function httpSession(base: string, username: string, password = 'Tiantai@2026') {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown> & { id?: string }) : {} };
  };
  return {
    cookie,
    headers: { cookie },
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    delete: (path: string) => call('DELETE', path),
    request: call,
  };
}

// ---- demo-county steps the live suites share ----

export type Session = Awaited<ReturnType<typeof httpSession>>;

export async function firstPress(yinlun: Session): Promise<{ id: string; plantId: string }> {
  const list = await yinlun.get('/api/assets?kind=equipment&pageSize=200');
  const items = list.body.items as Array<{ id: string; plantId: string; holder: boolean; state: string }>;
  return items.find((a) => a.holder && a.state === 'in_service')!;
}

/** Files a request as 山河 and has the office accept it, so that dispatching it raises request.dispatched for 山河. */
export async function acceptedShanheRequest(shanhe: Session, officer: Session): Promise<string> {
  const filed = await shanhe.post('/api/service-requests', {
    categoryCode: 'construction',
    title: '白蚁防治',
    description: '仓库发现白蚁',
    contactName: '徐丽华',
    contactPhone: '13800000000',
  });
  const id = filed.body.id!;
  expect((await officer.post(`/api/service-requests/${id}/actions`, { action: 'accept', phoneContact: '已电话联系' })).status).toBe(200);
  return id;
}
