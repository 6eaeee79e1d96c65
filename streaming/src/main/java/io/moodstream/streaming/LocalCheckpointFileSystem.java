package io.moodstream.streaming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system for a checkpoint on local disk, without its child processes. Without
 * the native libhadoop (neither the local run nor the cluster-mode stack has one) {@link
 * RawLocalFileSystem} runs {@code chmod} for every file and directory it creates with a permission,
 * and Spark's default checkpoint manager renames through {@code FileContext}, which runs {@code
 * readlink} twice per rename: ~95 processes a second at 10,000 posts/s, 20–50 ms of every
 * micro-batch's offset and commit logs and more of its state-store commit. This class sets
 * permissions with {@link Files#setPosixFilePermissions}; {@link StreamJob#sessionSettings} pairs
 * it with Spark's {@code FileSystemBasedCheckpointFileManager}, whose rename is {@code
 * File.renameTo} here (atomic on POSIX, as the checkpoint needs). Checksum ({@code .crc}) files are
 * not written: a local disk has its own.
 */
public final class LocalCheckpointFileSystem extends RawLocalFileSystem {
  @Override
  public void setPermission(Path p, FsPermission permission) throws IOException {
    Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
  }

  /** The POSIX permissions of {@code p} (its sticky bit aside: checkpoints do not use it). */
  static Set<PosixFilePermission> posix(FsPermission p) {
    return PosixFilePermissions.fromString(
        p.getUserAction().SYMBOL + p.getGroupAction().SYMBOL + p.getOtherAction().SYMBOL);
  }
}
