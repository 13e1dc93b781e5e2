package dev.prometheuspipeline.telemetry;

import java.util.HashSet;
import java.util.Set;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Runs what counts an engine step once the step's transaction commits; at once outside a transaction. */
final class AfterCommit {
  private AfterCommit() {}

  /** {@link #run}, unless an action with the same key is already waiting for this transaction. */
  @SuppressWarnings("unchecked")
  static void once(String key, Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      Set<String> keys = (Set<String>) TransactionSynchronizationManager.getResource(AfterCommit.class);
      if (keys == null) {
        keys = new HashSet<>();
        TransactionSynchronizationManager.bindResource(AfterCommit.class, keys);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AfterCommit.class);
          }
        });
      }
      if (!keys.add(key)) {
        return;
      }
    }
    run(action);
  }

  static void run(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }
}
