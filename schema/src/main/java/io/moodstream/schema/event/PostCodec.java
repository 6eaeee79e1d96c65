package io.moodstream.schema.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The compact binary form of a {@link PostEvent} on {@code moodstream.posts}, beside its JSON form
 * ({@link EventJson}); {@link #parse} reads either, choosing by the first byte. Ingest writes this
 * form by default: it costs neither ingest a JSON writer nor the job a JSON parser. Thread-safe.
 *
 * <p>Layout of version 1 (big-endian; {@code varint} = unsigned LEB128, at most 5 bytes, of a
 * non-negative {@code int}; {@code str} = {@code varint} byte length, then that many bytes of
 * UTF-8):
 *
 * <pre>
 *   offset  size  field
 *   0       1     magic 0x8D (a UTF-8 continuation byte: no JSON document, or UTF-8 text at all,
 *                 starts with it)
 *   1       1     format version, 0x01
 *   2       8     createdAt, seconds since the epoch (long)
 *   10      4     createdAt, nanoseconds of the second (int, 0..999,999,999)
 *   14      1     source: 1 twitter-v1, 2 x-v2, 3 bluesky, 4 synthetic, 5 replay
 *   15      1     flags: bit 0 = lang present, bit 1 = url present, other bits 0
 *   16      str   id
 *           str   text
 *           str   lang            (only if flag bit 0)
 *           str   author.id
 *           str   author.handle
 *           varint  number of topics, then one str per topic (including "all")
 *           str   url             (only if flag bit 1)
 *   end: the record ends exactly here
 * </pre>
 *
 * A new layout gets a new version byte; a reader refuses versions it does not know (the record goes
 * to the dead-letter topic naming the version) rather than guess. Decoding never throws: a
 * truncated or corrupt record is a {@link ParseResult.Rejected} whose reason starts with {@link
 * #BAD_BINARY}, and a decoded post passes the same checks as a JSON one. A dead letter carries a
 * binary record's bytes as {@code base64:} and standard Base64 ({@link #readable}).
 */
public final class PostCodec {
  /** The first byte of every binary post record. */
  public static final byte MAGIC = (byte) 0x8D;

  /** The format version this class writes. */
  public static final byte VERSION = 1;

  /** The dead-letter reason code of a binary record that cannot be decoded. */
  public static final String BAD_BINARY = Reject.Code.BAD_BINARY.counterName();

  /** The prefix of a dead letter's {@code raw} holding a binary record's bytes in Base64. */
  public static final String BASE64_PREFIX = "base64:";

  private static final int HEADER = 16;
  private static final int LANG = 1;
  private static final int URL = 2;

  /** Source codes by {@link Source} constant, pinned here and not taken from {@code ordinal()}. */
  private static final Source[] SOURCES = {
    null, Source.TWITTER_V1, Source.X_V2, Source.BLUESKY, Source.SYNTHETIC, Source.REPLAY
  };

  private PostCodec() {}

  /** Whether a record value is in the binary form (else it is JSON, or garbage). */
  public static boolean isBinary(byte[] value) {
    return value != null && value.length > 0 && value[0] == MAGIC;
  }

  /**
   * A post record of either form: binary when it starts with {@link #MAGIC}, else JSON ({@link
   * EventJson#parsePost}).
   */
  public static ParseResult<PostEvent> parse(byte[] value) {
    return isBinary(value) ? decode(value) : EventJson.parsePost(value);
  }

  /**
   * The record as a dead letter's {@code raw}: a binary record as {@code base64:} and its bytes in
   * standard Base64, anything else as UTF-8 text with invalid bytes replaced by U+FFFD; empty for
   * null.
   */
  public static String readable(byte[] value) {
    if (value == null) {
      return "";
    }
    if (isBinary(value)) {
      return BASE64_PREFIX + Base64.getEncoder().encodeToString(value);
    }
    return new String(value, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- writing

  /** The binary record of a post (version {@link #VERSION}). */
  public static byte[] encode(PostEvent p) {
    byte[] id = utf8(p.id());
    byte[] text = utf8(p.text());
    byte[] lang = p.lang() == null ? null : utf8(p.lang());
    byte[] authorId = utf8(p.author().id());
    byte[] handle = utf8(p.author().handle());
    byte[] url = p.url() == null ? null : utf8(p.url());
    List<String> topicList = p.topics();
    byte[][] topics = new byte[topicList.size()][];
    int size = HEADER + sized(id) + sized(text) + sized(authorId) + sized(handle);
    size += varintSize(topics.length);
    for (int i = 0; i < topics.length; i++) {
      topics[i] = utf8(topicList.get(i));
      size += sized(topics[i]);
    }
    if (lang != null) {
      size += sized(lang);
    }
    if (url != null) {
      size += sized(url);
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(MAGIC).put(VERSION);
    b.putLong(p.createdAt().getEpochSecond()).putInt(p.createdAt().getNano());
    b.put(sourceCode(p.source()));
    b.put((byte) ((lang != null ? LANG : 0) | (url != null ? URL : 0)));
    put(b, id);
    put(b, text);
    if (lang != null) {
      put(b, lang);
    }
    put(b, authorId);
    put(b, handle);
    putVarint(b, topics.length);
    for (byte[] t : topics) {
      put(b, t);
    }
    if (url != null) {
      put(b, url);
    }
    return b.array();
  }

  private static byte sourceCode(Source s) {
    for (int i = 1; i < SOURCES.length; i++) {
      if (SOURCES[i] == s) {
        return (byte) i;
      }
    }
    throw new IllegalStateException("source " + s + " has no binary code");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int sized(byte[] s) {
    return varintSize(s.length) + s.length;
  }

  private static int varintSize(int v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static void put(ByteBuffer b, byte[] s) {
    putVarint(b, s.length);
    b.put(s);
  }

  private static void putVarint(ByteBuffer b, int v) {
    while ((v & ~0x7F) != 0) {
      b.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    b.put((byte) v);
  }

  // ---------------------------------------------------------------- reading

  /** A binary record; never throws. */
  public static ParseResult<PostEvent> decode(byte[] value) {
    if (value == null) {
      return bad("$", "record is empty (null value)");
    }
    if (value.length < 2 || value[0] != MAGIC) {
      return bad("$", "does not start with the magic byte 0x8D and a version");
    }
    if (value[1] != VERSION) {
      return bad(
          "$",
          "format version "
              + (value[1] & 0xFF)
              + " is unknown to this reader (it reads version "
              + VERSION
              + ")");
    }
    if (value.length < HEADER) {
      return bad("$", "record is " + value.length + " bytes, shorter than its 16-byte header");
    }
    try {
      return read(new Reader(value));
    } catch (Corrupt e) {
      return bad(e.field, e.getMessage());
    }
  }

  private static ParseResult<PostEvent> read(Reader r) throws Corrupt {
    ByteBuffer b = ByteBuffer.wrap(r.bytes);
    long seconds = b.getLong(2);
    int nanos = b.getInt(10);
    int code = r.bytes[14] & 0xFF;
    int flags = r.bytes[15] & 0xFF;
    if (nanos < 0 || nanos > 999_999_999) {
      throw new Corrupt("createdAt", "nanoseconds of createdAt are " + nanos);
    }
    Instant createdAt;
    try {
      createdAt = Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new Corrupt("createdAt", "createdAt is " + seconds + " s, outside Instant's range");
    }
    if (code == 0 || code >= SOURCES.length) {
      throw new Corrupt("source", "source code " + code + " is unknown (1..5)");
    }
    if ((flags & ~(LANG | URL)) != 0) {
      throw new Corrupt("$", "flags byte is 0x" + Integer.toHexString(flags) + ", unknown bits");
    }
    r.pos = HEADER;
    String id = r.string("id");
    String text = r.string("text");
    String lang = (flags & LANG) != 0 ? r.string("lang") : null;
    String authorId = r.string("author.id");
    String handle = r.string("author.handle");
    int count = r.varint("topics");
    if (count > r.remaining()) {
      throw new Corrupt("topics", "topic count " + count + " exceeds the bytes left");
    }
    List<String> topics = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      topics.add(r.string("topics[" + i + "]"));
    }
    String url = (flags & URL) != 0 ? r.string("url") : null;
    if (r.remaining() != 0) {
      throw new Corrupt("$", r.remaining() + " bytes follow the end of the record");
    }
    return checked(id, SOURCES[code], createdAt, text, lang, authorId, handle, topics, url);
  }

  /**
   * The post, if it passes what {@link EventJson} checks of the same fields: {@link
   * PostRules#topicList}, then {@link PostRules} through the constructors — the same rejects, codes
   * and reasons as the JSON form.
   */
  private static ParseResult<PostEvent> checked(
      String id,
      Source source,
      Instant createdAt,
      String text,
      String lang,
      String authorId,
      String handle,
      List<String> topics,
      String url) {
    Reject listed = PostRules.topicList(topics);
    if (listed != null) {
      return ParseResult.rejected(listed);
    }
    try {
      return ParseResult.accepted(
          new PostEvent(
              id, source, createdAt, text, lang, new Author(authorId, handle), topics, url));
    } catch (InvalidEventException e) {
      return ParseResult.rejected(e.reject());
    }
  }

  private static <T> ParseResult<T> bad(String field, String detail) {
    return ParseResult.rejected(
        new Reject(Reject.Code.BAD_BINARY, field, BAD_BINARY + ": binary post record: " + detail));
  }

  /** A cursor over the record's bytes. */
  private static final class Reader {
    final byte[] bytes;
    int pos;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int remaining() {
      return bytes.length - pos;
    }

    int varint(String field) throws Corrupt {
      int v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        if (pos >= bytes.length) {
          throw new Corrupt(field, "record ends inside the length of '" + field + "'");
        }
        byte b = bytes[pos++];
        v |= (b & 0x7F) << shift;
        if (b >= 0) {
          if (shift == 28 && (b & 0x78) != 0) {
            break; // more than 31 bits: not a non-negative int
          }
          return v;
        }
      }
      throw new Corrupt(field, "the length of '" + field + "' is not a valid varint");
    }

    String string(String field) throws Corrupt {
      int n = varint(field);
      if (n > remaining()) {
        throw new Corrupt(
            field,
            "'" + field + "' is " + n + " bytes but the record has " + remaining() + " left");
      }
      String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
      if (s.indexOf('\uFFFD') >= 0) {
        strictUtf8(field, n); // a real U+FFFD passes; malformed bytes do not
      }
      pos += n;
      return s;
    }

    private void strictUtf8(String field, int n) throws Corrupt {
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, pos, n));
      } catch (CharacterCodingException e) {
        throw new Corrupt(field, "'" + field + "' is not valid UTF-8");
      }
    }
  }

  /** A record that cannot be decoded; checked, so that no path of {@link #decode} can forget it. */
  private static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;
    final String field;

    Corrupt(String field, String reason) {
      super(reason, null, false, false);
      this.field = field;
    }
  }
}
