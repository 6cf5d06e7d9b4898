import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportResult, ImportRowError } from '@tiantai/shared';
import { api, isApiError } from '@/lib/api-client';
import { enterprisesQueryKey } from './get-enterprises';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ENTERPRISE_EXPORT_URL = '/api/enterprises/export.xlsx';

/** Posts the raw bytes of the workbook; the server validates every row before it writes any. */
export function importEnterprises(file: Blob): Promise<ImportResult> {
  return api.upload<ImportResult>('/api/enterprises/import', file, XLSX_CONTENT_TYPE);
}

function isImportRowError(value: unknown): value is ImportRowError {
  return typeof value === 'object' && value !== null && 'row' in value && typeof value.row === 'number' && 'message' in value;
}

/** The rejected rows of a 422 IMPORT_INVALID_ROWS answer, or null for any other error. */
export function importRowErrors(error: unknown): ImportRowError[] | null {
  if (!isApiError(error, 'IMPORT_INVALID_ROWS') || !Array.isArray(error.details)) return null;
  return error.details.filter(isImportRowError);
}

export function useImportEnterprises() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importEnterprises,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: enterprisesQueryKey });
      await queryClient.invalidateQueries({ queryKey: ['parks'] });
    },
  });
}
