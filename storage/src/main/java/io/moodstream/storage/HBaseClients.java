package io.moodstream.storage;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/** HBase client configuration and connections built from Moodstream configuration. */
public final class HBaseClients {
  private HBaseClients() {}

  public static Configuration configuration(MoodstreamConfig config) {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", config.get(CommonConfig.HBASE_ZOOKEEPER_QUORUM));
    conf.setInt(
        "hbase.zookeeper.property.clientPort", config.get(CommonConfig.HBASE_ZOOKEEPER_PORT));
    // Fail fast with a clear message when HBase is down instead of retrying for minutes.
    conf.setInt("hbase.client.retries.number", 3);
    conf.setInt("zookeeper.recovery.retry", 1);
    conf.setInt("hbase.client.operation.timeout", 60_000);
    return conf;
  }

  public static Connection connect(MoodstreamConfig config) throws IOException {
    return ConnectionFactory.createConnection(configuration(config));
  }
}
