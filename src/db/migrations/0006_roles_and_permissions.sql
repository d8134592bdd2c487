-- The permissions the software checks and the roles the regulation implies (Quy chế
-- Art. 7; U4: other agencies get read accounts from the Department). Roles are data: an
-- administrator can change what a role holds without a release (O4). Every grant of a
-- role is scoped to an administrative unit (account_grant.unit_id).

insert into permission (code, name_vi, name_en) values
  ('cadastre.read', 'Xem dữ liệu địa chính', 'Read cadastral data'),
  ('cadastre.read_personal', 'Xem thông tin cá nhân của người sử dụng đất', 'Read personal data of land users'),
  ('cadastre.edit', 'Cập nhật, chỉnh lý dữ liệu địa chính', 'Edit cadastral data'),
  ('cadastre.approve', 'Phê duyệt biến động', 'Approve changes'),
  ('dossier.intake', 'Tiếp nhận hồ sơ', 'Receive dossiers'),
  ('dossier.process', 'Xử lý hồ sơ', 'Process dossiers'),
  ('dossier.approve', 'Ký duyệt hồ sơ', 'Approve dossiers'),
  ('data.import', 'Nhập dữ liệu', 'Import data'),
  ('data.export', 'Xuất dữ liệu', 'Export data'),
  ('reports.read', 'Xem báo cáo, thống kê', 'Read reports and statistics'),
  ('accounts.admin', 'Quản trị tài khoản', 'Administer accounts'),
  ('audit.read', 'Xem nhật ký hệ thống', 'Read the audit log'),
  ('backup.restore', 'Phục hồi dữ liệu', 'Restore backups');

insert into role (code, name_vi, name_en, require_totp) values
  ('dept_admin', 'Quản trị hệ thống của Sở', 'Department system administrator', true),
  ('lro_leader', 'Lãnh đạo Văn phòng Đăng ký đất đai', 'Land Registration Office leader', false),
  ('lro_staff', 'Viên chức Văn phòng Đăng ký đất đai', 'Land Registration Office staff', false),
  ('district_officer', 'Cán bộ địa chính cấp huyện', 'District cadastral officer', false),
  ('commune_officer', 'Công chức địa chính cấp xã', 'Commune cadastral officer', false),
  ('agency_reader', 'Cán bộ cơ quan khác (chỉ xem)', 'Other agency (read only)', false),
  ('contractor', 'Nhân viên đơn vị thi công', 'Contractor staff', false),
  ('auditor', 'Kiểm tra, thanh tra', 'Auditor', false);

insert into role_permission (role_code, permission_code)
select 'dept_admin', code from permission
union all select 'lro_leader', unnest(array['cadastre.read', 'cadastre.read_personal', 'cadastre.edit', 'cadastre.approve', 'dossier.intake', 'dossier.process', 'dossier.approve', 'data.import', 'data.export', 'reports.read', 'audit.read'])
union all select 'lro_staff', unnest(array['cadastre.read', 'cadastre.read_personal', 'cadastre.edit', 'dossier.intake', 'dossier.process', 'data.import', 'data.export', 'reports.read'])
union all select 'district_officer', unnest(array['cadastre.read', 'cadastre.read_personal', 'cadastre.edit', 'dossier.process', 'reports.read'])
union all select 'commune_officer', unnest(array['cadastre.read', 'cadastre.read_personal', 'dossier.intake', 'reports.read'])
union all select 'agency_reader', unnest(array['cadastre.read', 'reports.read'])
union all select 'contractor', unnest(array['cadastre.read', 'cadastre.edit', 'data.import'])
union all select 'auditor', unnest(array['cadastre.read', 'reports.read', 'audit.read']);
