import { enterpriseScope } from '../../http/access';

/** Devices, machine data, rules and alarms belong to one enterprise: county staff and departments get nothing here. */
export const { enterpriseOf, requireAdmin } = enterpriseScope('Machine data belongs to enterprises');
