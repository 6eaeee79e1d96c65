package io.moodstream.schema;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void schemasPackagesDoNotDependOnEachOtherInACycle() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.moodstream.schema");
    slices().matching("io.moodstream.schema.(*)..").should().beFreeOfCycles().check(main);
  }
}
