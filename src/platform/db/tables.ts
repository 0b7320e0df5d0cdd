// Row types of every table, for Kysely. Columns with defaults are Generated.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in. */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface OrganizationsTable {
  id: string;
  parent_id: string | null;
  kind: 'region' | 'municipality';
  slug: string;
  name: string;
  official_key: string;
  reference_prefix: string;
  country: 'DE' | 'CH';
  time_zone: string;
  currency: 'EUR' | 'CHF';
  contact: Json<Record<string, string>>;
  logo_url: string | null;
  primary_color: Generated<string>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  /** A deactivated municipality has no portal, and its staff cannot sign in. */
  active: Generated<boolean>;
  primary_text_color: Generated<string>;
  logo_sha256: string | null;
  logo_type: 'image/png' | 'image/jpeg' | 'image/webp' | null;
}

export interface StaffUsersTable {
  id: string;
  organization_id: string;
  email: string;
  name: string;
  role: 'region_admin' | 'municipality_admin' | 'clerk';
  /** Null while an invitation is open. */
  password_hash: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  /** Workflow roles beyond plain case work (`leitung`, `kasse`). */
  case_roles: ColumnType<string[], string[] | undefined, string[]>;
}

export interface StaffSessionsTable {
  token_hash: string;
  user_id: string;
  active_tenant_id: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  id: string;
  user_agent: Generated<string>;
}

export interface AccountLinksTable {
  id: string;
  user_id: string;
  purpose: 'invitation' | 'password_reset';
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface SignInThrottleTable {
  email_hash: string;
  failures: number;
  locked_until: Timestamp | null;
  updated_at: Timestamp;
}

export interface TeamsTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: 'fachbereich' | 'sachgebiet';
  parent_id: string | null;
  created_at: CreatedAt;
}

export interface TeamMembersTable {
  tenant_id: string;
  team_id: string;
  user_id: string;
}

export interface TeamServicesTable {
  tenant_id: string;
  team_id: string;
  service_id: string;
}

export interface AbsencesTable {
  tenant_id: string;
  id: string;
  user_id: string;
  substitute_id: string;
  starts_on: string;
  ends_on: string;
  created_at: CreatedAt;
}

export interface AuditHeadsTable {
  tenant_id: string;
  last_seq: string | number;
  last_hash: string;
}

export interface AuditChecksTable {
  tenant_id: string;
  verified_seq: string | number;
  verified_hash: string;
  full_check_at: Timestamp;
  problems: Json<Array<{ tenantId: string; seq: number; problem: 'changed' | 'missing' | 'head-mismatch' }>>;
}

export interface AuditLogTable {
  tenant_id: string;
  seq: string | number;
  occurred_at: Timestamp;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  data: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  tenant_id: string;
  id: string;
  topic: string;
  payload: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  available_at: CreatedAt;
  attempts: Generated<number>;
  last_error: string | null;
  delivered_at: Timestamp | null;
  dead_at: Timestamp | null;
}

export interface ServicesTable {
  tenant_id: string;
  id: string;
  slug: string;
  title: string;
  definition: Json;
  created_at: CreatedAt;
  template_tenant_id: string | null;
  template_id: string | null;
  template_version: number | null;
  own_content: Json | null;
  local: Json;
  version: Generated<number>;
  published: Generated<boolean>;
  updated_at: CreatedAt;
}

export interface ServiceTemplatesTable {
  tenant_id: string;
  id: string;
  slug: string;
  created_at: CreatedAt;
}

export interface ServiceTemplateVersionsTable {
  tenant_id: string;
  template_id: string;
  version: number;
  content: Json;
  published_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ServiceVersionsTable {
  tenant_id: string;
  service_id: string;
  version: number;
  definition: Json;
  created_at: CreatedAt;
}

export interface ApplicationsTable {
  tenant_id: string;
  id: string;
  reference: string;
  service_id: string;
  status: 'submitted' | 'in_review' | 'awaiting_applicant' | 'approved' | 'rejected';
  answers: Json<Record<string, unknown>>;
  applicant_name: string;
  applicant_email: string;
  status_token_hash: string;
  idempotency_key: string;
  assigned_to: string | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  retain_until: ColumnType<Date, string, string>;
  service_version: Generated<number>;
  fees: Json | null;
  /** The day the decision takes effect ("2027-01-01"), when the clerk named one. */
  decision_effective_from: ColumnType<string | null, string | null | undefined, string | null>;
  /** The remedy the Bescheid named when it was issued (decisions module's Remedy). */
  decision_remedy: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  /** The letter parts the municipality's template gave the Bescheid when it was issued (casework module). */
  decision_letter: ColumnType<{ salutation: string; paragraphs: string[] } | null, string | null | undefined, string | null>;
  /** The applicant's last answer, and the last time staff opened or worked the case (the inbox's "Antwort eingegangen"). */
  answered_at: Timestamp | null;
  staff_seen_at: Timestamp | null;
  /** The workflow version the case started with, and where it stands in it (null on cases from before workflows). */
  workflow_id: string | null;
  workflow_state: string | null;
  state_entered_at: Timestamp | null;
  /** The current state's deadline, when it has one. */
  due_at: Timestamp | null;
  complete_at: Timestamp | null;
  fee_paid_at: Timestamp | null;
  closed_at: Timestamp | null;
  legal_hold: Generated<boolean>;
  /** Why the case is held and since when (retention module); the audit log keeps every change. */
  legal_hold_reason: string | null;
  legal_hold_at: Timestamp | null;
  /** Raised by every save of the case: the second of two concurrent saves is refused. */
  lock_version: Generated<number>;
  /** How the application reached the office: the portal, or paper through the scanning intake. */
  channel: Generated<'online' | 'paper'>;
}

export interface WorkflowsTable {
  tenant_id: string;
  id: string;
  key: string;
  version: number;
  definition: Json;
  created_at: Timestamp;
  created_by: string | null;
}

export interface ApplicationMessagesTable {
  tenant_id: string;
  id: string;
  application_id: string;
  author: 'office' | 'applicant';
  author_user_id: string | null;
  body: string;
  created_at: Timestamp;
}

export interface ApplicationFilesTable {
  tenant_id: string;
  id: string;
  application_id: string;
  message_id: string | null;
  field: string;
  filename: string;
  content_type: string;
  size_bytes: string | number;
  sha256: string;
  created_at: Timestamp;
}

export interface ApplicationDraftsTable {
  tenant_id: string;
  token_hash: string;
  service_id: string;
  answers: Json<Record<string, unknown>>;
  files: Json<unknown[]>;
  created_at: Timestamp;
  expires_at: Timestamp;
  service_version: Generated<number>;
}

/** An organization's legal texts (legal module); the fields are described by LegalTexts in src/modules/legal/schema.ts. */
export interface LegalTextsTable {
  tenant_id: string;
  texts: Json<Record<string, string>>;
  updated_at: CreatedAt;
  updated_by: string | null;
}

/** The remedy a decision names (decisions module): per municipality (scope 'municipality') or per service (scope = service id). */
export interface RemediesTable {
  tenant_id: string;
  scope: string;
  service_id: string | null;
  kind: 'widerspruch' | 'klage' | 'einsprache' | 'beschwerde';
  authority: string;
  address: string;
  deadline: string;
  updated_at: CreatedAt;
  updated_by: string | null;
}

/** Internal notes on a case (casework module); never shown to the applicant. */
export interface CaseNotesTable {
  tenant_id: string;
  id: string;
  application_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

/** Internal tasks on a case (casework module); `due_on` is a calendar day ("2026-12-24"). */
export interface CaseTasksTable {
  tenant_id: string;
  id: string;
  application_id: string;
  title: string;
  assignee_id: string;
  due_on: ColumnType<string, string, string>;
  created_by: string;
  created_at: Timestamp;
  completed_at: Timestamp | null;
  completed_by: string | null;
}

/** A case handed to another organisation (casework module): 'out' in the sender's tenant, 'in' in the receiver's. */
export interface CaseHandoversTable {
  tenant_id: string;
  id: string;
  direction: 'out' | 'in';
  application_id: string;
  other_org_id: string;
  other_application_id: string | null;
  other_reference: string | null;
  note: string;
  created_by: string | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
}

/** The decision letter's body per municipality (casework module). */
export interface DecisionTemplatesTable {
  tenant_id: string;
  body: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface ReferenceCountersTable {
  tenant_id: string;
  prefix: string;
  year: number;
  last_value: number;
}

/** One scan in the scanning intake and its text recognition job. */
export interface IntakeJobsTable {
  tenant_id: string;
  id: string;
  application_id: string;
  reference: string;
  document_id: string | null;
  filename: string;
  content_type: 'application/pdf' | 'image/tiff' | 'image/jpeg';
  size_bytes: number;
  sha256: string;
  new_case: boolean;
  state: 'queued' | 'running' | 'done' | 'failed';
  pages_done: Generated<number>;
  pages_total: number | null;
  message: string | null;
  text_searchable: Generated<boolean>;
  result_sha256: string | null;
  attempts: Generated<number>;
  idempotency_key: string;
  created_by: string;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  updated_at: Timestamp;
}

/** One lexeme of a case's search text (the inbox's full-text search); kept by a trigger on applications. */
export interface ApplicationSearchTermsTable {
  tenant_id: string;
  lexeme: string;
  application_id: string;
}

/** A clerk's saved inbox view: a name and the inbox's query parameters. */
export interface InboxViewsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  name: string;
  filters: Json<Record<string, string>>;
  created_at: Timestamp;
}

export interface RetentionRulesTable {
  tenant_id: string;
  id: string;
  /** Null: the municipality's default. */
  service_id: string | null;
  /** Null: the case as a whole. */
  document_type: string | null;
  start_event: 'submitted' | 'decided' | 'closed';
  years: number;
  months: number;
  offer_to_archive: boolean;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface DeletionProtocolTable {
  tenant_id: string;
  id: string;
  run_at: Timestamp;
  data_class: string;
  count: number;
}

export interface ArchiveMarksTable {
  tenant_id: string;
  application_id: string;
  offered_at: Timestamp | null;
  offer_process_id: string | null;
  mark: 'A' | 'V' | null;
  marked_at: Timestamp | null;
  transferred_at: Timestamp | null;
}

/** The E-Akte (records module): filing plan positions, dossiers, documents and their versions. */
export interface FilingPlanPositionsTable {
  tenant_id: string;
  id: string;
  number: string;
  title: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface DossierCountersTable {
  tenant_id: string;
  position_id: string;
  year: number;
  last_value: number;
}

export interface DossiersTable {
  tenant_id: string;
  id: string;
  file_number: string;
  position_id: string;
  title: string;
  application_id: string | null;
  case_reference: string | null;
  created_at: Timestamp;
  created_by: string;
}

export interface DocumentsTable {
  tenant_id: string;
  id: string;
  dossier_id: string;
  title: string;
  kind: string;
  document_date: string | null;
  correspondent: string | null;
  position_id: string;
  current_version: Generated<number>;
  source_id: string | null;
  created_at: Timestamp;
  created_by: string;
}

export interface DocumentVersionsTable {
  tenant_id: string;
  document_id: string;
  version: number;
  sha256: string;
  filename: string;
  content_type: string;
  size_bytes: string | number;
  text: string | null;
  created_at: Timestamp;
  created_by: string;
}

export interface Tables {
  organizations: OrganizationsTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  account_links: AccountLinksTable;
  sign_in_throttle: SignInThrottleTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  team_services: TeamServicesTable;
  absences: AbsencesTable;
  audit_heads: AuditHeadsTable;
  audit_log: AuditLogTable;
  audit_checks: AuditChecksTable;
  outbox: OutboxTable;
  services: ServicesTable;
  service_templates: ServiceTemplatesTable;
  service_template_versions: ServiceTemplateVersionsTable;
  service_versions: ServiceVersionsTable;
  applications: ApplicationsTable;
  workflows: WorkflowsTable;
  application_messages: ApplicationMessagesTable;
  application_files: ApplicationFilesTable;
  application_drafts: ApplicationDraftsTable;
  reference_counters: ReferenceCountersTable;
  remedies: RemediesTable;
  legal_texts: LegalTextsTable;
  retention_rules: RetentionRulesTable;
  deletion_protocol: DeletionProtocolTable;
  archive_marks: ArchiveMarksTable;
  case_notes: CaseNotesTable;
  case_tasks: CaseTasksTable;
  case_handovers: CaseHandoversTable;
  decision_templates: DecisionTemplatesTable;
  application_search_terms: ApplicationSearchTermsTable;
  inbox_views: InboxViewsTable;
  intake_jobs: IntakeJobsTable;
  filing_plan_positions: FilingPlanPositionsTable;
  dossier_counters: DossierCountersTable;
  dossiers: DossiersTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
}
