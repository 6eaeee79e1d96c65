package io.moodstream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {
  @TempDir Path dir;

  @Test
  void clusterIdsNeverStartWithADashAndAreKeptAcrossRestarts() throws Exception {
    for (int i = 0; i < 2_000; i++) {
      Path d = Files.createDirectory(dir.resolve("d" + i));
      String id = KafkaBroker.clusterId(d);
      assertThat(id).hasSize(22).doesNotStartWith("-");
      assertThat(KafkaBroker.clusterId(d)).isEqualTo(id);
    }
  }

  @Test
  void serverPropertiesDescribeASingleNodeKraftCluster() {
    String p = KafkaBroker.serverProperties(dir, 19092, 19093);
    assertThat(p)
        .contains("process.roles=broker,controller")
        .contains("controller.quorum.voters=1@127.0.0.1:19093")
        .contains("listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .contains("offsets.topic.replication.factor=1")
        .contains("auto.create.topics.enable=false");
  }
}
