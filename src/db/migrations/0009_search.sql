-- Search of the cadastre (issue #4 item 4; F4): party names and addresses are compared
-- folded, so "Nguyen Van An" finds "Nguyễn Văn An" and "dang" finds "Đặng".
--
-- Why not unaccent or pg_trgm: neither exists in the embedded engine (PGlite loads
-- contrib extensions only when the driver asks for them), and one SQL dialect must run
-- on both engines. lis_fold() is plain SQL: NFC first (input typed on some keyboards
-- arrives decomposed), then translate() over every Vietnamese letter with a diacritic,
-- both cases, đ/Đ included (unaccent maps đ, JavaScript's NFD trick does not), then
-- lower() for the remaining ASCII. Translating before lower() keeps the result
-- independent of the database's locale (lower() under a C locale leaves 'Đ' alone).
-- IMMUTABLE, so it can be indexed; the SQL body is inlined by the planner. Bodies name
-- other functions with their schema: PostgreSQL 17+ builds indexes with search_path
-- restricted to pg_catalog.
create function lis_fold(t text) returns text
  language sql immutable strict parallel safe as $$
  select lower(translate(normalize(t, NFC),
    'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd'))
$$;

-- The given name: the last word of a Vietnamese full name ("Nguyễn Văn An" → "an").
-- People are looked up by given name as often as by family name, and a family-name
-- prefix alone ("nguyen") matches a third of the population.
create function lis_fold_given_name(t text) returns text
  language sql immutable strict parallel safe as $$
  select public.lis_fold(regexp_replace(btrim(t), '^.*\s', ''))
$$;

-- The name without the family name ("Nguyễn Văn An" → "van an"): "Văn An" finds him too.
create function lis_fold_without_family_name(t text) returns text
  language sql immutable strict parallel safe as $$
  select public.lis_fold(regexp_replace(btrim(t), '^\S+\s+', ''))
$$;

-- Prefix search (LIKE 'abc%') on the three folded forms. text_pattern_ops makes LIKE prefixes
-- indexable whatever the database's collation.
create index party_full_name_fold on party (lis_fold(full_name) text_pattern_ops);
create index party_given_name_fold on party (lis_fold_given_name(full_name) text_pattern_ops);
create index party_name_without_family_fold on party (lis_fold_without_family_name(full_name) text_pattern_ops);

-- Live rights by party: the join from a matched party to its parcels.
create index land_right_party_live on land_right (party_id, parcel_id) where valid_to is null;
