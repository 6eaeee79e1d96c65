package io.moodstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** Checks that JSON the service produced has the shape of an api-fixtures file. */
public final class Shapes {
  public static final ObjectMapper JSON = new ObjectMapper();

  private Shapes() {}

  static JsonNode fixture(String name) {
    try (InputStream in = Shapes.class.getResourceAsStream("/api-fixtures/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Same keys at every level, same value kinds (a null matches a number or string: nullable
   * fields), every array element shaped like the fixture's first element.
   */
  static void assertSameShape(String fixtureName, String actualJson) {
    try {
      assertShape(fixture(fixtureName), JSON.readTree(actualJson), "$");
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + actualJson, e);
    }
  }

  static void assertShape(JsonNode expected, JsonNode actual, String path) {
    if (expected.isNull() || actual.isNull()) {
      assertThat(expected.isNull() || expected.isValueNode())
          .as("%s: null only where a value is", path)
          .isTrue();
      assertThat(actual.isNull() || actual.isValueNode())
          .as("%s: null only where a value is, got %s", path, actual)
          .isTrue();
      return;
    }
    assertThat(actual.getNodeType()).as("%s kind", path).isEqualTo(expected.getNodeType());
    if (expected.isObject()) {
      assertThat(names(actual)).as("%s keys", path).isEqualTo(names(expected));
      for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        assertShape(expected.get(k), actual.get(k), path + "." + k);
      }
    } else if (expected.isArray() && expected.size() > 0) {
      for (int i = 0; i < actual.size(); i++) {
        assertShape(expected.get(0), actual.get(i), path + "[" + i + "]");
      }
    }
  }

  private static Set<String> names(JsonNode n) {
    Set<String> s = new TreeSet<>();
    n.fieldNames().forEachRemaining(s::add);
    return s;
  }
}
