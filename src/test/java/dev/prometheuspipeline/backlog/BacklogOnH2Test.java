package dev.prometheuspipeline.backlog;

/** The backlog contract on the embedded default database. */
class BacklogOnH2Test extends BacklogContract {
}
