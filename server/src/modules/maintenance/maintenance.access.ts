import { enterpriseScope } from '../../http/access';

/** Maintenance belongs to the enterprise keeping the asset: county staff and departments get nothing here. */
export const { enterpriseOf, requireAdmin } = enterpriseScope('Maintenance belongs to enterprises; county aggregates come later');
