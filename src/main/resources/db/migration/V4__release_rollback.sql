-- Manual rollbacks of verified releases, one row per rollback process. active_run_id holds the run while
-- the rollback is open and is NULL once it ended: the unique constraint lets one rollback at a time run
-- for a release even when two requests race (both databases allow many NULLs in a unique column).
CREATE TABLE release_rollback (
  process_instance_id VARCHAR(64)   PRIMARY KEY,
  run_id              VARCHAR(36)   NOT NULL REFERENCES release_run (id),
  active_run_id       VARCHAR(36)   UNIQUE,
  requested_by        VARCHAR(200)  NOT NULL,
  reason              VARCHAR(2000) NOT NULL,
  state               VARCHAR(30)   NOT NULL,
  state_reason        VARCHAR(2000) NOT NULL,
  requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX release_rollback_by_run ON release_rollback (run_id, requested_at);
