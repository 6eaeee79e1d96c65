package io.moodstream.schema.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The settings every Kafka client of Moodstream starts from: {@code bootstrap.servers} from {@code
 * kafka.bootstrap.servers}, then the entries of the {@code kafka.client.config} file, then the
 * {@code kafka.client.*} pass-through keys (which win). Ingest's producer and admin, {@code schema
 * apply}, the Spark job's source and dead-letter writer and the local stack's admin all use it, so
 * one setting ({@code kafka.client.security.protocol=SSL}, …) reaches every client. Plain maps: the
 * schema module needs no Kafka dependency.
 *
 * <p>Secrets: a property whose name contains {@code password} or {@code secret}, or is {@code
 * ssl.keystore.key}, is a secret (environment, {@code _FILE} or the {@code kafka.client.config}
 * file only, never the properties file or SparkConf); {@code sasl.jaas.config} is masked in logs,
 * and a secret too when it holds a password or secret. {@link #describe} masks both.
 */
public final class KafkaClientConfig {
  private KafkaClientConfig() {}

  /** The Kafka property of {@code kafka.bootstrap.servers}. */
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

  /** How a Kafka client property is treated in Moodstream's configuration and logs. */
  public static ConfigKey.Sensitivity sensitivity(String property, String value) {
    String p = property.toLowerCase(Locale.ROOT);
    if (p.contains("password") || p.contains("secret") || p.equals("ssl.keystore.key")) {
      return ConfigKey.Sensitivity.SECRET;
    }
    if (p.equals("sasl.jaas.config")) {
      String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
      return v.contains("password") || v.contains("secret")
          ? ConfigKey.Sensitivity.SECRET
          : ConfigKey.Sensitivity.MASKED;
    }
    return ConfigKey.Sensitivity.PLAIN;
  }

  /**
   * The client properties: {@code bootstrap.servers}, the {@code kafka.client.config} file's
   * entries, then {@code kafka.client.*}. Callers put their own settings first and these on top.
   *
   * @throws ConfigException when the file cannot be read, or a pass-through key tries to set {@code
   *     bootstrap.servers} (use {@code kafka.bootstrap.servers})
   */
  public static Map<String, Object> properties(MoodstreamConfig config) {
    Map<String, Object> p = new LinkedHashMap<>();
    String file = config.get(CommonConfig.KAFKA_CLIENT_CONFIG).trim();
    if (!file.isEmpty()) {
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        props.load(r);
      } catch (IOException e) {
        throw new ConfigException(
            CommonConfig.KAFKA_CLIENT_CONFIG.name()
                + " names "
                + file
                + " (from "
                + config.origin(CommonConfig.KAFKA_CLIENT_CONFIG)
                + "), which cannot be read: "
                + e);
      }
      new TreeMap<>(props).forEach((k, v) -> p.put((String) k, v));
    }
    Map<String, String> pass = config.get(CommonConfig.KAFKA_CLIENT);
    if (pass.containsKey(BOOTSTRAP_SERVERS)) {
      throw new ConfigException(
          CommonConfig.KAFKA_CLIENT.name()
              + "."
              + BOOTSTRAP_SERVERS
              + " is not a pass-through setting: use "
              + CommonConfig.KAFKA_BOOTSTRAP_SERVERS.name());
    }
    p.putAll(pass);
    p.put(BOOTSTRAP_SERVERS, config.get(CommonConfig.KAFKA_BOOTSTRAP_SERVERS));
    return p;
  }

  /**
   * {@link #properties} as options of Spark's Kafka source and sink: each property prefixed with
   * {@code kafka.}.
   */
  public static Map<String, String> sparkOptions(MoodstreamConfig config) {
    Map<String, String> o = new LinkedHashMap<>();
    properties(config).forEach((k, v) -> o.put("kafka." + k, String.valueOf(v)));
    return o;
  }

  /** {@code key=value, …} in key order with secrets and {@code sasl.jaas.config} masked. */
  public static String describe(Map<String, ?> properties) {
    StringJoiner j = new StringJoiner(", ");
    new TreeMap<>(properties)
        .forEach(
            (k, v) -> {
              String property = k.startsWith("kafka.") ? k.substring(6) : k;
              j.add(
                  k
                      + "="
                      + MoodstreamConfig.shown(
                          CommonConfig.KAFKA_CLIENT, property, String.valueOf(v)));
            });
    return j.toString();
  }
}
