// registry: the county's parks and zones, its departments and the enterprise register (credit code,
// GB/T 4754 industry, above-scale flag, park, township, contacts), with Excel import and export.
export type { RegistryTables } from './registry.tables';
export { RegistryService } from './registry.service';
export { registryRoutes } from './registry.routes';
