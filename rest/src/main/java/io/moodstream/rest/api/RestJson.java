package io.moodstream.rest.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The service's one JSON mapper configuration. */
public final class RestJson {
  private RestJson() {}

  /**
   * Doubles are written with Jackson's Schubfach writer instead of {@code Double.toString}: the
   * shortest decimal that reads back as the same double (so exactness is kept), at a fraction of
   * the cost; two per point made {@code Double.toString} the single largest CPU cost of a series.
   */
  public static ObjectMapper mapper() {
    // on the factory, not only the mapper: Jersey's provider makes its generators from the factory
    return JsonMapper.builder(
            JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build())
        .build();
  }
}
