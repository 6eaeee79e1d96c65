package io.moodstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code up --cluster} submits the job and stops its driver, against a stand-in master: an HTTP
 * server answering the master's {@code /json/} state and its kill link, and a shell command in
 * place of spark-submit.
 */
class SparkClusterTest {
  @TempDir Path home;

  private final AtomicReference<String> masterJson = new AtomicReference<>("{}");
  private final AtomicReference<String> killed = new AtomicReference<>();
  private HttpServer master;
  private SparkCluster spark;
  private StackPaths paths;

  @BeforeEach
  void standInMaster() throws IOException {
    master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    master.createContext(
        "/json/",
        x -> {
          byte[] b = masterJson.get().getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, b.length);
          x.getResponseBody().write(b);
          x.close();
        });
    master.createContext(
        "/driver/kill/",
        x -> {
          killed.set(x.getRequestMethod() + " " + x.getRequestURI().getQuery());
          masterJson.set(drivers("completeddrivers", "driver-7", "KILLED"));
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    master.start();
    paths = new StackPaths(home);
    spark = new SparkCluster(paths, 7077, master.getAddress().getPort());
  }

  @AfterEach
  void stopMaster() {
    master.stop(0);
  }

  static String drivers(String list, String id, String state) {
    return "{\"" + list + "\":[{\"id\":\"" + id + "\",\"state\":\"" + state + "\"}]}";
  }

  static List<String> shell(String script) {
    return List.of("sh", "-c", script);
  }

  @Test
  void submitReturnsTheDriverOnceTheMasterRunsItAndRecordsItForStatus() throws Exception {
    masterJson.set(drivers("activedrivers", "driver-7", "RUNNING"));
    String id =
        spark.submit(
            shell("echo \"Driver successfully submitted as driver-7 as $X\""),
            Map.of("X", "told"),
            Duration.ofSeconds(10));
    assertThat(id).isEqualTo("driver-7");
    assertThat(spark.driverState()).contains("RUNNING");
    assertThat(Files.readString(SparkCluster.driverFile(paths)))
        .isEqualTo("driver-7\t" + master.getAddress().getPort() + "\n");
    assertThat(Files.readString(paths.log("stream-submit"))).contains("driver-7 as told");
  }

  @Test
  void aDriverTheMasterDoesNotRunInTimeFailsTheSubmit() {
    masterJson.set(drivers("completeddrivers", "driver-7", "FAILED"));
    assertThatThrownBy(
            () ->
                spark.submit(shell("echo submitted as driver-7"), Map.of(), Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class)
        .hasMessage("driver driver-7 not running after PT1S: FAILED");
  }

  @Test
  void aFailedSubmitShowsTheEndOfItsLog() {
    assertThatThrownBy(
            () ->
                spark.submit(
                    shell("echo no master here; exit 1"), Map.of(), Duration.ofSeconds(10)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("spark-submit failed (exit 1):")
        .hasMessageContaining("no master here");
  }

  @Test
  void aDriverThatFinishesOnItsStopMarkerIsNotKilled() throws Exception {
    masterJson.set(drivers("activedrivers", "driver-7", "RUNNING"));
    spark.submit(shell("echo submitted as driver-7"), Map.of(), Duration.ofSeconds(10));
    masterJson.set(drivers("completeddrivers", "driver-7", "FINISHED"));
    Path marker = home.resolve("stream.stop");
    spark.stopDriver(marker, Duration.ofSeconds(5));
    assertThat(marker).hasContent("stop");
    assertThat(killed.get()).isNull();
  }

  @Test
  void aDriverThatOutlivesItsGraceIsKilledByTheMaster() throws Exception {
    masterJson.set(drivers("activedrivers", "driver-7", "RUNNING"));
    spark.submit(shell("echo submitted as driver-7"), Map.of(), Duration.ofSeconds(10));
    assertThatThrownBy(() -> spark.stopDriver(home.resolve("stream.stop"), Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class)
        .hasMessage("the driver did not stop within 1 s: killed");
    assertThat(killed.get()).isEqualTo("POST terminate=true&id=driver-7");
    assertThat(spark.driverState()).contains("KILLED");
  }
}
