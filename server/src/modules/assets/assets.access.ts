import { enterpriseScope } from '../../http/access';

/** Assets are kept by enterprises: county staff get the summary only, departments nothing. */
export const { enterpriseOf, requireAdmin } = enterpriseScope(
  'Assets belong to enterprises; county staff read the summary',
  'Only the enterprise admin changes plants, lines and assets',
);
