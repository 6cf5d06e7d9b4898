// The round a phone last checked in to, so a second scan on the same walk does not ask again.
const STORAGE_KEY = 'tt.inspection.round';

export function readLastRoundId(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberRoundId(roundId: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, roundId);
  } catch {
    // Private mode or a full quota: the technician then picks the round again on the next scan.
  }
}
