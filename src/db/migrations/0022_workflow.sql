-- Dossier workflow (S-FLOW, issue #7; F2, O4, O13): the procedure catalogue as versioned
-- data, the working-day calendar's yearly overrides, dossiers with their steps, clock
-- stops and an append-only timeline. A dossier keeps the procedure version it started
-- with (dossier.procedure_id points at the version row, never at the code).

insert into permission (code, name_vi, name_en) values
  ('procedures.edit', 'Cấu hình thủ tục hành chính, lịch làm việc', 'Configure administrative procedures and the working calendar');
insert into role_permission (role_code, permission_code) values ('dept_admin', 'procedures.edit');

-- How long a dossier may approach its due day before it shows "due soon" (working days).
insert into setting (key, value, description) values ('workflow.due_soon_days', '2',
  'Số ngày làm việc trước hạn trả kết quả để cảnh báo sắp đến hạn / working days before the due day a dossier is flagged due soon');

-- The Prime Minister's yearly notices (Bộ luật Lao động 2019, Điều 112 khoản 3): extra
-- days off (a longer Tết break) and make-up working days (a Saturday worked in a swap).
-- The statutory holidays themselves are computed (src/modules/workflow/holidays.ts).
create table calendar_day (
  id uuid primary key default gen_random_uuid(),
  day date not null unique,
  kind text not null check (kind in ('day_off', 'working_day')),
  note text not null check (length(note) between 1 and 300),
  updated_by uuid references account (id),
  updated_at timestamptz not null default now()
);

-- One row per version of a procedure; editing a procedure inserts a new version.
create table procedure (
  id uuid primary key default gen_random_uuid(),
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  version integer not null check (version >= 1),
  name_vi text not null check (length(name_vi) between 3 and 300),
  name_en text not null check (length(name_en) between 3 and 300),
  legal_basis text not null check (length(legal_basis) between 3 and 1000),
  status text not null check (status in ('draft', 'active', 'retired')),
  valid_from date,
  valid_to date,
  -- statutory time limit in working days, and the extra days of mountainous, island and
  -- disadvantaged communes (Nghị định 101/2024, Điều 22)
  time_limit_days integer not null check (time_limit_days between 0 and 365),
  extra_days_disadvantaged integer not null default 0 check (extra_days_disadvantaged between 0 and 365),
  -- the change transaction completing a dossier approves (null: none, e.g. a lease)
  change_type text references change_type (code),
  -- a financial obligation (land use fee, registration fee, income tax): the tax exchange
  financial_obligations boolean not null,
  -- electronic forms: [{ code, titleVi, titleEn, schema }] (JSON Schema, checked on intake)
  forms jsonb not null default '[]' check (jsonb_typeof(forms) = 'array'),
  created_by uuid references account (id),
  created_at timestamptz not null default now(),
  unique (code, version),
  check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
create unique index procedure_one_active on procedure (code) where status = 'active';

create table procedure_step (
  id uuid primary key default gen_random_uuid(),
  procedure_id uuid not null references procedure (id),
  seq integer not null check (seq between 1 and 50),
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name_vi text not null check (length(name_vi) between 3 and 300),
  name_en text not null check (length(name_en) between 3 and 300),
  role_code text not null references role (code),
  -- the step's share of the time limit, in working days
  days integer not null check (days between 0 and 365),
  -- false: the time the step takes is not counted (e.g. waiting for the tax notice and the
  -- payment: Nghị định 101/2024, Điều 22 khoản 4; verify)
  clock_runs boolean not null,
  -- an outside party the dossier waits for during this step ('tax', 'one_stop', …)
  external_party text check (external_party ~ '^[a-z_]{2,30}$'),
  unique (procedure_id, seq),
  unique (procedure_id, code)
);

create table procedure_document (
  id uuid primary key default gen_random_uuid(),
  procedure_id uuid not null references procedure (id),
  document_type text not null references document_type (code),
  required boolean not null,
  note_vi text check (length(note_vi) <= 300),
  unique (procedure_id, document_type)
);

-- Receipt numbers per unit and local day (<unit code>-<yymmdd>-<seq>).
create table dossier_counter (
  id uuid primary key default gen_random_uuid(),
  unit_code text not null,
  day date not null,
  last integer not null,
  unique (unit_code, day)
);

create table dossier (
  id uuid primary key default gen_random_uuid(),
  receipt_code text not null unique check (receipt_code ~ '^[0-9]{2,5}-[0-9]{6}-[0-9]{4,6}$'),
  procedure_id uuid not null references procedure (id),
  unit_id bigint not null references admin_unit (id),
  status text not null check (status in ('processing', 'returned', 'waiting_external', 'refused', 'done')),
  channel text not null check (channel in ('counter', 'one_stop', 'online')),
  -- the applicant (personal data: shown only to officers of the unit)
  applicant jsonb not null,
  form_data jsonb not null default '{}',
  documents jsonb not null default '[]',
  disadvantaged_commune boolean not null default false,
  received_at timestamptz not null,
  -- the day the count starts after (working-days.ts), the statutory due day, and the due
  -- day moved by the working days the clock stood still
  received_day date not null,
  base_due_day date not null,
  due_day date not null,
  current_step integer,
  step_started_at timestamptz,
  assigned_to uuid references account (id),
  change_id uuid references land_change (id),
  result_error text,
  refusal_reason text,
  closed_at timestamptz,
  created_by uuid references account (id)
);
create index dossier_unit_status on dossier (unit_id, status);
create index dossier_assigned on dossier (assigned_to) where closed_at is null;
create index dossier_received on dossier (received_at);

create table dossier_parcel (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossier (id),
  parcel_id uuid not null references parcel (id),
  unique (dossier_id, parcel_id)
);

-- The steps as they were done: the compliance check compares them with the version's.
create table dossier_step (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossier (id),
  seq integer not null,
  step_code text not null,
  started_at timestamptz not null,
  ended_at timestamptz,
  -- working days the step took, the clock's stops deducted
  working_days integer,
  acted_by uuid references account (id),
  unique (dossier_id, seq, started_at)
);

-- Clock stops: return for supplements, waits the law does not count.
create table dossier_pause (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossier (id),
  reason text not null check (reason in ('supplement', 'external')),
  started_at timestamptz not null,
  ended_at timestamptz,
  working_days integer check (working_days >= 0)
);
create unique index dossier_pause_open on dossier_pause (dossier_id) where ended_at is null;

-- The timeline: who did what when. Appended to, never changed.
create table dossier_event (
  id uuid primary key default gen_random_uuid(),
  -- the order of appending (several events can share an instant)
  seq bigint generated always as identity,
  dossier_id uuid not null references dossier (id),
  at timestamptz not null,
  actor_id uuid references account (id),
  actor_name text not null,
  action text not null check (action ~ '^[a-z_.]{2,40}$'),
  step_code text,
  from_status text,
  to_status text,
  note text check (length(note) <= 2000),
  details jsonb not null default '{}'
);
create index dossier_event_dossier on dossier_event (dossier_id, seq);

create function dossier_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'dossier_event is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger dossier_event_no_update before update or delete on dossier_event
  for each row execute function dossier_event_append_only();

select audit_table(t) from unnest(array['calendar_day', 'procedure', 'procedure_step', 'procedure_document', 'dossier', 'dossier_parcel', 'dossier_step', 'dossier_pause', 'dossier_event']::regclass[]) as t;

-- The main procedures, version 1, in force from 1 Jul 2025 (Nghị định 101/2024/NĐ-CP,
-- Điều 22, time limits shortened by Nghị định 151/2025/NĐ-CP; mortgage: Nghị định
-- 99/2022/NĐ-CP). Limits marked "verify" in legal_basis need checking against the decree.
create temporary table seed_procedure (code text, name_vi text, name_en text, basis text, days int, extra int, change_type text, financial boolean, template text, documents text[]) on commit drop;
insert into seed_procedure values
  ('first_registration', 'Đăng ký đất đai lần đầu và cấp Giấy chứng nhận', 'First registration and certificate issue', 'Nghị định 101/2024/NĐ-CP Điều 22 (17 ngày đăng ký + 3 ngày cấp Giấy chứng nhận, Nghị định 151/2025/NĐ-CP)', 20, 10, 'first_registration', true, 'first', array['application', 'identity', 'survey_drawing']),
  ('transfer', 'Đăng ký biến động chuyển nhượng quyền sử dụng đất', 'Transfer of the land-use right', 'Nghị định 101/2024/NĐ-CP Điều 22, Nghị định 151/2025/NĐ-CP (8 ngày)', 8, 10, 'transfer', true, 'rights', array['application', 'contract', 'certificate']),
  ('inheritance', 'Đăng ký biến động thừa kế quyền sử dụng đất', 'Inheritance of the land-use right', 'Nghị định 101/2024/NĐ-CP Điều 22, Nghị định 151/2025/NĐ-CP (8 ngày)', 8, 10, 'inheritance', true, 'rights', array['application', 'contract', 'certificate']),
  ('gift', 'Đăng ký biến động tặng cho quyền sử dụng đất', 'Gift of the land-use right', 'Nghị định 101/2024/NĐ-CP Điều 22, Nghị định 151/2025/NĐ-CP (8 ngày)', 8, 10, 'gift', true, 'rights', array['application', 'contract', 'certificate']),
  ('capital_contribution', 'Đăng ký góp vốn bằng quyền sử dụng đất', 'Contribution of the land-use right as capital', 'Nghị định 101/2024/NĐ-CP Điều 22, Nghị định 151/2025/NĐ-CP (8 ngày)', 8, 10, 'capital_contribution', true, 'rights', array['application', 'contract', 'certificate']),
  ('mortgage', 'Đăng ký thế chấp quyền sử dụng đất', 'Mortgage registration', 'Nghị định 99/2022/NĐ-CP Điều 47 (trong ngày, tối đa 3 ngày; verify)', 3, 0, 'mortgage', false, 'short', array['application', 'contract', 'certificate']),
  ('mortgage_release', 'Xóa đăng ký thế chấp quyền sử dụng đất', 'Release of a mortgage', 'Nghị định 99/2022/NĐ-CP Điều 47 (trong ngày, tối đa 3 ngày; verify)', 3, 0, 'mortgage_release', false, 'short', array['application']),
  ('lease', 'Đăng ký cho thuê, cho thuê lại quyền sử dụng đất', 'Registration of a lease', 'Nghị định 101/2024/NĐ-CP Điều 22 (8 ngày; verify)', 8, 10, null, false, 'plain', array['application', 'contract', 'certificate']),
  ('split', 'Tách thửa đất', 'Split of a parcel', 'Nghị định 101/2024/NĐ-CP Điều 22, Nghị định 151/2025/NĐ-CP (12 ngày)', 12, 10, 'split', false, 'parcel', array['application', 'certificate', 'survey_drawing']),
  ('merge', 'Hợp thửa đất', 'Merge of parcels', 'Nghị định 101/2024/NĐ-CP Điều 22, Nghị định 151/2025/NĐ-CP (12 ngày)', 12, 10, 'merge', false, 'parcel', array['application', 'certificate']),
  ('purpose_change', 'Chuyển mục đích sử dụng đất', 'Change of land-use purpose', 'Luật Đất đai 2024 Điều 121, Nghị định 102/2024/NĐ-CP (15 ngày; verify)', 15, 10, 'purpose_change', true, 'purpose', array['application', 'certificate']),
  ('certificate_exchange', 'Cấp đổi Giấy chứng nhận', 'Exchange of a certificate', 'Nghị định 101/2024/NĐ-CP Điều 22, Nghị định 151/2025/NĐ-CP (5 ngày)', 5, 10, 'certificate_reissue', false, 'cert', array['application', 'certificate']),
  ('certificate_reissue_lost', 'Cấp lại Giấy chứng nhận do bị mất', 'Reissue of a lost certificate', 'Nghị định 101/2024/NĐ-CP Điều 22, Nghị định 151/2025/NĐ-CP (10 ngày)', 10, 10, 'certificate_reissue', false, 'lost', array['application']),
  ('correction', 'Đính chính Giấy chứng nhận, chỉnh lý ranh giới do sai sót', 'Correction of errors', 'Nghị định 101/2024/NĐ-CP Điều 22, Nghị định 151/2025/NĐ-CP (8 ngày)', 8, 10, 'boundary_correction', false, 'plain', array['application', 'certificate']);

-- step templates: (template, seq, code, vi, en, role, days, clock runs, external party)
create temporary table seed_step (template text, seq int, code text, name_vi text, name_en text, role_code text, days int, clock_runs boolean, external_party text) on commit drop;
insert into seed_step values
  ('rights', 1, 'check', 'Kiểm tra hồ sơ', 'Check the dossier', 'lro_staff', 2, true, null),
  ('rights', 2, 'tax', 'Chuyển thông tin thuế, chờ thông báo và nộp nghĩa vụ tài chính', 'Tax information sent, notice and payment awaited', 'lro_staff', 0, false, 'tax'),
  ('rights', 3, 'record', 'Lập biến động, chỉnh lý hồ sơ địa chính', 'Prepare the change, update the record', 'lro_staff', 3, true, null),
  ('rights', 4, 'approve', 'Ký duyệt, cập nhật và trả kết quả', 'Approve, update and return the result', 'lro_leader', 3, true, null),
  ('first', 1, 'check', 'Kiểm tra hồ sơ, lấy ý kiến UBND cấp xã', 'Check the dossier, consult the commune', 'lro_staff', 6, true, null),
  ('first', 2, 'survey', 'Trích đo, kiểm tra hiện trạng', 'Survey and site check', 'lro_staff', 5, true, null),
  ('first', 3, 'tax', 'Chuyển thông tin thuế, chờ thông báo và nộp nghĩa vụ tài chính', 'Tax information sent, notice and payment awaited', 'lro_staff', 0, false, 'tax'),
  ('first', 4, 'record', 'Lập biến động, cập nhật hồ sơ địa chính', 'Prepare the change, update the record', 'lro_staff', 5, true, null),
  ('first', 5, 'approve', 'Ký duyệt, cấp Giấy chứng nhận và trả kết quả', 'Approve, issue the certificate and return it', 'lro_leader', 4, true, null),
  ('short', 1, 'record', 'Kiểm tra hồ sơ, lập đăng ký', 'Check the dossier, prepare the registration', 'lro_staff', 1, true, null),
  ('short', 2, 'approve', 'Ký duyệt và trả kết quả', 'Approve and return the result', 'lro_leader', 2, true, null),
  ('plain', 1, 'check', 'Kiểm tra hồ sơ', 'Check the dossier', 'lro_staff', 3, true, null),
  ('plain', 2, 'record', 'Lập biến động, chỉnh lý hồ sơ địa chính', 'Prepare the change, update the record', 'lro_staff', 3, true, null),
  ('plain', 3, 'approve', 'Ký duyệt và trả kết quả', 'Approve and return the result', 'lro_leader', 2, true, null),
  ('parcel', 1, 'check', 'Kiểm tra hồ sơ, điều kiện tách, hợp thửa', 'Check the dossier and the conditions', 'lro_staff', 3, true, null),
  ('parcel', 2, 'survey', 'Trích đo địa chính', 'Cadastral survey', 'lro_staff', 4, true, null),
  ('parcel', 3, 'record', 'Lập biến động, chỉnh lý bản đồ và hồ sơ địa chính', 'Prepare the change, update the map and record', 'lro_staff', 3, true, null),
  ('parcel', 4, 'approve', 'Ký duyệt và trả kết quả', 'Approve and return the result', 'lro_leader', 2, true, null),
  ('purpose', 1, 'check', 'Kiểm tra hồ sơ, đối chiếu quy hoạch', 'Check the dossier against the plan', 'lro_staff', 3, true, null),
  ('purpose', 2, 'appraise', 'Thẩm định nhu cầu sử dụng đất', 'Appraise the request', 'lro_staff', 5, true, null),
  ('purpose', 3, 'tax', 'Xác định và nộp tiền sử dụng đất', 'Land use fee set and paid', 'lro_staff', 0, false, 'tax'),
  ('purpose', 4, 'record', 'Lập biến động, chỉnh lý hồ sơ địa chính', 'Prepare the change, update the record', 'lro_staff', 4, true, null),
  ('purpose', 5, 'approve', 'Ký duyệt và trả kết quả', 'Approve and return the result', 'lro_leader', 3, true, null),
  ('cert', 1, 'check', 'Kiểm tra hồ sơ', 'Check the dossier', 'lro_staff', 2, true, null),
  ('cert', 2, 'record', 'Cập nhật hồ sơ, in Giấy chứng nhận', 'Update the record, print the certificate', 'lro_staff', 2, true, null),
  ('cert', 3, 'approve', 'Ký duyệt và trả kết quả', 'Approve and return the result', 'lro_leader', 1, true, null),
  ('lost', 1, 'check', 'Kiểm tra hồ sơ, niêm yết thông báo mất', 'Check the dossier, post the notice of loss', 'lro_staff', 3, true, null),
  ('lost', 2, 'record', 'Hủy Giấy chứng nhận đã mất, in Giấy chứng nhận mới', 'Cancel the lost certificate, print the new one', 'lro_staff', 4, true, null),
  ('lost', 3, 'approve', 'Ký duyệt và trả kết quả', 'Approve and return the result', 'lro_leader', 3, true, null);

-- the electronic application form (đơn đăng ký biến động, Mẫu số 11/ĐK; Mẫu số 04/ĐK for a
-- first registration): a small JSON Schema the portal renders and intake checks
insert into procedure (code, version, name_vi, name_en, legal_basis, status, valid_from, time_limit_days, extra_days_disadvantaged, change_type, financial_obligations, forms)
select s.code, 1, s.name_vi, s.name_en, s.basis, 'active', date '2025-07-01', s.days, s.extra, s.change_type, s.financial,
       jsonb_build_array(jsonb_build_object(
         'code', 'application',
         'titleVi', case when s.template = 'first' then 'Đơn đăng ký đất đai (Mẫu số 04/ĐK)' else 'Đơn đăng ký biến động (Mẫu số 11/ĐK)' end,
         'titleEn', 'Application form',
         'schema', jsonb_build_object(
           'type', 'object',
           'additionalProperties', false,
           'required', jsonb_build_array('content', 'applicationDate'),
           'properties', jsonb_build_object(
             'content', jsonb_build_object('type', 'string', 'title', 'Nội dung đề nghị / request', 'minLength', 3, 'maxLength', 1000),
             'applicationDate', jsonb_build_object('type', 'string', 'title', 'Ngày làm đơn / date of the application', 'format', 'date'),
             'contractNumber', jsonb_build_object('type', 'string', 'title', 'Số hợp đồng, văn bản / contract or deed number', 'maxLength', 100),
             'declaredValue', jsonb_build_object('type', 'number', 'title', 'Giá trị kê khai (đồng) / declared value (VND)', 'minimum', 0, 'maximum', 1e15),
             'certificateDelivery', jsonb_build_object('type', 'string', 'title', 'Nhận kết quả / result delivered', 'enum', jsonb_build_array('counter', 'post', 'online')),
             'taxExempt', jsonb_build_object('type', 'boolean', 'title', 'Thuộc diện miễn thuế / tax exempt')))))
  from seed_procedure s;

insert into procedure_step (procedure_id, seq, code, name_vi, name_en, role_code, days, clock_runs, external_party)
select p.id, t.seq, t.code, t.name_vi, t.name_en, t.role_code, t.days, t.clock_runs, t.external_party
  from seed_procedure s join procedure p on p.code = s.code and p.version = 1 join seed_step t on t.template = s.template;

insert into procedure_document (procedure_id, document_type, required)
select p.id, d.type, true
  from seed_procedure s join procedure p on p.code = s.code and p.version = 1 cross join unnest(s.documents) as d(type)
union all
select p.id, 'identity', false
  from seed_procedure s join procedure p on p.code = s.code and p.version = 1 where not ('identity' = any (s.documents));
