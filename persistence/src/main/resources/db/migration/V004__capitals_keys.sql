-- Capital look-alikes (found by `suite accounts`): "ΑLΡΗΑ" in Greek capitals could be registered
-- beside "alpha", because name_key folds to lower case before taking the confusable skeleton and
-- the lower-case eta "η" looks like "n", not "h". capitals_key is Usernames.capitalsKey(name): the
-- skeleton of the folded name put in upper case. A name is taken when either key is.
--
-- Filled for existing rows by this migration's Java step (NameKeys.backfillCapitals), the older of
-- two look-alikes keeping the key, exactly as V003 did for name_key.

ALTER TABLE users ADD COLUMN capitals_key TEXT;
CREATE UNIQUE INDEX users_capitals_key_idx ON users (capitals_key);
