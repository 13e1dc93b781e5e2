-- At most one running or awaiting-approval run per release_ref, kept by the database: two requests for one
-- release_ref at the same moment both pass the service's "is one already running?" check, and only this
-- constraint makes the second insert wait for the first transaction and then fail. active_ref holds the
-- release_ref while the run is active and is NULL once it ended (both databases allow many NULLs in a
-- unique column), the same device as release_rollback.active_run_id.
ALTER TABLE release_run ADD COLUMN active_ref VARCHAR(200);

-- Runs stored before this migration: the newest active run of each release_ref holds it, so a store where
-- the race already happened still migrates.
UPDATE release_run SET active_ref = release_ref
 WHERE state IN ('running', 'awaiting_approval')
   AND NOT EXISTS (SELECT 1 FROM release_run newer
                    WHERE newer.release_ref = release_run.release_ref
                      AND newer.state IN ('running', 'awaiting_approval')
                      AND (newer.created_at > release_run.created_at
                           OR (newer.created_at = release_run.created_at AND newer.id > release_run.id)));

CREATE UNIQUE INDEX release_run_one_active ON release_run (active_ref);
