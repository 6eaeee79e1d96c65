package io.moodstream.schema.layeringfixture;

import io.moodstream.storage.SchemaApplier;

/**
 * A deliberate layering violation (schema importing storage) that LayeringTest must catch. It lives
 * in the local module's test sources so it never ships.
 */
public final class SchemaImportingStorage {
  private SchemaImportingStorage() {}

  public static Class<?> forbidden() {
    return SchemaApplier.class;
  }
}
