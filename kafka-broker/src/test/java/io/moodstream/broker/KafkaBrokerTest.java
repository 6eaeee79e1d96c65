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
  void freePortsComeFromBelowTheEphemeralRangeAndCanBeBound() throws Exception {
    int ephemeral = KafkaBroker.ephemeralRangeStart();
    assertThat(ephemeral)
        .as("Linux's ephemeral range starts above our ports")
        .isGreaterThan(20_000);
    for (int i = 0; i < 20; i++) {
      int port = KafkaBroker.freePort();
      assertThat(port).isBetween(KafkaBroker.FIRST_PICKED_PORT, ephemeral - 1);
      try (java.net.ServerSocket s = new java.net.ServerSocket()) {
        s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        assertThat(s.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void serverPropertiesDescribeASingleNodeKraftCluster() {
    String p =
        KafkaBroker.serverProperties(KafkaBroker.Options.defaults(dir).withPorts(19092, 19093));
    assertThat(p)
        .contains("process.roles=broker,controller")
        .contains("controller.quorum.voters=1@127.0.0.1:19093")
        .contains("listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .contains("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n")
        .contains("inter.broker.listener.name=PLAINTEXT\n")
        .contains("offsets.topic.replication.factor=1")
        .contains("auto.create.topics.enable=false");
  }

  @Test
  void threeNodesShareOneQuorumAndReplicateInternalTopicsThreeTimesWithMinIsrTwo() {
    String voters = KafkaBroker.voters(java.util.List.of(19093, 19095, 19097));
    assertThat(voters).isEqualTo("1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097");
    String p =
        KafkaBroker.serverProperties(
            KafkaBroker.Options.defaults(dir)
                .withPorts(19094, 19095)
                .asNode(2, voters, dir.resolve("cluster.id")));
    assertThat(p)
        .contains("node.id=2\n")
        .contains("controller.quorum.voters=" + voters + "\n")
        .contains("listeners=PLAINTEXT://127.0.0.1:19094,CONTROLLER://127.0.0.1:19095\n")
        .contains("offsets.topic.replication.factor=3\n")
        .contains("transaction.state.log.min.isr=2\n")
        .contains("min.insync.replicas=2\n")
        .contains("default.replication.factor=3\n");
  }

  @Test
  void anSslNodeHasNoPlaintextListenerAndVerifiesHostNames() {
    KafkaBroker.Tls tls =
        new KafkaBroker.Tls(dir.resolve("ks.p12"), "kspass", dir.resolve("ts.p12"), "tspass");
    String p =
        KafkaBroker.serverProperties(
            KafkaBroker.Options.defaults(dir).withPorts(19092, 19093).withTls(tls));
    assertThat(p)
        .doesNotContain("PLAINTEXT")
        .contains("listeners=SSL://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093\n")
        .contains("listener.security.protocol.map=SSL:SSL,CONTROLLER:SSL\n")
        .contains("ssl.keystore.location=" + dir.resolve("ks.p12") + "\n")
        .contains("ssl.truststore.password=tspass\n")
        .contains("ssl.endpoint.identification.algorithm=https\n");
    assertThat(tls.toString()).doesNotContain("kspass").doesNotContain("tspass");
  }

  @Test
  void prepareRefusesPortsItWouldHaveToGuess() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> KafkaBroker.prepare(KafkaBroker.Options.defaults(dir)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fixed ports");
  }
}
