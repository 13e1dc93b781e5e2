-- Delivery ids of the Git hosts' own webhooks (GitHub, GitLab, Gitea/Forgejo): their signatures carry no
-- timestamp, so a replay is recognised by its id, kept for pipeline.githosts.delivery-retention.
CREATE TABLE git_host_delivery (
  host        VARCHAR(20)  NOT NULL,
  delivery_id VARCHAR(100) NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (host, delivery_id)
);

-- Where a release started by a host's push came from: the commit its state is reported back to.
CREATE TABLE release_origin (
  run_id      VARCHAR(36)  PRIMARY KEY REFERENCES release_run (id),
  host        VARCHAR(20)  NOT NULL,
  repository  VARCHAR(255) NOT NULL,
  project_id  VARCHAR(20)  NOT NULL,
  branch      VARCHAR(200) NOT NULL,
  commit_sha  VARCHAR(64)  NOT NULL
);
