-- Land-use code list (mã loại đất) as data, with its legal basis and lifespan, so that a
-- new circular is a data change (O4). Codes and groups follow Luật Đất đai 2024 Điều 9
-- and Thông tư 08/2024/TT-BTNMT (statistics and inventory); the names are to be checked
-- line by line against that circular's appendix by the statistics issue, which also
-- adds the 2013→2024 crosswalk. map_color is display only: close to the customary
-- colours of cadastral maps, not a legal symbology.

create table land_use_code (
  code text primary key check (code ~ '^[A-Z]{3}$'),
  group_code text not null check (group_code in ('NNP', 'PNN', 'CSD')),
  parent_code text references land_use_code (code),
  name_vi text not null,
  name_en text not null,
  map_color text not null check (map_color ~ '^#[0-9a-f]{6}$'),
  legal_basis text not null default 'Luật Đất đai 2024 Điều 9; Thông tư 08/2024/TT-BTNMT',
  valid_from date not null default '2024-08-01',
  valid_to date
);

insert into land_use_code (code, group_code, parent_code, name_vi, name_en, map_color) values
  ('NNP', 'NNP', null, 'Nhóm đất nông nghiệp', 'Agricultural land', '#e6f5c9'),
  ('PNN', 'PNN', null, 'Nhóm đất phi nông nghiệp', 'Non-agricultural land', '#fde0dd'),
  ('CSD', 'CSD', null, 'Nhóm đất chưa sử dụng', 'Unused land', '#eeeeee'),
  -- agricultural
  ('LUA', 'NNP', 'NNP', 'Đất trồng lúa', 'Rice land', '#fffe8c'),
  ('LUC', 'NNP', 'LUA', 'Đất chuyên trồng lúa', 'Specialised rice land', '#fffe78'),
  ('LUK', 'NNP', 'LUA', 'Đất trồng lúa còn lại', 'Other rice land', '#fffea0'),
  ('HNK', 'NNP', 'NNP', 'Đất trồng cây hằng năm khác', 'Other annual crop land', '#fff0b4'),
  ('CLN', 'NNP', 'NNP', 'Đất trồng cây lâu năm', 'Perennial crop land', '#ffd2a0'),
  ('RSX', 'NNP', 'NNP', 'Đất rừng sản xuất', 'Production forest land', '#b4ffb4'),
  ('RPH', 'NNP', 'NNP', 'Đất rừng phòng hộ', 'Protection forest land', '#78e678'),
  ('RDD', 'NNP', 'NNP', 'Đất rừng đặc dụng', 'Special-use forest land', '#6ecd6e'),
  ('NTS', 'NNP', 'NNP', 'Đất nuôi trồng thủy sản', 'Aquaculture land', '#aaffff'),
  ('CNT', 'NNP', 'NNP', 'Đất chăn nuôi tập trung', 'Concentrated livestock land', '#f0dcb4'),
  ('LMU', 'NNP', 'NNP', 'Đất làm muối', 'Salt-making land', '#ffffff'),
  ('NKH', 'NNP', 'NNP', 'Đất nông nghiệp khác', 'Other agricultural land', '#f5e6c8'),
  -- non-agricultural
  ('OTC', 'PNN', 'PNN', 'Đất ở', 'Residential land', '#ffb4ff'),
  ('ONT', 'PNN', 'OTC', 'Đất ở tại nông thôn', 'Rural residential land', '#ffd0ff'),
  ('ODT', 'PNN', 'OTC', 'Đất ở tại đô thị', 'Urban residential land', '#ffa0ff'),
  ('TSC', 'PNN', 'PNN', 'Đất xây dựng trụ sở cơ quan', 'Government office land', '#ffa08c'),
  ('CQP', 'PNN', 'PNN', 'Đất quốc phòng', 'Defence land', '#ff6450'),
  ('CAN', 'PNN', 'PNN', 'Đất an ninh', 'Security land', '#ff5046'),
  ('DSN', 'PNN', 'PNN', 'Đất xây dựng công trình sự nghiệp', 'Public-service facility land', '#ffa0aa'),
  ('DVH', 'PNN', 'DSN', 'Đất xây dựng cơ sở văn hóa', 'Cultural facility land', '#ffa0aa'),
  ('DXH', 'PNN', 'DSN', 'Đất xây dựng cơ sở dịch vụ xã hội', 'Social service facility land', '#ffa0aa'),
  ('DYT', 'PNN', 'DSN', 'Đất xây dựng cơ sở y tế', 'Health facility land', '#ffa0aa'),
  ('DGD', 'PNN', 'DSN', 'Đất xây dựng cơ sở giáo dục và đào tạo', 'Education facility land', '#ffa0aa'),
  ('DTT', 'PNN', 'DSN', 'Đất xây dựng cơ sở thể dục, thể thao', 'Sports facility land', '#ffa0aa'),
  ('DKH', 'PNN', 'DSN', 'Đất xây dựng cơ sở khoa học và công nghệ', 'Science and technology facility land', '#ffa0aa'),
  ('DMT', 'PNN', 'DSN', 'Đất xây dựng cơ sở môi trường', 'Environmental facility land', '#ffa0aa'),
  ('DKT', 'PNN', 'DSN', 'Đất xây dựng cơ sở khí tượng thủy văn', 'Hydro-meteorological facility land', '#ffa0aa'),
  ('DNG', 'PNN', 'DSN', 'Đất xây dựng cơ sở ngoại giao', 'Diplomatic facility land', '#ffa0aa'),
  ('DSK', 'PNN', 'DSN', 'Đất xây dựng công trình sự nghiệp khác', 'Other public-service facility land', '#ffa0aa'),
  ('CSK', 'PNN', 'PNN', 'Đất sản xuất, kinh doanh phi nông nghiệp', 'Non-agricultural business land', '#faaaa0'),
  ('SCC', 'PNN', 'CSK', 'Đất khu công nghiệp, cụm công nghiệp', 'Industrial park and cluster land', '#fa96a0'),
  ('TMD', 'PNN', 'CSK', 'Đất thương mại, dịch vụ', 'Commercial and service land', '#faaaa0'),
  ('SKC', 'PNN', 'CSK', 'Đất cơ sở sản xuất phi nông nghiệp', 'Non-agricultural production land', '#faaaa0'),
  ('SKS', 'PNN', 'CSK', 'Đất sử dụng cho hoạt động khoáng sản', 'Mining land', '#cdaaa0'),
  ('CCC', 'PNN', 'PNN', 'Đất sử dụng vào mục đích công cộng', 'Public-purpose land', '#ffaa32'),
  ('DGT', 'PNN', 'CCC', 'Đất công trình giao thông', 'Transport land', '#ffaa32'),
  ('DTL', 'PNN', 'CCC', 'Đất công trình thủy lợi', 'Irrigation land', '#aaffff'),
  ('DCT', 'PNN', 'CCC', 'Đất công trình cấp nước, thoát nước', 'Water supply and drainage land', '#aaffff'),
  ('DPC', 'PNN', 'CCC', 'Đất công trình phòng, chống thiên tai', 'Disaster prevention land', '#ffaaa0'),
  ('DDD', 'PNN', 'CCC', 'Đất có di tích lịch sử - văn hóa, danh lam thắng cảnh, di sản thiên nhiên', 'Heritage and scenic site land', '#ffaaa0'),
  ('DRA', 'PNN', 'CCC', 'Đất công trình xử lý chất thải', 'Waste treatment land', '#cdaaa0'),
  ('DNL', 'PNN', 'CCC', 'Đất công trình năng lượng, chiếu sáng công cộng', 'Energy and public lighting land', '#ffaaa0'),
  ('DBV', 'PNN', 'CCC', 'Đất công trình hạ tầng bưu chính, viễn thông, công nghệ thông tin', 'Post and telecommunication land', '#ffaaa0'),
  ('DCH', 'PNN', 'CCC', 'Đất chợ dân sinh, chợ đầu mối', 'Market land', '#ffaaa0'),
  ('DKV', 'PNN', 'CCC', 'Đất khu vui chơi, giải trí công cộng, sinh hoạt cộng đồng', 'Public recreation and community land', '#ffaaa0'),
  ('DCK', 'PNN', 'CCC', 'Đất công trình công cộng khác', 'Other public works land', '#ffaaa0'),
  ('TON', 'PNN', 'PNN', 'Đất tôn giáo', 'Religious land', '#ffaaa0'),
  ('TIN', 'PNN', 'PNN', 'Đất tín ngưỡng', 'Belief land', '#ffaaa0'),
  ('NTD', 'PNN', 'PNN', 'Đất nghĩa trang, nhà tang lễ, cơ sở hỏa táng; đất cơ sở lưu giữ tro cốt', 'Cemetery and funeral land', '#d2d2d2'),
  ('SON', 'PNN', 'PNN', 'Đất sông, ngòi, kênh, rạch, suối', 'Rivers, canals and streams', '#a0ffff'),
  ('MNC', 'PNN', 'PNN', 'Đất có mặt nước chuyên dùng', 'Special-use water surface', '#b4ffff'),
  ('PNK', 'PNN', 'PNN', 'Đất phi nông nghiệp khác', 'Other non-agricultural land', '#ffc8b4'),
  -- unused
  ('BCS', 'CSD', 'CSD', 'Đất bằng chưa sử dụng', 'Unused flat land', '#ffffff'),
  ('DCS', 'CSD', 'CSD', 'Đất đồi núi chưa sử dụng', 'Unused hilly land', '#fff5e6'),
  ('NCS', 'CSD', 'CSD', 'Núi đá không có rừng cây', 'Rocky mountain without forest', '#e6e6c8'),
  ('MCS', 'CSD', 'CSD', 'Đất có mặt nước chưa sử dụng', 'Unused water surface', '#dcffff');
