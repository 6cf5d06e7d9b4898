import type { ClosedAs, Rating, RequestStatus } from '@tiantai/shared';
import type { IdentityTables } from '../identity';
import type { RegistryTables } from '../registry';

export interface ServiceCategoriesTable {
  code: string;
  name_zh: string;
  name_en: string;
  lead_department_id: string | null;
  accept_hours: number;
  sign_hours: number;
  answer_days: number;
  /** Working days the enterprise has to rate an answer; then the clock closes the request as not rated. */
  rate_days: number;
  sort: number;
}

export interface ServiceRequestsTable {
  id: string;
  /** Human number, e.g. ZT2026000123: what the office reads out on the phone. */
  number: string;
  enterprise_id: string;
  category_code: string;
  title: string;
  description: string;
  contact_name: string;
  contact_phone: string;
  status: RequestStatus;
  lead_department_id: string | null;
  answer: string | null;
  rating: Rating | null;
  rating_comment: string | null;
  redo_count: number;
  /** Set while the department waits for the enterprise: the answer clock stands still. */
  paused_at: string | null;
  /** Working days asked for by the department, awaiting the office's decision. */
  extension_requested_days: number | null;
  submitted_at: string;
  accepted_at: string | null;
  dispatched_at: string | null;
  signed_at: string | null;
  answered_at: string | null;
  closed_at: string | null;
  accept_due_at: string;
  sign_due_at: string | null;
  answer_due_at: string | null;
  accepted_on_time: number | null;
  answered_on_time: number | null;
  escalated_at: string | null;
  /** While answered: the end of the enterprise's rating window (answered_at + the category's rate_days). */
  rate_due_at: string | null;
  closed_as: ClosedAs | null;
  updated_at: string;
  // What an Open311 client sent with the request (GeoReport v2); null for requests filed in the web app.
  // The submitter's first/last name and phone go to contact_name / contact_phone.
  lat: number | null;
  long: number | null;
  address_string: string | null;
  address_id: string | null;
  email: string | null;
  device_id: string | null;
  account_id: string | null;
  /** A photo's URL as the client gave it (http/https); stored, never fetched. */
  media_url: string | null;
}

export interface RequestDepartmentsTable {
  request_id: string;
  department_id: string;
  role: 'lead' | 'co';
}

export interface RequestEventsTable {
  id: string;
  request_id: string;
  kind: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  organisation_name: string | null;
  note: string | null;
}

/** A co-handling department's opinion (协办意见) for the lead department: one per department and request. */
export interface RequestOpinionsTable {
  request_id: string;
  department_id: string;
  opinion: string;
  author_user_id: string | null;
  author_name: string | null;
  submitted_at: string;
  updated_at: string;
}

export interface RequestAttachmentsTable {
  id: string;
  request_id: string;
  filename: string;
  mime: string;
  size: number;
  content: Buffer;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface CalendarDaysTable {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface ServiceRequestTables
  extends Pick<IdentityTables, 'users' | 'organisations' | 'app_state'>, Pick<RegistryTables, 'enterprises' | 'departments' | 'parks'> {
  service_categories: ServiceCategoriesTable;
  service_requests: ServiceRequestsTable;
  request_departments: RequestDepartmentsTable;
  request_events: RequestEventsTable;
  calendar_days: CalendarDaysTable;
  request_attachments: RequestAttachmentsTable;
  request_opinions: RequestOpinionsTable;
}
