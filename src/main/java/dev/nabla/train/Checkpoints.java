package dev.nabla.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A checkpoint directory on any Hadoop file system: one subdirectory {@code ckpt-<global step>} per
 * checkpoint, holding {@code state.bin}. Each is written under a temporary name and renamed when
 * complete, so a crash mid-write leaves no checkpoint that looks complete; the newest {@code keep} are
 * kept.
 *
 * @param every save after every this many steps (or epochs, with {@code perEpoch}); ≥ 1
 */
public record Checkpoints(String dir, Configuration conf, int every, boolean perEpoch, int keep) {
  private static final String PREFIX = "ckpt-";

  public Checkpoints {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoint-every must be ≥ 1, got " + every);
    }
    if (keep < 1) {
      throw new IllegalArgumentException("checkpoint-keep must be ≥ 1, got " + keep);
    }
  }

  /** Writes {@code c} as the checkpoint of global step {@code globalStep}, then prunes old ones. */
  public void save(Checkpoint c, long globalStep) {
    try {
      Path root = new Path(dir);
      FileSystem fs = root.getFileSystem(conf);
      fs.mkdirs(root);
      String name = String.format("%s%012d", PREFIX, globalStep);
      Path tmp = new Path(root, "._tmp-" + name + "-" + UUID.randomUUID());
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fs.create(new Path(tmp, "state.bin")),
          1 << 16))) {
        c.write(out);
      }
      Path target = new Path(root, name);
      if (fs.exists(target)) {
        fs.delete(target, true);
      }
      if (!fs.rename(tmp, target)) {
        fs.delete(tmp, true);
        throw new IOException("could not rename " + tmp + " to " + target);
      }
      List<Path> all = complete(fs, root);
      for (int i = 0; i < all.size() - keep; i++) {
        fs.delete(all.get(i), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The newest complete checkpoint, or null when there is none. */
  public Checkpoint latest() {
    try {
      Path root = new Path(dir);
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        return null;
      }
      List<Path> all = complete(fs, root);
      if (all.isEmpty()) {
        return null;
      }
      Path state = new Path(all.get(all.size() - 1), "state.bin");
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(fs.open(state), 1 << 16))) {
        return Checkpoint.read(in, state.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The complete checkpoints, oldest first (names sort by global step). */
  static List<Path> complete(FileSystem fs, Path root) throws IOException {
    List<Path> all = new ArrayList<>();
    for (FileStatus s : fs.listStatus(root)) {
      if (s.isDirectory() && s.getPath().getName().startsWith(PREFIX)) {
        all.add(s.getPath());
      }
    }
    all.sort((a, b) -> a.getName().compareTo(b.getName()));
    return all;
  }
}
