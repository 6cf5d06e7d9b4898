// home: each role's home page — the signed-in person's own work (the office's queue, a department's requests
// to sign and answer, an enterprise's alarms, due maintenance and open orders, a technician's tasks for today,
// the county's key figures), computed from the other modules' services with the person as the actor. No tables.
export { HomeService, type HomeSources } from './home.service';
export { homeRoutes } from './home.routes';
