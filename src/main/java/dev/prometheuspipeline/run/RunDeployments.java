package dev.prometheuspipeline.run;

import static dev.prometheuspipeline.run.Rows.instant;

import dev.prometheuspipeline.release.ReleaseState;
import dev.prometheuspipeline.release.TargetDeployment;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which deployments a run made (or found unchanged) on each environment: the names on the target are
 * stable per product, so which release produced which deployment is known only here. Also the deploy
 * attempts, which let a stage killed mid-deploy recognise, when it runs again, what it had created.
 */
@Repository
public class RunDeployments {
  private static final String COLUMNS =
      "environment, product, deployment_id, deployment_name, created, target_url, deployed_at";

  private final JdbcClient db;

  RunDeployments(JdbcClient db) {
    this.db = db;
  }

  public void save(String runId, TargetDeployment deployment) {
    db.sql("DELETE FROM environment_deployment WHERE run_id = ? AND environment = ? AND product = ?")
        .params(runId, deployment.environment(), deployment.product()).update();
    db.sql("INSERT INTO environment_deployment (run_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(runId, deployment.environment(), deployment.product(), deployment.deploymentId(),
            deployment.deploymentName(), deployment.created(), deployment.targetUrl(),
            deployment.deployedAt().atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Every deployment of the run, environment by environment in the order they were deployed. */
  public List<TargetDeployment> deployments(String runId) {
    return db.sql("SELECT " + COLUMNS + " FROM environment_deployment WHERE run_id = ? ORDER BY deployed_at, product")
        .param(runId).query((rs, n) -> new TargetDeployment(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getBoolean(5), rs.getString(6), instant(rs, 7)))
        .list();
  }

  /**
   * The newest run that deployed to the environment and then succeeded: what the environment should be
   * running now, so what a drift report compares the target with. Empty when no release got there yet.
   */
  public Optional<String> latestSucceeded(String environment) {
    return db.sql("SELECT d.run_id FROM environment_deployment d JOIN release_run r ON r.id = d.run_id"
            + " WHERE d.environment = ? AND r.state = ? ORDER BY d.deployed_at DESC, d.run_id FETCH FIRST 1 ROWS ONLY")
        .params(environment, ReleaseState.SUCCEEDED.wireName()).query(String.class).optional();
  }

  /** The run's deployments on one environment. */
  public List<TargetDeployment> deployments(String runId, String environment) {
    return deployments(runId).stream().filter(d -> d.environment().equals(environment)).toList();
  }

  /**
   * Records, in a transaction of its own so that it survives a crash of the deploy that follows, the
   * newest deployment of the product's name before this run deploys it, and answers the first such
   * record: a second attempt keeps the first, since the first is the one that may have deployed.
   *
   * @return the newest deployment before the run's first attempt; empty when the name had none
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public Optional<String> firstAttempt(String runId, String environment, String product,
      Optional<String> newestNow) {
    List<Optional<String>> earlier = db.sql(
            "SELECT previous_deployment_id FROM deploy_attempt WHERE run_id = ? AND environment = ? AND product = ?")
        .params(runId, environment, product).query((rs, n) -> Optional.ofNullable(rs.getString(1))).list();
    if (!earlier.isEmpty()) {
      return earlier.get(0);
    }
    db.sql("INSERT INTO deploy_attempt (run_id, environment, product, previous_deployment_id, started_at) "
            + "VALUES (?, ?, ?, ?, ?)")
        .params(runId, environment, product, newestNow.orElse(null), Instant.now().atOffset(ZoneOffset.UTC))
        .update();
    return newestNow;
  }

  /**
   * Records the commit the environment's worker agent ran before the run's workers deploy, unless an
   * earlier attempt recorded it: a retry may find the agent already at the run's own commit.
   *
   * @param previousCommit empty when the agent had deployed nothing yet
   */
  public void saveWorkersBefore(String runId, String environment, Optional<String> previousCommit) {
    if (workersBefore(runId, environment).isPresent()) {
      return;
    }
    db.sql("INSERT INTO workers_rollout (run_id, environment, previous_commit) VALUES (?, ?, ?)")
        .params(runId, environment, previousCommit.orElse(null)).update();
  }

  /**
   * What {@link #saveWorkersBefore} recorded: empty when the run deployed no workers there; an empty
   * inner value when the agent had run nothing before.
   */
  public Optional<Optional<String>> workersBefore(String runId, String environment) {
    return db.sql("SELECT previous_commit FROM workers_rollout WHERE run_id = ? AND environment = ?")
        .params(runId, environment).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional();
  }

  /** Forgets the attempts of a run on an environment, when its implantar starts over. */
  public void forgetAttempts(String runId) {
    db.sql("DELETE FROM deploy_attempt WHERE run_id = ?").param(runId).update();
  }
}
