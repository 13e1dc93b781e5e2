package dev.prometheuspipeline.command;

import java.io.PrintStream;
import java.util.List;

/** A subcommand of the jar: runs in the calling JVM, without Spring, and answers with an exit code. */
interface Command {
  /**
   * @param args the arguments after the subcommand's name
   * @param out where the result goes (a report, unless written to a file)
   * @param err where problems with the invocation go
   * @return 0 when clean, 1 when the result has errors, 2 for a usage or I/O problem
   */
  int run(List<String> args, PrintStream out, PrintStream err);
}
