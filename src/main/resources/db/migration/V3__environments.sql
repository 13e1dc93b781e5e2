-- Releases go through several environments (pipeline.environments): a run's deployments are kept per
-- environment. A new table rather than ALTERs, because H2 and PostgreSQL name the old primary key
-- differently; rows of earlier runs move over under the single environment they had.
CREATE TABLE environment_deployment (
  run_id          VARCHAR(36)   NOT NULL REFERENCES release_run (id),
  environment     VARCHAR(50)   NOT NULL,
  product         VARCHAR(200)  NOT NULL,
  deployment_id   VARCHAR(64)   NOT NULL,
  deployment_name VARCHAR(200)  NOT NULL,
  created         BOOLEAN       NOT NULL,
  target_url      VARCHAR(1000) NOT NULL,
  deployed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (run_id, environment, product)
);

INSERT INTO environment_deployment (run_id, environment, product, deployment_id, deployment_name, created,
                                    target_url, deployed_at)
SELECT run_id, 'producao', product, deployment_id, deployment_name, created, target_url, deployed_at
FROM target_deployment;

DROP TABLE target_deployment;

-- Written before a product's deployment is sent, in its own transaction: the newest deployment of that
-- name the target had then. A stage killed after the engine created the deployment but before it
-- recorded it finds, when it runs again, a newer deployment than this one, and knows it is its own.
CREATE TABLE deploy_attempt (
  run_id                 VARCHAR(36)  NOT NULL REFERENCES release_run (id),
  environment            VARCHAR(50)  NOT NULL,
  product                VARCHAR(200) NOT NULL,
  previous_deployment_id VARCHAR(64),
  started_at             TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (run_id, environment, product)
);
