package io.moodstream.sql.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/** Facts from a Parquet file's footer: its rows and schema. */
public final class ParquetFiles {
  private ParquetFiles() {}

  public static long rowCount(Path file) throws IOException {
    try (ParquetFileReader r = open(file)) {
      return r.getRecordCount();
    }
  }

  /** The Parquet schema (physical and logical types) as Parquet prints it. */
  public static MessageType schema(Path file) throws IOException {
    try (ParquetFileReader r = open(file)) {
      return r.getFooter().getFileMetaData().getSchema();
    }
  }

  private static ParquetFileReader open(Path file) throws IOException {
    return ParquetFileReader.open(
        HadoopInputFile.fromPath(
            new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri()), new Configuration()));
  }
}
