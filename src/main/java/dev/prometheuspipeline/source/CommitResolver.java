package dev.prometheuspipeline.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds the commit a full or abbreviated sha, a branch or a tag names in one mirror, with messages
 * that say why when there is none or more than one.
 */
final class CommitResolver {
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");
  private static final int FULL_SHA_LENGTH = Constants.OBJECT_ID_STRING_LENGTH;

  private final ObjectReader reader;
  private final RevWalk walk;
  private final Optional<GitRemote> remote;

  /** Messages name {@code remote} as where the commit was looked for. */
  CommitResolver(ObjectReader reader, RevWalk walk, GitRemote remote) {
    this(reader, walk, Optional.of(remote));
  }

  private CommitResolver(ObjectReader reader, RevWalk walk, Optional<GitRemote> remote) {
    this.reader = reader;
    this.walk = walk;
    this.remote = remote;
  }

  /** Whether {@code sha}, lowercased, is 7 to 40 hex characters. */
  static boolean isSha(String sha) {
    return SHA.matcher(sha).matches();
  }

  /**
   * The one commit {@code sha} names, or empty when the mirror has none.
   *
   * @param sha lowercase hex, 7 to 40 characters
   * @param path the artifact the sha is for, starting messages; empty for none
   * @throws Refusal when an abbreviation matches several commits, or the object is no commit
   */
  Optional<RevCommit> find(String sha, String path) throws IOException, Refusal {
    Collection<ObjectId> candidates = reader.resolve(AbbreviatedObjectId.fromString(sha));
    List<ObjectId> commits = new ArrayList<>();
    List<ObjectId> present = new ArrayList<>();
    for (ObjectId candidate : candidates) {
      // A full sha "resolves" to itself whether or not the mirror has it.
      if (!reader.has(candidate)) {
        continue;
      }
      present.add(candidate);
      if (reader.open(candidate).getType() == Constants.OBJ_COMMIT) {
        commits.add(candidate);
      }
    }
    String who = path.isEmpty() ? "" : path + ": ";
    String in = remote.map(r -> " in " + r.label()).orElse("");
    if (commits.size() > 1) {
      throw new Refusal(who + "sha " + sha + " matches " + commits.size() + " commits" + in
          + "; give more of its characters");
    }
    if (commits.isEmpty() && !present.isEmpty()) {
      throw new Refusal(who + sha + " names a file or folder object" + in
          + ", not a commit; give the commit's sha");
    }
    return commits.isEmpty() ? Optional.empty() : Optional.of(walk.parseCommit(commits.get(0)));
  }

  /**
   * The one commit {@code sha} names.
   *
   * @throws Refusal as {@link #find}, and when the mirror has no such commit
   */
  RevCommit require(String sha, String path) throws IOException, Refusal {
    return find(sha, path).orElseThrow(() -> new Refusal(path + ": commit " + sha + " not found in "
        + remoteName() + "; push it or fix the sha"));
  }

  /**
   * The commit a branch, a tag or a sha names; a branch wins over a commit whose sha starts the
   * same way.
   *
   * @throws SourceException naming {@code wanted} when the mirror has no such thing
   */
  RevCommit resolve(Repository repository, String wanted) throws IOException {
    List<String> names = wanted.startsWith(Constants.R_REFS)
        ? List.of(wanted)
        : List.of(Constants.R_HEADS + wanted, Constants.R_TAGS + wanted);
    for (String name : names) {
      if (!Repository.isValidRefName(name)) {
        continue;
      }
      Ref ref = repository.exactRef(name);
      if (ref != null && ref.getObjectId() != null) {
        // parseCommit peels annotated tags down to their commit.
        return walk.parseCommit(ref.getObjectId());
      }
    }
    String sha = wanted.toLowerCase(Locale.ROOT);
    if (isSha(sha)) {
      try {
        Optional<RevCommit> commit = find(sha, "");
        if (commit.isPresent()) {
          return commit.get();
        }
      } catch (Refusal refusal) {
        throw new SourceException(refusal.getMessage());
      }
      throw new SourceException("no branch, tag or commit '" + wanted + "' in " + remoteName()
          + "; push it or fix the name");
    }
    throw new SourceException("no branch '" + wanted + "' in " + remoteName()
        + "; push it or fix the name");
  }

  /** Whether some of {@code shas} name no commit the mirror has, so a fetch may bring them. */
  static boolean anyMissing(Repository repository, Collection<String> shas) throws IOException {
    try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      CommitResolver commits = new CommitResolver(reader, walk, Optional.empty());
      for (String sha : shas) {
        try {
          if (commits.find(sha, "").isEmpty()) {
            return true;
          }
        } catch (Refusal ambiguousOrNotACommit) {
          // Reported when the artifact is read; fetching more cannot make it a unique commit.
        }
      }
    }
    return false;
  }

  /** Whether {@code wanted} is a full sha of a commit the mirror already has, which no fetch can change. */
  static boolean isPresentCommit(Repository repository, String wanted) throws IOException {
    String sha = wanted.toLowerCase(Locale.ROOT);
    if (sha.length() != FULL_SHA_LENGTH || !isSha(sha)) {
      return false;
    }
    try (ObjectReader reader = repository.newObjectReader()) {
      ObjectId id = ObjectId.fromString(sha);
      return reader.has(id, Constants.OBJ_COMMIT);
    }
  }

  private String remoteName() {
    return remote.map(GitRemote::label).orElse("the repository");
  }
}
