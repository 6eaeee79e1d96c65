package io.moodstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.execution.streaming.CheckpointFileManager;
import org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCheckpointFileSystemTest {
  @TempDir java.nio.file.Path dir;

  private static Configuration conf() {
    Configuration c = new Configuration(false);
    c.set("fs.file.impl", LocalCheckpointFileSystem.class.getName());
    c.setBoolean("fs.file.impl.disable.cache", true);
    return c;
  }

  @Test
  void permissionsAreSetAsHadoopAsks() throws Exception {
    LocalCheckpointFileSystem fs = new LocalCheckpointFileSystem();
    fs.initialize(dir.toUri(), conf());
    Path sub = new Path(dir.toUri().toString(), "state/0");
    assertThat(fs.mkdirs(sub, new FsPermission((short) 0750))).isTrue();
    fs.create(
            new Path(sub, "1.delta"),
            new FsPermission((short) 0640),
            true,
            4096,
            (short) 1,
            1L << 20,
            null)
        .close();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/0"))))
        .isEqualTo("rwxr-x---");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("state/0/1.delta"))))
        .isEqualTo("rw-r-----");
    assertThat(LocalCheckpointFileSystem.posix(new FsPermission((short) 01755)))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void everyPermissionBitMapsToItsPosixPermission() {
    // PosixFilePermission's order is the mode's bits from 0400 down to 0001
    for (int mode = 0; mode <= 01777; mode++) {
      Set<PosixFilePermission> expected = EnumSet.noneOf(PosixFilePermission.class);
      for (PosixFilePermission p : PosixFilePermission.values()) {
        if ((mode & (0400 >> p.ordinal())) != 0) {
          expected.add(p);
        }
      }
      assertThat(LocalCheckpointFileSystem.posix(new FsPermission((short) mode)))
          .as("mode %o", mode)
          .isEqualTo(expected);
    }
  }

  @Test
  void sparksCheckpointManagerWritesAtomicallyThroughIt() throws Exception {
    Path root = new Path(dir.toUri().toString(), "checkpoints/posts");
    CheckpointFileManager fm = CheckpointFileManager.create(root, confFor(root));
    assertThat(fm).isInstanceOf(FileSystemBasedCheckpointFileManager.class);
    fm.mkdirs(new Path(root, "offsets"));
    Path offsets = new Path(root, "offsets/0");

    CheckpointFileManager.CancellableFSDataOutputStream cancelled = fm.createAtomic(offsets, false);
    cancelled.write("half".getBytes(StandardCharsets.UTF_8));
    cancelled.cancel();
    assertThat(fm.exists(offsets)).isFalse();

    CheckpointFileManager.CancellableFSDataOutputStream out = fm.createAtomic(offsets, false);
    out.write("v1\n{\"batchWatermarkMs\":0}".getBytes(StandardCharsets.UTF_8));
    out.close();
    try (InputStream in = fm.open(offsets)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("v1\n{\"batchWatermarkMs\":0}");
    }
    // the temp file is gone, and no .crc files are written beside the checkpoint
    try (var files = Files.list(dir.resolve("checkpoints/posts/offsets"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("0");
    }
  }

  private static Configuration confFor(Path root) {
    Configuration c = conf();
    c.set(
        "spark.sql.streaming.checkpointFileManagerClass",
        FileSystemBasedCheckpointFileManager.class.getName());
    return c;
  }
}
