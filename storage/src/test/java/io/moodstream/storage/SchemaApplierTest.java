package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.hbase.HBaseLayout.FamilySpec;
import io.moodstream.schema.hbase.HBaseLayout.TableSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code schema show} and {@code schema apply} say about a family, without HBase. */
class SchemaApplierTest {
  private static final FamilySpec EXTREMES =
      new FamilySpec("e", 1, Duration.ofDays(90), "GZ", "FAST_DIFF", "ROW");
  private static final FamilySpec PLAIN = new FamilySpec("d", 3, null, "NONE", "NONE", "NONE");

  @Test
  void aFamilyIsDescribedByEachOfItsSettings() {
    assertThat(SchemaApplier.describe(EXTREMES))
        .isEqualTo(
            "{e: VERSIONS=1 TTL=7776000s COMPRESSION=GZ DATA_BLOCK_ENCODING=FAST_DIFF"
                + " BLOOMFILTER=ROW}");
    assertThat(SchemaApplier.describe(PLAIN))
        .isEqualTo(
            "{d: VERSIONS=3 TTL=FOREVER COMPRESSION=NONE DATA_BLOCK_ENCODING=NONE"
                + " BLOOMFILTER=NONE}");
  }

  @Test
  void aTableIsItsFamiliesAndHowManyRegionsItStartsWith() {
    assertThat(SchemaApplier.describe(new TableSpec("t", "x", List.of(EXTREMES, PLAIN))))
        .isEqualTo(SchemaApplier.describe(EXTREMES) + " " + SchemaApplier.describe(PLAIN));
    assertThat(SchemaApplier.describe(new TableSpec("t", "x", List.of(EXTREMES), 4)))
        .isEqualTo(SchemaApplier.describe(EXTREMES) + " REGIONS=4 (split on the salt byte)");
  }

  @Test
  void aFamilyToModifyListsEachSettingThatDiffersFromWhatHBaseHas() {
    assertThat(
            SchemaApplier.differences(
                SchemaApplier.descriptor(PLAIN), SchemaApplier.descriptor(EXTREMES)))
        .containsExactly(
            "VERSIONS 3 -> 1",
            "TTL FOREVER -> 7776000s",
            "COMPRESSION NONE -> GZ",
            "DATA_BLOCK_ENCODING NONE -> FAST_DIFF",
            "BLOOMFILTER NONE -> ROW");
    FamilySpec longerTtl = new FamilySpec("e", 1, Duration.ofDays(91), "GZ", "FAST_DIFF", "ROW");
    assertThat(
            SchemaApplier.differences(
                SchemaApplier.descriptor(EXTREMES), SchemaApplier.descriptor(longerTtl)))
        .containsExactly("TTL 7776000s -> 7862400s");
    assertThat(
            SchemaApplier.differences(
                SchemaApplier.descriptor(EXTREMES), SchemaApplier.descriptor(EXTREMES)))
        .isEmpty();
  }
}
