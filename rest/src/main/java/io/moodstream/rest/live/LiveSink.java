package io.moodstream.rest.live;

/** One live subscriber's event stream; {@code false} from a send means it is gone. */
public interface LiveSink {
  /** Sends one event; {@code id} may be {@code null}. */
  boolean send(String event, String id, String data);

  /** Sends a comment line (a heartbeat). */
  boolean comment(String text);

  boolean isClosed();

  void close();
}
