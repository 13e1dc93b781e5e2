-- Files read with the models but never deployed: rule configuration and declared tests.
CREATE TABLE release_companion (
  run_id     VARCHAR(36)   NOT NULL REFERENCES release_run (id),
  position   INT           NOT NULL,
  kind       VARCHAR(20)   NOT NULL,
  path       VARCHAR(1000) NOT NULL,
  commit_sha VARCHAR(64)   NOT NULL,
  content    BYTEA         NOT NULL,
  PRIMARY KEY (run_id, position)
);
