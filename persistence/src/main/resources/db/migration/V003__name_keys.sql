-- Look-alike names (issue 8, Why 6). name_key is Usernames.lookalikeKey(name): the Unicode TR39
-- confusable skeleton of the NFKC case-folded name, so "alpha", "аlpha" (Cyrillic а), "ａｌｐｈａ"
-- and "ΑLPHA" share one key and only one of them can be registered.
--
-- The key needs ICU (Java), so existing rows are backfilled by this migration's Java step
-- (NameKeys.backfill, run by Migrations in the same transaction). A row stays NULL only if an older
-- account already holds its key; both accounts keep logging in by username. Unique indexes allow
-- any number of NULLs in SQLite and PostgreSQL alike.

ALTER TABLE users ADD COLUMN name_key TEXT;
CREATE UNIQUE INDEX users_name_key_idx ON users (name_key);
