package io.moodstream.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The playbooks, role and inventories pass yamllint, ansible-lint (production profile) and
 * ansible-playbook --syntax-check; the Python of the playbooks (filters, the EMR modules'
 * decisions) passes its pytest suite.
 */
class PlaybookLintTest {
  static final List<String> PLAYBOOKS =
      List.of("provision.yml", "deploy.yml", "stop.yml", "teardown.yml", "site.yml");

  @Test
  void yamllintFindsNothing() {
    Tooling.Result r =
        Tooling.run(
            List.of(
                Tooling.require("yamllint", "Debian: apt-get install yamllint"), "--strict", "."),
            Tooling.ANSIBLE,
            Map.of(),
            Duration.ofMinutes(2));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isEmpty();
  }

  @Test
  void ansibleLintPassesTheProductionProfileWithoutWarnings() {
    Tooling.Result r =
        Tooling.run(
            List.of(
                Tooling.require("ansible-lint", "Debian: apt-get install ansible-lint"),
                "--nocolor",
                "-p"),
            Tooling.ANSIBLE,
            Tooling.ansibleEnv(),
            Duration.ofMinutes(5));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("Passed with production profile")
        .contains("0 failure(s), 0 warning(s)");
  }

  @Test
  void everyPlaybookPassesTheSyntaxCheck() {
    for (String p : PLAYBOOKS) {
      Tooling.playbook(
              List.of("--syntax-check", "-i", "inventory/example/hosts.yml", p),
              Map.of(),
              Duration.ofMinutes(2))
          .requireSuccess("ansible-playbook --syntax-check " + p);
    }
  }

  @Test
  void thePlaybooksPythonPassesItsUnitTests() {
    Tooling.Result r =
        Tooling.run(
            List.of(
                Tooling.awsPython(),
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "src/test/python"),
            Tooling.ANSIBLE,
            Map.of("PYTHONDONTWRITEBYTECODE", "1"),
            Duration.ofMinutes(3));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).containsPattern("\\d+ passed");
  }
}
