-- Whose turn it is on each environment: one release at a time, from its deploy gate to its verification or
-- rollback, and one manual rollback at a time. The row is taken before the gate (or the rollback) and deleted
-- when that environment's pass ends; a row whose run has ended is taken over.
CREATE TABLE environment_turn (
  environment VARCHAR(50) PRIMARY KEY,
  run_id      VARCHAR(36) NOT NULL REFERENCES release_run (id),
  taken_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
