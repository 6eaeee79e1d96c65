package io.moodstream.rest.live;

/** One live subscriber's event stream; {@code false} from a send means it is gone. */
public interface LiveSink {
  /** Sends one event; {@code id} may be {@code null}. */
  boolean send(String event, String id, String data);

  /** Sends a comment line (a heartbeat). */
  boolean comment(String text);

  /**
   * Says goodbye before the service stops: a comment and a {@code retry:} hint so that the browser
   * reconnects (to this service once it is back, or another behind the same address) after {@code
   * reconnectMillis}, then closes. Best effort.
   */
  default void goodbye(String reason, long reconnectMillis) {
    comment(reason);
    close();
  }

  boolean isClosed();

  /**
   * Whether a write now would be taken without blocking (the connection's buffers are not full);
   * such a write is then guaranteed not to block.
   */
  default boolean writable() {
    return true;
  }

  /** Runs {@code r} once the connection can take writes again (at once if it can now). */
  default void whenWritable(Runnable r) {
    r.run();
  }

  /**
   * Whether a write failed because it stalled past the write timeout (the client stopped reading).
   */
  default boolean stalled() {
    return false;
  }

  void close();
}
