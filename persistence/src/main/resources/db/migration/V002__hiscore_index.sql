-- The hiscore board reads players in (best_score DESC, id) order and counts players with a
-- higher score to compute ranks; this index serves both.
CREATE INDEX players_best_score_idx ON players (best_score DESC, id);
