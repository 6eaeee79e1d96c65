package io.moodstream.ingest.source.replay;

import io.moodstream.ingest.core.SourcePost;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.ParseResult;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Reject;
import java.util.Arrays;
import java.util.List;

/**
 * A Moodstream post event line (what {@code moodstream.posts} holds), read with the contract's own
 * strict parser, which applies {@code PostRules} and hands back their coded reject. Topics are
 * matched again with the configured terms, like every source.
 */
public final class OwnPostLineParser implements LineParser {
  @Override
  public LineOutcome parse(byte[] buf, int off, int len) {
    if (!Utf8.valid(buf, off, len)) {
      return new LineOutcome.Bad(Reject.invalidUtf8(), null);
    }
    ParseResult<PostEvent> r = EventJson.parsePost(Arrays.copyOfRange(buf, off, off + len));
    if (r instanceof ParseResult.Rejected<PostEvent> rej) {
      return new LineOutcome.Bad(rej.reject(), null);
    }
    PostEvent p = ((ParseResult.Accepted<PostEvent>) r).value();
    return new LineOutcome.AsPost(
        new SourcePost(
            p.id(),
            p.createdAt(),
            p.text(),
            p.lang(),
            p.author().id(),
            p.author().handle(),
            p.url(),
            List.of()));
  }
}
