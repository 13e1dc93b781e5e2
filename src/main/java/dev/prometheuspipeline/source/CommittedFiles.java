package dev.prometheuspipeline.source;

import java.io.IOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * What a committed file must be before it is read: a regular file (no link, no submodule) within
 * {@code pipeline.source.max-file-bytes}. Artifacts and companion files are held to the same rules.
 */
final class CommittedFiles {
  private final long maxFileBytes;

  CommittedFiles(long maxFileBytes) {
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * @param type the tree entry's mode masked with {@link FileMode#TYPE_MASK}
   * @param where the path and sha, starting the message
   * @param which what inside {@code where} is meant, appended to it; empty for {@code where} itself
   */
  static void refuseUnlessRegularFile(int type, String where, String which) throws Refusal {
    if (type == FileMode.TYPE_SYMLINK) {
      throw new Refusal(where + which + ": is a symbolic link; links are not followed, "
          + "commit the file itself");
    }
    if (type == FileMode.TYPE_GITLINK) {
      throw new Refusal(where + which + ": is a submodule; its files live in another repository, "
          + "fetch them from there");
    }
    if (type != FileMode.TYPE_FILE) {
      throw new Refusal(where + which + ": is not a regular file (mode "
          + Integer.toOctalString(type) + ")");
    }
  }

  /** The blob's size, refused when it is over the limit. */
  long sizeWithinLimit(ObjectReader reader, ObjectId blob, String where) throws IOException, Refusal {
    long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
    if (size > maxFileBytes) {
      throw new Refusal(where + ": file is " + size + " bytes, over the limit of "
          + maxFileBytes + " bytes; shrink it or raise pipeline.source.max-file-bytes");
    }
    return size;
  }

  /** The blob's bytes; check {@link #sizeWithinLimit} first for a message that says what to do. */
  byte[] bytes(ObjectReader reader, ObjectId blob) throws IOException {
    return reader.open(blob, Constants.OBJ_BLOB).getBytes((int) maxFileBytes);
  }
}
