package io.moodstream.local;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LayeringTest {

  /** The main classes of every module on the test classpath. */
  static JavaClasses main() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        // a module's test-jar (storage's, for DashboardIT) holds tests too, which may use
        // any module (its ITs start the broker)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.moodstream");
  }

  @Test
  void everyModuleImportsOnlyWhatItsLayerAllows() {
    JavaClasses main = main();
    // the rule must see every module, or it proves nothing
    for (String module : new String[] {"schema", "storage", "sentiment", "sql"}) {
      assertThat(
              main.stream().anyMatch(c -> c.getPackageName().startsWith("io.moodstream." + module)))
          .as("classes of %s on the test classpath", module)
          .isTrue();
    }
    Layering.rule().check(main);
  }

  @Test
  void schemasPackagesDependOnEachOtherWithoutACycle() {
    slices().matching("io.moodstream.schema.(*)..").should().beFreeOfCycles().check(main());
  }

  @Test
  void aForbiddenImportIsCaught() {
    // io.moodstream.schema.layeringfixture.SchemaImportingStorage (test sources) imports storage,
    // which schema must not do.
    JavaClasses withViolation =
        new ClassFileImporter()
            .importPackages("io.moodstream.schema.layeringfixture", "io.moodstream.storage");
    assertThatThrownBy(() -> Layering.rule().check(withViolation))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SchemaImportingStorage")
        .hasMessageContaining("io.moodstream.storage.SchemaApplier");
  }
}
