package io.moodstream.rest.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what it is sent; "disconnects" on demand ({@link #closed}). */
class RecordingSink implements LiveSink {
  /** Each event as {@code event#id}. */
  final List<String> events = new CopyOnWriteArrayList<>();

  /** Each event's data. */
  final List<String> data = new CopyOnWriteArrayList<>();

  final List<String> comments = new CopyOnWriteArrayList<>();
  volatile boolean closed;

  @Override
  public boolean send(String event, String id, String data) {
    if (closed) {
      return false;
    }
    events.add(event + "#" + id);
    this.data.add(data);
    return true;
  }

  @Override
  public boolean comment(String text) {
    if (closed) {
      return false;
    }
    comments.add(text);
    return true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
