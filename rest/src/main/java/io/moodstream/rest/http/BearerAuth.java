package io.moodstream.rest.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Optional bearer-token authentication of the API ({@code /api/*} and {@code /metrics}): with a
 * token configured ({@code rest.auth.token}, from the environment or a {@code _FILE}), a request
 * must carry {@code Authorization: Bearer <token>}. The comparison is of SHA-256 digests with
 * {@link MessageDigest#isEqual}, in constant time whatever the length or content of the guess. The
 * token is never logged, and neither is the header. The dashboard's files and the health probes
 * stay open.
 */
public final class BearerAuth {
  private final byte[] digest; // null = authentication off

  public BearerAuth(Optional<String> token) {
    this.digest = token.filter(t -> !t.isBlank()).map(BearerAuth::sha256).orElse(null);
  }

  public boolean enabled() {
    return digest != null;
  }

  /** Whether a request to {@code path} needs the token. */
  public boolean protects(String path) {
    return enabled()
        && (path.startsWith("/api/") || path.equals("/api") || path.equals("/metrics"));
  }

  /** Whether the Authorization header carries the token. */
  public boolean allows(String authorization) {
    if (!enabled()) {
      return true;
    }
    if (authorization == null || authorization.length() < 7) {
      MessageDigest.isEqual(digest, sha256("")); // same work whatever was sent
      return false;
    }
    boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    boolean same = MessageDigest.isEqual(digest, sha256(authorization.substring(7).trim()));
    return bearer & same;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
