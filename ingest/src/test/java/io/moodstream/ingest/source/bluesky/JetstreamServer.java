package io.moodstream.ingest.source.bluesky;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local Jetstream: a WebSocket server (RFC 6455 handshake, unmasked text frames) on {@code
 * /subscribe}. Each connection plays the next script: an HTTP refusal, or messages with pauses, a
 * stall, a close frame or an abrupt drop.
 */
public final class JetstreamServer implements AutoCloseable {
  /** One connection's script. */
  public sealed interface Conn {}

  public record Refuse(int status, String reason) implements Conn {}

  /**
   * Messages (String), {@link Pause}, {@link Stall}, {@link Close}; the socket drops at the end.
   */
  public record Play(List<Object> actions) implements Conn {}

  public record Pause(long ms) {}

  public record Stall(long ms) {}

  public record Close(int code) {}

  private final ServerSocket server;
  private final ConcurrentLinkedQueue<Conn> script = new ConcurrentLinkedQueue<>();
  public final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public JetstreamServer(List<Conn> conns) throws IOException {
    script.addAll(conns);
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "jetstream-test-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url() {
    return "ws://127.0.0.1:" + server.getLocalPort() + "/subscribe";
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "jetstream-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      String head = readHead(in);
      String requestLine = head.lines().findFirst().orElse("");
      requests.add(requestLine.split(" ")[1]);
      String key =
          head.lines()
              .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse("");
      Conn c = script.poll();
      if (c == null) {
        c = new Play(List.of(new Stall(60_000)));
      }
      if (c instanceof Refuse r) {
        out.write(
            ("HTTP/1.1 "
                    + r.status()
                    + " "
                    + r.reason()
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return;
      }
      String accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest(
                          (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                              .getBytes(StandardCharsets.US_ASCII)));
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread drain =
          new Thread(
              () -> {
                try {
                  while (in.read() >= 0) {
                    // the client's frames (close) are not needed
                  }
                } catch (IOException e) {
                  // gone
                }
              });
      drain.setDaemon(true);
      drain.start();
      for (Object a : ((Play) c).actions()) {
        if (a instanceof String msg) {
          frame(out, 0x1, msg.getBytes(StandardCharsets.UTF_8));
        } else if (a instanceof Pause p) {
          Thread.sleep(p.ms());
        } else if (a instanceof Stall st) {
          Thread.sleep(st.ms());
        } else if (a instanceof Close cl) {
          frame(out, 0x8, new byte[] {(byte) (cl.code() >> 8), (byte) cl.code()});
          Thread.sleep(200);
        }
      }
    } catch (Exception e) {
      // client gone or interrupted
    }
  }

  private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
    out.write(0x80 | opcode);
    if (payload.length < 126) {
      out.write(payload.length);
    } else if (payload.length < 65536) {
      out.write(126);
      out.write(payload.length >> 8);
      out.write(payload.length);
    } else {
      out.write(127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) ((long) payload.length >> (8 * i)));
      }
    }
    out.write(payload);
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      b.append((char) c);
      if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
