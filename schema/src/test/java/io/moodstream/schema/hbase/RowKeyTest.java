package io.moodstream.schema.hbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moodstream.schema.key.KeyLimits;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RowKeyTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long NOV_24_2026_2156 =
      Instant.parse("2026-11-24T21:56:00Z").getEpochSecond();

  private static String hex(RowKey k) {
    return HEX.formatHex(k.toBytes());
  }

  @Test
  void encodesSaltTopicTerminatorAndUnsignedSeconds() {
    // 50 = crc32("apple") & 0xff, 6170706c65 = "apple", 00 terminator, 6b0607f0 = 1795557360
    assertThat(NOV_24_2026_2156).isEqualTo(1_795_557_360L);
    assertThat(hex(new RowKey("apple", NOV_24_2026_2156)))
        .isEqualTo("50" + "6170706c65" + "00" + "6b0607f0");
  }

  @Test
  void epochZeroIsFourZeroBytes() {
    assertThat(hex(new RowKey("all", 0))).isEqualTo("dd" + "616c6c" + "00" + "00000000");
  }

  @Test
  void year2100UsesTheHighBitOfTheUnsignedSeconds() {
    long y2100 = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
    assertThat(hex(new RowKey("café", y2100))).isEqualTo("b5" + "636166c3a9" + "00" + "f4865700");
    assertThat(RowKey.fromBytes(new RowKey("café", y2100).toBytes()).epochSecond())
        .isEqualTo(y2100);
  }

  @Test
  void nonAsciiTopicsAreUtf8() {
    assertThat(hex(new RowKey("気分", NOV_24_2026_2156)))
        .isEqualTo("28" + "e6b097e58886" + "00" + "6b0607f0");
  }

  @Test
  void longTopicsUpTo255BytesRoundTrip() {
    String topic = "x".repeat(254) + "y";
    RowKey k = new RowKey(topic, 123);
    assertThat(k.toBytes()).hasSize(255 + 6);
    assertThat(RowKey.fromBytes(k.toBytes())).isEqualTo(k);
    assertThatThrownBy(() -> new RowKey("x".repeat(254) + "é", 0))
        .hasMessageContaining("256 UTF-8 bytes");
    String emoji = "😀".repeat(63) + "abc"; // 4-byte characters counted as the encoder does
    assertThat(new RowKey(emoji, 0).toBytes()).hasSize(255 + 6);
    assertThat(KeyLimits.topicProblem(emoji + "d"))
        .isEqualTo("topic is 256 UTF-8 bytes, more than 255");
  }

  @Test
  void decodeOfEncodeIsIdentity() {
    for (String topic : new String[] {"a", "all", "apple pie", "#blessed", "気分", "😀 emoji", "ß"}) {
      for (long t :
          new long[] {0, 1, 59, 60, NOV_24_2026_2156, 4_102_444_800L, KeyLimits.MAX_EPOCH_SECOND}) {
        RowKey k = new RowKey(topic, t);
        assertThat(RowKey.fromBytes(k.toBytes())).isEqualTo(k);
      }
    }
  }

  @Test
  void topicsThatPrefixEachOtherNeverShareAScanRange() {
    // every possible row of "apple" lies in [startRow, stopRow) and no row of "apple pie" does
    byte[] start = RowKey.startRow("apple", 0);
    byte[] stop = RowKey.stopRow("apple", Long.MAX_VALUE);
    for (String other : new String[] {"apple pie", "apple\u0001", "applesauce", "appl"}) {
      for (long t : new long[] {0, NOV_24_2026_2156, KeyLimits.MAX_EPOCH_SECOND}) {
        byte[] row = new RowKey(other, t).toBytes();
        boolean inside =
            Arrays.compareUnsigned(row, start) >= 0 && Arrays.compareUnsigned(row, stop) < 0;
        assertThat(inside).as("%s at %d inside apple's scan", other, t).isFalse();
      }
    }
    for (long t : new long[] {0, NOV_24_2026_2156, KeyLimits.MAX_EPOCH_SECOND}) {
      byte[] row = new RowKey("apple", t).toBytes();
      assertThat(Arrays.compareUnsigned(row, start)).isGreaterThanOrEqualTo(0);
      assertThat(Arrays.compareUnsigned(row, stop)).isLessThan(0);
    }
  }

  @Test
  void aTimeRangeIsOneContiguousHalfOpenScan() {
    byte[] from = RowKey.startRow("apple", 120);
    byte[] to = RowKey.stopRow("apple", 240);
    assertThat(Arrays.compareUnsigned(new RowKey("apple", 60).toBytes(), from)).isLessThan(0);
    assertThat(Arrays.compareUnsigned(new RowKey("apple", 120).toBytes(), from)).isZero();
    assertThat(Arrays.compareUnsigned(new RowKey("apple", 180).toBytes(), to)).isLessThan(0);
    assertThat(Arrays.compareUnsigned(new RowKey("apple", 240).toBytes(), to)).isZero();
  }

  @Test
  void stopRowPastTheLastSecondEndsTheTopic() {
    assertThat(HEX.formatHex(RowKey.stopRow("apple", 1L << 40)))
        .isEqualTo("50" + "6170706c65" + "01");
  }

  @Test
  void rejectsBadInputWithAReason() {
    assertThatThrownBy(() -> new RowKey("", 0)).hasMessageContaining("empty");
    assertThatThrownBy(() -> new RowKey("a\0b", 0)).hasMessageContaining("U+0000");
    assertThatThrownBy(() -> new RowKey("\ud800", 0)).hasMessageContaining("surrogate");
    assertThatThrownBy(() -> new RowKey("a", -1)).hasMessageContaining("outside");
    assertThatThrownBy(() -> new RowKey("a", KeyLimits.MAX_EPOCH_SECOND + 1))
        .hasMessageContaining("outside");
    assertThatThrownBy(
            () -> RowKey.fromBytes(HEX.parseHex("51" + "6170706c65" + "00" + "6b0607f0")))
        .hasMessageContaining("salt");
    assertThatThrownBy(() -> RowKey.fromBytes(HEX.parseHex("00010203")))
        .hasMessageContaining("not a Moodstream row key");
  }

  @Test
  void stepsAlignToUtcBoundaries() {
    assertThat(Step.MINUTE.alignDown(NOV_24_2026_2156 + 59)).isEqualTo(NOV_24_2026_2156);
    assertThat(Step.HOUR.alignDown(NOV_24_2026_2156))
        .isEqualTo(Instant.parse("2026-11-24T21:00:00Z").getEpochSecond());
    assertThat(Step.DAY.alignDown(NOV_24_2026_2156))
        .isEqualTo(Instant.parse("2026-11-24T00:00:00Z").getEpochSecond());
  }
}
