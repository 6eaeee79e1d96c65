package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {
  @TempDir Path dir;

  private static final byte[] HEADER = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0, 1, 2};

  private static String flag(List<String> flags, String prefix) {
    return flags.stream().filter(f -> f.startsWith(prefix)).findFirst().orElse(null);
  }

  @Test
  void recordsWhenThereIsNoArchiveAndMapsItOnceThereIs() throws Exception {
    Path jar = Files.writeString(dir.resolve("a.jar"), "jar");
    Path archives = dir.resolve("archives");

    List<String> first = ClassArchive.flags(archives, "main", List.of("-Xmx1g"), jar.toString());
    String record = flag(first, "-XX:ArchiveClassesAtExit=");
    assertThat(record).isNotNull();
    assertThat(flag(first, "-XX:SharedArchiveFile=")).isNull();
    assertThat(first).contains("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    assertThat(archives).isDirectory();

    Path archive = Path.of(record.substring(record.indexOf('=') + 1));
    Files.write(archive, HEADER);
    List<String> second = ClassArchive.flags(archives, "main", List.of("-Xmx1g"), jar.toString());
    assertThat(flag(second, "-XX:SharedArchiveFile="))
        .isEqualTo("-XX:SharedArchiveFile=" + archive);
    assertThat(flag(second, "-XX:ArchiveClassesAtExit=")).isNull();
  }

  @Test
  void aFileCutShortIsRecordedAgain() throws Exception {
    Path jar = Files.writeString(dir.resolve("a.jar"), "jar");
    String record = flag(ClassArchive.flags(dir, "main", List.of(), jar.toString()), "-XX:Archive");
    Path archive = Path.of(record.substring(record.indexOf('=') + 1));
    Files.write(archive, new byte[] {0, 0, 0, 0, 7});

    List<String> again = ClassArchive.flags(dir, "main", List.of(), jar.toString());
    assertThat(flag(again, "-XX:ArchiveClassesAtExit=")).isEqualTo(record);
    assertThat(archive).doesNotExist();
  }

  @Test
  void aRebuiltJarOrOtherFlagsNeedANewArchiveAndTheOldOneGoes() throws Exception {
    Path jar = Files.writeString(dir.resolve("a.jar"), "jar");
    String cp = jar + java.io.File.pathSeparator + dir.resolve("missing.jar");
    String digest = ClassArchive.digest(List.of("-Xmx1g"), cp);
    assertThat(ClassArchive.digest(List.of("-Xmx1g"), cp)).isEqualTo(digest).hasSize(16);
    assertThat(ClassArchive.digest(List.of("-Xmx2g"), cp)).isNotEqualTo(digest);

    Path old = dir.resolve("main-" + digest + ".jsa");
    Files.write(old, HEADER);
    Path other = Files.write(dir.resolve("rest-" + digest + ".jsa"), HEADER);
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
    assertThat(ClassArchive.digest(List.of("-Xmx1g"), cp)).isNotEqualTo(digest);

    List<String> flags = ClassArchive.flags(dir, "main", List.of("-Xmx1g"), cp);
    assertThat(flag(flags, "-XX:ArchiveClassesAtExit=")).doesNotContain(digest);
    assertThat(old).doesNotExist();
    assertThat(other).exists();
  }

  @Test
  void noFlagsWhenTheDirectoryCannotBeMade() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThat(ClassArchive.flags(file.resolve("archives"), "main", List.of(), "a.jar")).isEmpty();
  }
}
