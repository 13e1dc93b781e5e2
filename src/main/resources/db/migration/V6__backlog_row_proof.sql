-- A backlog row may prove which service account wrote it: the hex HMAC-SHA256 of its canonical content under
-- the account's secret (backlog/RowProofs). An extension: the seed's columns stay as they are.
ALTER TABLE backlog ADD COLUMN assinatura VARCHAR(128);
-- A proof already consumed is refused when a row carries it again (a replayed row).
CREATE INDEX backlog_by_proof ON backlog (assinatura);
