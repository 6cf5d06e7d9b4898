// realtime: typed domain events on a bus (in-process, or across instances through PostgreSQL LISTEN/NOTIFY)
// and their push to browsers over server-sent events, scoped like the HTTP API.
export { createEventBus, InProcessEventBus, PostgresEventBus, NOTIFY_CHANNEL, type EventBus, type EventListener } from './event-bus';
export { audienceOf, eventFor, type Audience } from './audience';
export { realtimeRoutes, HEARTBEAT_MS, type StreamAccess } from './realtime.routes';
