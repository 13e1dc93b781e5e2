package dev.prometheuspipeline.command;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/**
 * The jar as a command line: {@code java -jar prometheus-pipeline.jar validate|test <dir> [options]}
 * or {@code worker-agent [options]}. It has no
 * action of its own; a subcommand does the work.
 */
// INHERIT: each subcommand has --help and --version too.
@Command(name = "prometheus-pipeline", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    scope = ScopeType.INHERIT,
    synopsisHeading = "usage: ", customSynopsis = {"java -jar prometheus-pipeline.jar validate|test <dir> [options]",
        "       java -jar prometheus-pipeline.jar worker-agent [options]"},
    description = "%nThe release pipeline's stages on a working copy, offline; without a subcommand the jar starts the"
        + " server.%n",
    commandListHeading = "%nCommands:%n")
final class PipelineCommand {
  /**
   * The subcommands, in the order the help lists them. Not the annotation's {@code subcommands}: picocli would
   * reflect all of them into its model on every start, where a command needs only its own (see {@link Commands}).
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(ValidateCommand.class, TestCommand.class, WorkerAgentCommand.class);

  /** The version Maven wrote in the jar's manifest; a build from {@code target/classes} has none. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Optional.ofNullable(PipelineCommand.class.getPackage().getImplementationVersion())
          .orElse("(development build, no jar manifest)");
      return new String[] {"prometheus-pipeline " + version};
    }
  }
}
