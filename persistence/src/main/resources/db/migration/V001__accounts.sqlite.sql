-- Accounts. A user is a login; each user owns exactly one player, created in the same transaction
-- at registration. The player carries the in-game identity (name with the case typed at
-- registration, colour) and the best score.
--
-- INTEGER PRIMARY KEY is SQLite's auto-assigned rowid alias. PostgreSQL would use
-- BIGINT GENERATED ALWAYS AS IDENTITY (or BIGSERIAL). Times are epoch milliseconds in BIGINT.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,            -- lower-cased, so logins are case-insensitive
  password_hash TEXT NOT NULL,              -- bcrypt string, $2a$...
  created_at BIGINT NOT NULL
);

CREATE TABLE players (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,                       -- username as typed; unique through users.username
  color INTEGER NOT NULL,                   -- 0xRRGGBBAA as a signed 32-bit value
  best_score BIGINT NOT NULL DEFAULT 0,
  best_score_at BIGINT                      -- when best_score was last raised; NULL until then
);
