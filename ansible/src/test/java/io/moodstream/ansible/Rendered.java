package io.moodstream.ansible;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every playbook in render mode, once per test JVM: the example inventory, plus what the example
 * leaves out so that every request kind appears (Amazon MSK, an X API v2 token from SSM, SSH with a
 * key pair for one CIDR). A secret value and a dummy AWS secret key are planted so the tests can
 * look for them in the output and the rendered files.
 */
final class Rendered {
  static final String PLANTED_SECRET = "planted-x-token-RENDER-5f0c2a";
  static final String PLANTED_AWS_SECRET = "planted-aws-secret-RENDER-91d7e4";

  final Path dir;
  final String output;

  private Rendered(Path dir, String output) {
    this.dir = dir;
    this.output = output;
  }

  private static Rendered once;

  static synchronized Rendered get() {
    if (once == null) {
      Path work = tempDir("moodstream-rendered");
      once = new Rendered(work.resolve("rendered"), render(work, work.resolve("rendered")));
    }
    return once;
  }

  static Path tempDir(String prefix) {
    try {
      Path dir = Files.createDirectories(Tooling.ANSIBLE.resolve("target"));
      return Files.createTempDirectory(dir, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The four playbooks in one ansible-playbook run (one start-up), render mode. */
  static String render(Path work, Path renderDir, String... extraArgs) {
    Path vars = work.resolve("render-vars.yml");
    Tooling.write(
        vars,
        """
        ---
        moodstream_msk_create: true
        moodstream_ingest_args: [--source, x-v2]
        moodstream_secrets: {ingest.x.bearer.token: /moodstream/ingest/x-bearer-token}
        moodstream_secret_values: {ingest.x.bearer.token: "%s"}
        moodstream_ssh_key_name: ops-key
        moodstream_ssh_allowed_cidrs: [198.51.100.7/32]
        """
            .formatted(PLANTED_SECRET));
    List<String> args =
        Tooling.renderArgs(
            List.of("provision.yml", "deploy.yml", "stop.yml", "teardown.yml"),
            renderDir,
            "@" + vars);
    args.addAll(List.of(extraArgs));
    return Tooling.playbook(
            args,
            Map.of(
                "AWS_ACCESS_KEY_ID", "AKIAPLANTEDRENDER01",
                "AWS_SECRET_ACCESS_KEY", PLANTED_AWS_SECRET,
                // render mode must contact nothing: any AWS call would hit a closed port and fail
                "AWS_URL", "https://127.0.0.1:9",
                "AWS_ENDPOINT_URL", "https://127.0.0.1:9"),
            Duration.ofMinutes(5))
        .requireSuccess("rendering the playbooks")
        .output();
  }
}
