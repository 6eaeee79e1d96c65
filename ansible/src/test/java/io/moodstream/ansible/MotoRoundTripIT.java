package io.moodstream.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * provision → deploy → stop → teardown against a local moto server (TLS, free port, dummy
 * credentials), each playbook twice: the first run changes AWS, the second changes nothing. In
 * between, what moto received is compared with what render mode wrote (bucket policy, security
 * group rules, IAM policies, the RunJobFlow, the steps, the uploaded bundle), and teardown must
 * leave nothing. A secret goes in through ansible-vault and must reach SSM as a SecureString and
 * appear nowhere else: not in any output, not in the rendered files.
 *
 * <p>moto records, it does not validate (RenderedRequestsTest does that) and it runs no step:
 * src/test/python/moto_server.py completes each step in order, as a cluster would when every step
 * succeeds, and adds the managed-scaling calls moto lacks.
 */
class MotoRoundTripIT {
  static final String NAME = "moodstream-it";
  static final String REGION = "eu-west-1";
  static final String BUCKET = NAME + "-123456789012-" + REGION;
  static final String PLANTED_SECRET = "planted-x-token-MOTO-3c9e71";
  static final String PLANTED_AWS_SECRET = "planted-aws-secret-MOTO-d04f2b";

  static Path work;
  static Process moto;
  static Map<String, String> env;
  static final List<String> outputs = new ArrayList<>();

  @BeforeAll
  static void startMoto() throws Exception {
    work = Rendered.tempDir("moto-it");
    Path cert = work.resolve("cert.pem");
    Path key = work.resolve("key.pem");
    Tooling.run(
            List.of(
                Tooling.require("openssl", "Debian: apt-get install openssl"),
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString(),
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost"),
            work,
            Map.of(),
            Duration.ofMinutes(1))
        .requireSuccess("openssl req");
    int port = Tooling.freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
                Tooling.awsPython(),
                Tooling.ANSIBLE.resolve("src/test/python/moto_server.py").toString(),
                Integer.toString(port),
                cert.toString(),
                key.toString())
            .redirectErrorStream(true);
    pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
    moto = pb.start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(moto.getInputStream(), StandardCharsets.UTF_8));
    String first = r.readLine();
    assertThat(first).as("moto_server.py did not start").isEqualTo("ready");
    Thread drain =
        new Thread(
            () -> {
              try {
                while (r.readLine() != null) {
                  // moto's request log: not needed
                }
              } catch (IOException ignored) {
                // moto stopped
              }
            });
    drain.setDaemon(true);
    drain.start();

    String url = "https://127.0.0.1:" + port;
    env = new LinkedHashMap<>();
    env.put("AWS_URL", url);
    env.put("AWS_ENDPOINT_URL", url);
    env.put("AWS_CA_BUNDLE", cert.toString());
    env.put("AWS_ACCESS_KEY_ID", "AKIAPLANTEDMOTO00001");
    env.put("AWS_SECRET_ACCESS_KEY", PLANTED_AWS_SECRET);
    env.put("AWS_DEFAULT_REGION", REGION);
    env.put("MOODSTREAM_RENDER_DIR", work.resolve("rendered").toString());

    // the secret arrives through ansible-vault, as the README tells operators to do it
    Tooling.write(work.resolve("vault-password"), "it-vault-password\n");
    Tooling.write(
        work.resolve("vault.yml"),
        "---\nmoodstream_secret_values: {ingest.x.bearer.token: \"" + PLANTED_SECRET + "\"}\n");
    Tooling.run(
            List.of(
                Tooling.require("ansible-vault", "Debian: apt-get install ansible"),
                "encrypt",
                "--vault-password-file",
                work.resolve("vault-password").toString(),
                work.resolve("vault.yml").toString()),
            Tooling.ANSIBLE,
            Tooling.ansibleEnv(),
            Duration.ofMinutes(1))
        .requireSuccess("ansible-vault encrypt");
    assertThat(Tooling.read(work.resolve("vault.yml")))
        .startsWith("$ANSIBLE_VAULT")
        .doesNotContain(PLANTED_SECRET);
  }

  @AfterAll
  static void stopMoto() throws InterruptedException {
    if (moto != null) {
      moto.destroy();
      if (!moto.waitFor(10, TimeUnit.SECONDS)) {
        moto.destroyForcibly();
      }
    }
  }

  static String play(String playbook, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-i",
                "src/test/resources/inventory/moto/hosts.yml",
                playbook,
                "-e",
                "@" + work.resolve("vault.yml"),
                "--vault-password-file",
                work.resolve("vault-password").toString()));
    args.addAll(List.of(extra));
    String out =
        Tooling.playbook(args, env, Duration.ofMinutes(6)).requireSuccess(playbook).output();
    outputs.add(out);
    out.lines()
        .filter(l -> l.startsWith("localhost") && l.contains("changed="))
        .forEach(
            l ->
                System.out.println(
                    "[moto] "
                        + playbook
                        + " "
                        + String.join(" ", extra)
                        + ": "
                        + l.replaceAll("\\s+", " ")));
    return out;
  }

  /** Runs a playbook twice: the first changes something, the second nothing. */
  static void twice(String playbook, String... extra) {
    String first = play(playbook, extra);
    assertThat(Tooling.changed(first))
        .as("first %s changes AWS:%n%s", playbook, first)
        .isPositive();
    String second = play(playbook, extra);
    assertThat(Tooling.changed(second))
        .as("second %s changes nothing:%n%s", playbook, second)
        .isZero();
  }

  static JsonNode state() {
    Tooling.Result r =
        Tooling.run(
                List.of(
                    Tooling.awsPython(),
                    Tooling.ANSIBLE.resolve("src/test/python/aws_state.py").toString(),
                    REGION,
                    NAME,
                    BUCKET,
                    "/" + NAME + "/"),
                Tooling.ANSIBLE,
                env,
                Duration.ofMinutes(2))
            .requireSuccess("aws_state.py");
    try {
      return Tooling.JSON.readTree(r.output());
    } catch (IOException e) {
      throw new AssertionError(r.output(), e);
    }
  }

  static JsonNode rendered(String file) {
    return Tooling.json(work.resolve("rendered").resolve(file)).get("params");
  }

  static JsonNode parse(String json) {
    try {
      return Tooling.JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(json, e);
    }
  }

  @Test
  void provisionDeployStopTeardownEachTwiceTheSecondChangingNothing() {
    // ------------------------------------------------------------ provision
    twice("provision.yml");
    JsonNode s = state();
    assertThat(s.get("clusters")).as("exactly one cluster").hasSize(1);
    JsonNode cluster = s.get("clusters").get(0);
    JsonNode runJobFlow = rendered("provision/emr-RunJobFlow.json");
    assertThat(cluster.get("name").asText()).isEqualTo(NAME);
    assertThat(cluster.get("release").asText()).isEqualTo(runJobFlow.get("ReleaseLabel").asText());
    assertThat(cluster.get("terminationProtected").asBoolean()).isTrue();
    assertThat(cluster.get("tags").get("moodstream:cluster").asText()).isEqualTo(NAME);
    assertThat(cluster.get("configurations")).isEqualTo(runJobFlow.get("Configurations"));
    assertThat(cluster.get("managedScalingPolicy"))
        .isEqualTo(runJobFlow.get("ManagedScalingPolicy"));

    JsonNode bucket = s.get("bucket");
    assertThat(bucket.get("policy"))
        .as("the bucket policy moto holds is the rendered one")
        .isEqualTo(parse(rendered("provision/s3-PutBucketPolicy.json").get("Policy").asText()));
    assertThat(bucket.get("policy").toString()).contains("aws:SecureTransport");
    assertThat(bucket.get("publicAccessBlock").toString())
        .contains("\"BlockPublicAcls\":true", "\"RestrictPublicBuckets\":true");
    assertThat(bucket.get("encryption").toString()).contains("AES256");

    JsonNode groups = s.get("securityGroups");
    assertThat(groups.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(NAME + "-emr-primary", NAME + "-emr-core", NAME + "-access");
    assertThat(groups.toString())
        .as("no ingress from the internet")
        .doesNotContain("0.0.0.0/0", "::/0");
    assertThat(groups.get(NAME + "-access").get("ingress"))
        .isEqualTo(
            rendered("provision/ec2-AuthorizeSecurityGroupIngress-access.json")
                .get("IpPermissions"));
    assertThat(
            groups
                .get(NAME + "-emr-primary")
                .get("tags")
                .get("for-use-with-amazon-emr-managed-policies")
                .asText())
        .isEqualTo("true");

    JsonNode roles = s.get("roles");
    assertThat(roles.get(NAME + "-emr-service").get("attached").toString())
        .contains("AmazonEMRServicePolicy_v2");
    assertThat(roles.get(NAME + "-emr-service").get("inline").get("pass-instance-role"))
        .isEqualTo(
            parse(
                rendered("provision/iam-PutRolePolicy-service.json")
                    .get("PolicyDocument")
                    .asText()));
    assertThat(roles.get(NAME + "-emr-instance").get("attached")).isEmpty();
    assertThat(roles.get(NAME + "-emr-instance").get("inline").get("moodstream-nodes"))
        .isEqualTo(
            parse(
                rendered("provision/iam-PutRolePolicy-instance.json")
                    .get("PolicyDocument")
                    .asText()));
    assertThat(s.get("instanceProfiles").get(NAME + "-emr-instance").toString())
        .contains(NAME + "-emr-instance");

    JsonNode parameter = s.get("parameters").get("/moodstream-it/ingest/x-bearer-token");
    assertThat(parameter.get("type").asText()).isEqualTo("SecureString");
    assertThat(parameter.get("value").asText())
        .as("the vaulted secret reached SSM")
        .isEqualTo(PLANTED_SECRET);

    // ------------------------------------------------------------ deploy
    twice("deploy.yml");
    s = state();
    JsonNode steps = s.get("clusters").get(0).get("steps");
    JsonNode wanted = rendered("deploy/emr-AddJobFlowSteps.json").get("Steps");
    assertThat(steps).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode step = steps.get(2 - i); // newest first
      assertThat(step.get("name").asText()).isEqualTo(wanted.get(i).get("Name").asText());
      assertThat(step.get("args")).isEqualTo(wanted.get(i).get("HadoopJarStep").get("Args"));
      assertThat(step.get("actionOnFailure").asText())
          .isEqualTo(wanted.get(i).get("ActionOnFailure").asText());
      assertThat(step.get("state").asText()).isEqualTo("COMPLETED");
    }
    JsonNode objects = s.get("bucket").get("objects");
    Path jar = Path.of(System.getProperty("moodstream.emr.jar"));
    String jarKey = "artifacts/" + Tooling.sha256(jar).substring(0, 16) + "/" + jar.getFileName();
    assertThat(objects.has(jarKey)).as("%s in %s", jarKey, objects).isTrue();
    assertThat(objects.get(jarKey).asLong()).isEqualTo(size(jar));
    Path bundle = work.resolve("rendered/deploy/primary-node");
    JsonNode uploaded = s.get("bucket").get("bundle");
    assertThat(uploaded.size()).isEqualTo(Tooling.files(bundle).size());
    uploaded
        .fields()
        .forEachRemaining(
            e ->
                assertThat(e.getValue().asText())
                    .as("uploaded %s is the rendered file", e.getKey())
                    .isEqualTo(Tooling.read(bundle.resolve(Path.of(e.getKey()).getFileName()))));

    // ------------------------------------------------------------ stop
    twice("stop.yml");
    steps = state().get("clusters").get(0).get("steps");
    assertThat(steps.get(0).get("name").asText()).startsWith("moodstream stop ");
    assertThat(steps.get(0).get("args").toString())
        .contains("/opt/moodstream/bin/moodstream-stream-stop");
    assertThat(steps.get(0).get("state").asText()).isEqualTo("COMPLETED");

    // ------------------------------------------------------------ teardown
    Tooling.Result refused =
        Tooling.playbook(
            List.of("-i", "src/test/resources/inventory/moto/hosts.yml", "teardown.yml"),
            env,
            Duration.ofMinutes(3));
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.output()).contains("Run it with -e teardown_confirm=" + NAME);
    twice("teardown.yml", "-e", "teardown_confirm=" + NAME);
    s = state();
    assertThat(s.get("clusters")).as("active clusters").isEmpty();
    assertThat(s.get("buckets")).as("buckets").isEmpty();
    assertThat(s.get("vpcs")).as("VPCs").isEmpty();
    assertThat(s.get("securityGroups")).as("security groups").isEmpty();
    assertThat(s.get("roles")).as("roles").isEmpty();
    assertThat(s.get("instanceProfiles")).as("instance profiles").isEmpty();
    assertThat(s.get("parameters")).as("SSM parameters").isEmpty();

    // ------------------------------------------------------------ no secret anywhere
    for (String planted : List.of(PLANTED_SECRET, PLANTED_AWS_SECRET, "AKIAPLANTEDMOTO00001")) {
      assertThat(Tooling.filesContaining(work.resolve("rendered"), planted))
          .as("rendered files with %s", planted)
          .isEmpty();
      for (String out : outputs) {
        assertThat(out).as("playbook output").doesNotContain(planted);
      }
    }
  }

  static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
