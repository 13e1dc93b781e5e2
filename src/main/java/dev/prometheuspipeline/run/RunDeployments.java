package dev.prometheuspipeline.run;

import static dev.prometheuspipeline.run.Rows.instant;

import dev.prometheuspipeline.release.TargetDeployment;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which deployments a run made (or found unchanged) on its target: the names on the target are
 * stable per product, so which release produced which deployment is known only here.
 */
@Repository
public class RunDeployments {
  private final JdbcClient db;

  RunDeployments(JdbcClient db) {
    this.db = db;
  }

  public void save(String runId, TargetDeployment deployment) {
    db.sql("DELETE FROM target_deployment WHERE run_id = ? AND product = ?")
        .params(runId, deployment.product()).update();
    db.sql("""
        INSERT INTO target_deployment (run_id, product, deployment_id, deployment_name, created, target_url,
                                       deployed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(runId, deployment.product(), deployment.deploymentId(), deployment.deploymentName(),
            deployment.created(), deployment.targetUrl(), deployment.deployedAt().atOffset(ZoneOffset.UTC))
        .update();
  }

  public List<TargetDeployment> deployments(String runId) {
    return db.sql("""
        SELECT product, deployment_id, deployment_name, created, target_url, deployed_at
        FROM target_deployment WHERE run_id = ? ORDER BY product""")
        .param(runId)
        .query((rs, n) -> new TargetDeployment(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getBoolean(4), rs.getString(5), instant(rs, 6)))
        .list();
  }
}
