package dev.prometheuspipeline.approval;

import dev.prometheuspipeline.release.PipelineException;

/**
 * A model or a release that the approval listeners cannot work with: a gate decision that returns an
 * unknown verdict, a release started without its escalation group. It fails the engine job, so it shows
 * as an incident on the element named in the message.
 */
class ApprovalException extends PipelineException {
  ApprovalException(String message) {
    super(message);
  }
}
