package io.moodstream.rest.http;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.NIOConnection;

/**
 * Sets a fixed kernel send buffer (SO_SNDBUF) on every accepted connection. Linux otherwise
 * auto-tunes it up to 4 MB per connection, so a client that stops reading could hold megabytes of
 * kernel memory and would be found out (its writes stalling, then cut after {@code
 * rest.sse.write.timeout}) only after that much was sent. Grizzly's own setting only ever raises
 * the buffer, hence this filter.
 */
public final class SendBufferCap implements AddOn {
  private final int bytes;

  public SendBufferCap(int bytes) {
    this.bytes = bytes;
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    builder.add(builder.indexOfType(TransportFilter.class) + 1, new Filter());
  }

  private final class Filter extends BaseFilter {
    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
      Connection<?> c = ctx.getConnection();
      if (c instanceof NIOConnection n && n.getChannel() instanceof SocketChannel ch) {
        Socket s = ch.socket();
        s.setSendBufferSize(bytes);
      }
      return ctx.getInvokeAction();
    }
  }
}
