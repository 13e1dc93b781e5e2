-- A release started by a push names only its branch and commit: the webhook answers at once, and the run's
-- fetch stage lists the product folders' files at that commit (the release's artifacts) from this row.
CREATE TABLE release_push (
  run_id     VARCHAR(36)  PRIMARY KEY REFERENCES release_run (id),
  branch     VARCHAR(200) NOT NULL,
  commit_sha VARCHAR(64)  NOT NULL
);
