-- Whether an individual land user was matched against the national population database
-- by citizen ID, when, and with what result (2025 land data campaign); shown with the
-- party so officers see who still needs checking.
alter table party add column population_status text not null default 'unchecked'
  check (population_status in ('unchecked', 'matched', 'mismatch', 'not_found'));
alter table party add column population_checked_at timestamptz;
