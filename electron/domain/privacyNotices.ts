/**
 * Versions of the privacy notice (informativa, DOMAIN.md §11): each takes effect on its day and stays
 * in force until the next one does. Shared by the services and the registration form.
 */
export interface NoticeVersion {
  id: number;
  version: string;
  /** 'YYYY-MM-DD' */
  validFrom: string;
}

/** The notice in force on `day`: the latest to take effect on or before it; null before the first. */
export function noticeInForce<N extends NoticeVersion>(notices: readonly N[], day: string): N | null {
  let found: N | null = null;
  for (const n of notices) if (n.validFrom <= day && (found === null || n.validFrom > found.validFrom)) found = n;
  return found;
}
