package io.moodstream.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Render mode ({@code -e render_only=true}) writes every request the playbooks would send, and
 * tools/validate_rendered.py holds them to botocore's service model and the EMR allow-list. Each
 * check of the validator is shown catching a mistake planted in a copy of a rendered request.
 */
class RenderedRequestsTest {
  @TempDir Path tmp;

  static Path rendered(String phaseAndFile) {
    return Rendered.get().dir.resolve(phaseAndFile);
  }

  static Tooling.Result validate(Path... paths) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Tooling.awsPython());
    cmd.add("tools/validate_rendered.py");
    for (Path p : paths) {
      cmd.add(p.toString());
    }
    return Tooling.run(cmd, Tooling.ANSIBLE, Map.of(), Duration.ofMinutes(2));
  }

  @Test
  void everyRenderedRequestPassesTheValidator() {
    Path dir = Rendered.get().dir;
    assertThat(Tooling.files(dir))
        .extracting(p -> dir.relativize(p).toString())
        .contains(
            "provision/emr-RunJobFlow.json",
            "provision/s3-PutBucketPolicy.json",
            "provision/iam-PutRolePolicy-instance.json",
            "provision/ec2-AuthorizeSecurityGroupIngress-access.json",
            "provision/kafka-CreateCluster.json",
            "provision/ssm-PutParameter-1.json",
            "deploy/emr-AddJobFlowSteps.json",
            "deploy/primary-node/moodstream-rest.service",
            "deploy/primary-node/moodstream-ingest.service",
            "deploy/primary-node/moodstream-stream-resubmit.timer",
            "stop/emr-AddJobFlowSteps.json",
            "teardown/emr-TerminateJobFlows.json");
    Tooling.Result r = validate(dir);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).containsPattern("validated \\d+ request\\(s\\) .*: 0 problem\\(s\\)");
  }

  @Test
  void renderModeContactsNothingAndRendersTheDefaults() {
    // Rendered.render points every AWS endpoint at a closed port: a call would have failed the run.
    assertThat(Rendered.get().output).contains("TASK [moodstream : Find the AWS account]");
    JsonNode run = Tooling.json(rendered("provision/emr-RunJobFlow.json")).get("params");
    assertThat(run.get("ReleaseLabel").asText()).isEqualTo("emr-7.13.0");
    assertThat(run.get("Applications").findValuesAsText("Name"))
        .containsExactly("Hadoop", "Spark", "HBase", "ZooKeeper");
    assertThat(run.get("Instances").get("TerminationProtected").asBoolean()).isTrue();
    assertThat(run.has("AutoTerminationPolicy"))
        .as("no auto-termination while HBase holds data")
        .isFalse();
    assertThat(
            run.get("ManagedScalingPolicy")
                .get("ComputeLimits")
                .get("MaximumCoreCapacityUnits")
                .asInt())
        .as("managed scaling never adds core nodes")
        .isEqualTo(run.get("Instances").get("InstanceGroups").get(1).get("InstanceCount").asInt());
    assertThat(run.get("Configurations").findValuesAsText("Classification"))
        .contains("spark-defaults", "hbase", "hbase-site");
    JsonNode steps =
        Tooling.json(rendered("deploy/emr-AddJobFlowSteps.json")).get("params").get("Steps");
    assertThat(steps.findValuesAsText("ActionOnFailure"))
        .containsExactly("CANCEL_AND_WAIT", "CANCEL_AND_WAIT", "CONTINUE");
    String stream = steps.get(2).get("HadoopJarStep").get("Args").toString();
    assertThat(stream)
        .contains("\"--deploy-mode\",\"cluster\"", "spark.yarn.submit.waitAppCompletion=false")
        .contains("spark.yarn.maxAppAttempts=", "hdfs:///moodstream/checkpoints/stream")
        .contains(
            "hdfs:///moodstream/run/stream.stop", "hdfs:///moodstream/run/stream-status.json");
  }

  // ---------------------------------------------------------------- each check catches its mistake

  void plantedMistakeIsCaught(
      String file, String check, String message, Consumer<ObjectNode> plant) {
    Path original = rendered(file);
    assertThat(validate(original).exit()).as("the unchanged %s passes", file).isZero();
    ObjectNode req = (ObjectNode) Tooling.json(original);
    plant.accept((ObjectNode) req.get("params"));
    Path planted = tmp.resolve(original.getFileName());
    Tooling.write(planted, req.toPrettyString());
    Tooling.Result r = validate(planted);
    assertThat(r.exit()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains(planted + ": " + check + ": ").contains(message);
    r.output()
        .lines()
        .filter(l -> l.contains(": " + check + ": "))
        .forEach(l -> System.out.println("[caught] " + l));
  }

  static ObjectNode classification(ObjectNode runJobFlow, String name) {
    for (JsonNode c : runJobFlow.get("Configurations")) {
      if (c.get("Classification").asText().equals(name)) {
        return (ObjectNode) c;
      }
    }
    throw new AssertionError("no classification " + name);
  }

  @Test
  void aMisspelledClassificationIsCaught() {
    plantedMistakeIsCaught(
        "provision/emr-RunJobFlow.json",
        "classification",
        "unknown configuration classification 'hbsae-site' (did you mean hbase-site?)",
        p -> classification(p, "hbase-site").put("Classification", "hbsae-site"));
  }

  @Test
  void aClassificationOfAnApplicationNotInstalledIsCaught() {
    plantedMistakeIsCaught(
        "provision/emr-RunJobFlow.json",
        "classification",
        "'hbase-site' configures HBase, which is not installed",
        p -> {
          ArrayNode apps = (ArrayNode) p.get("Applications");
          apps.remove(2);
        });
  }

  @Test
  void anUnknownApplicationIsCaught() {
    plantedMistakeIsCaught(
        "provision/emr-RunJobFlow.json",
        "application",
        "unknown EMR application 'Sparkle'",
        p -> ((ArrayNode) p.get("Applications")).addObject().put("Name", "Sparkle"));
  }

  @Test
  void anUnknownOrOldReleaseIsCaught() {
    plantedMistakeIsCaught(
        "provision/emr-RunJobFlow.json",
        "release",
        "ReleaseLabel 'emr-7.5.0' is not a known EMR 7.x release with HBase 2.6",
        p -> p.put("ReleaseLabel", "emr-7.5.0"));
  }

  @Test
  void aBadActionOnFailureIsCaught() {
    plantedMistakeIsCaught(
        "deploy/emr-AddJobFlowSteps.json",
        "enum",
        "Steps[2].ActionOnFailure = 'TERMINATE_JOB' is not one of",
        p -> ((ObjectNode) p.get("Steps").get(2)).put("ActionOnFailure", "TERMINATE_JOB"));
  }

  @Test
  void aStepThatWouldTerminateTheClusterIsCaught() {
    plantedMistakeIsCaught(
        "deploy/emr-AddJobFlowSteps.json",
        "step",
        "would terminate the cluster on failure",
        p -> ((ObjectNode) p.get("Steps").get(1)).put("ActionOnFailure", "TERMINATE_CLUSTER"));
  }

  @Test
  void aStreamingStepThatWaitsForItsApplicationIsCaught() {
    plantedMistakeIsCaught(
        "deploy/emr-AddJobFlowSteps.json",
        "step",
        "spark.yarn.submit.waitAppCompletion=false",
        p -> {
          ArrayNode args = (ArrayNode) p.get("Steps").get(2).get("HadoopJarStep").get("Args");
          for (int i = 0; i < args.size(); i++) {
            if (args.get(i).asText().equals("spark.yarn.submit.waitAppCompletion=false")) {
              args.set(i, TextNode.valueOf("spark.yarn.submit.waitAppCompletion=true"));
            }
          }
        });
  }

  @Test
  void aSecretOnAStepsCommandLineIsCaught() {
    plantedMistakeIsCaught(
        "deploy/emr-AddJobFlowSteps.json",
        "secret",
        "passes 'MOODSTREAM_INGEST_X_BEARER_TOKEN'",
        p -> {
          ArrayNode args = (ArrayNode) p.get("Steps").get(1).get("HadoopJarStep").get("Args");
          args.insert(1, "MOODSTREAM_INGEST_X_BEARER_TOKEN=abc");
        });
  }

  @Test
  void aNumberWrittenAsTextIsCaughtByBotocoresShapes() {
    plantedMistakeIsCaught(
        "provision/emr-RunJobFlow.json",
        "shape",
        "Invalid type for parameter Instances.InstanceGroups[1].InstanceCount",
        p ->
            ((ObjectNode) p.get("Instances").get("InstanceGroups").get(1))
                .put("InstanceCount", "2"));
  }

  @Test
  void aMisspelledParameterIsCaughtByBotocoresShapes() {
    plantedMistakeIsCaught(
        "provision/emr-RunJobFlow.json",
        "shape",
        "Unknown parameter in input: \"StepConcurrency\"",
        p -> p.set("StepConcurrency", p.remove("StepConcurrencyLevel")));
  }

  @Test
  void ingressFromTheWholeInternetIsCaught() {
    plantedMistakeIsCaught(
        "provision/ec2-AuthorizeSecurityGroupIngress-access.json",
        "ingress",
        "port 8080-8080 open to 0.0.0.0/0",
        p ->
            ((ObjectNode) p.get("IpPermissions").get(0).get("IpRanges").get(0))
                .put("CidrIp", "0.0.0.0/0"));
  }

  @Test
  void aWildcardInAnIamPolicyIsCaught() {
    plantedMistakeIsCaught(
        "provision/iam-PutRolePolicy-instance.json",
        "iam",
        "allows 's3:*': list the actions",
        p ->
            p.put(
                "PolicyDocument",
                p.get("PolicyDocument").asText().replace("\"s3:GetObject\"", "\"s3:*\"")));
  }

  @Test
  void anUnconditionedAllowOnEveryResourceIsCaught() {
    plantedMistakeIsCaught(
        "provision/iam-PutRolePolicy-instance.json",
        "iam",
        "allows [\"kms:Decrypt\"] on every resource without a condition",
        p -> {
          ObjectNode doc =
              (ObjectNode) Tooling.JSON.valueToTree(parse(p.get("PolicyDocument").asText()));
          for (JsonNode st : doc.get("Statement")) {
            ((ObjectNode) st).remove("Condition");
          }
          p.put("PolicyDocument", doc.toString());
        });
  }

  static JsonNode parse(String json) {
    try {
      return Tooling.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  // ---------------------------------------------------------------- secrets, refusals, determinism

  @Test
  void noSecretOrCredentialInTheRenderedFilesOrTheOutput() {
    Path dir = Rendered.get().dir;
    for (String planted :
        List.of(Rendered.PLANTED_SECRET, Rendered.PLANTED_AWS_SECRET, "AKIAPLANTEDRENDER01")) {
      assertThat(Tooling.filesContaining(dir, planted))
          .as("rendered files with %s", planted)
          .isEmpty();
      assertThat(Rendered.get().output).doesNotContain(planted);
    }
    assertThat(Tooling.read(dir.resolve("provision/ssm-PutParameter-1.json")))
        .contains("\"Type\": \"SecureString\"", "never rendered");
    assertThat(Tooling.read(dir.resolve("deploy/primary-node/secrets.list")))
        .isEqualTo("MOODSTREAM_INGEST_X_BEARER_TOKEN=/moodstream/ingest/x-bearer-token\n");
  }

  @Test
  void publicIngressIsRefusedBeforeAnythingIsRendered() {
    Tooling.Result r =
        Tooling.playbook(
            Tooling.renderArgs(
                List.of("provision.yml"),
                tmp.resolve("r"),
                "{\"moodstream_rest_allowed_cidrs\": [\"0.0.0.0/0\"]}"),
            Map.of(),
            Duration.ofMinutes(3));
    assertThat(r.exit()).as(r.output()).isNotZero();
    assertThat(r.output()).contains("opens the primary node to the internet");
    assertThat(tmp.resolve("r")).doesNotExist();
  }

  @Test
  void aReleaseWithoutHBase26IsRefused() {
    Tooling.Result r =
        Tooling.playbook(
            Tooling.renderArgs(
                List.of("provision.yml"), tmp.resolve("r"), "emr_release_label=emr-7.5.0"),
            Map.of(),
            Duration.ofMinutes(3));
    assertThat(r.exit()).as(r.output()).isNotZero();
    assertThat(r.output())
        .contains("emr_release_label emr-7.5.0: the -emr jar needs EMR 7.x with HBase 2.6");
  }

  @Test
  void deployRendersBeforeABuildNamingTheJvmFlagsUnbuilt() {
    Path nowhere = tmp.resolve("no-build");
    Tooling.Result r =
        Tooling.playbook(
            Tooling.renderArgs(
                List.of("deploy.yml"),
                tmp.resolve("unbuilt"),
                "moodstream_rest_dist=" + nowhere.resolve("moodstream-rest-dist.tar"),
                "moodstream_ingest_dist=" + nowhere.resolve("moodstream-ingest-dist.tar")),
            Map.of(),
            Duration.ofMinutes(3));
    assertThat(r.exit()).as(r.output()).isZero();
    for (String unit : List.of("moodstream-rest.service", "moodstream-ingest.service")) {
      assertThat(Tooling.read(tmp.resolve("unbuilt/deploy/primary-node").resolve(unit)))
          .as(unit)
          .contains(" unbuilt ")
          .doesNotContain("--add-opens");
    }
  }

  @Test
  void renderingAgainWritesTheSameBytesAndChangesNothing() {
    Path dir = Rendered.get().dir;
    Map<Path, String> before = new java.util.TreeMap<>();
    Tooling.files(dir).forEach(f -> before.put(dir.relativize(f), Tooling.read(f)));
    String again = Rendered.render(tmp, dir);
    assertThat(Tooling.changed(again)).as(again).isZero();
    Map<Path, String> after = new java.util.TreeMap<>();
    Tooling.files(dir).forEach(f -> after.put(dir.relativize(f), Tooling.read(f)));
    assertThat(after).isEqualTo(before);
  }
}
