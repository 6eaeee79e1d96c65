package io.moodstream.streaming;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.List;

/**
 * A parsed and scored post as the Spark job carries it (a Java bean, for Spark's bean encoder): one
 * row per post before the topics are exploded, the aggregator's input after.
 *
 * <p>{@code scored} is false for posts whose language VADER cannot score: they count in volume
 * only, and {@code compound} is 0.
 */
public class PostCell implements Serializable {
  private static final long serialVersionUID = 1L;

  private String id;
  private String text;
  private String authorId;
  private String authorHandle;
  private String url;
  private Timestamp createdAt;
  private boolean scored;
  private double compound;
  private List<String> topics;

  public PostCell() {}

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getAuthorId() {
    return authorId;
  }

  public void setAuthorId(String authorId) {
    this.authorId = authorId;
  }

  public String getAuthorHandle() {
    return authorHandle;
  }

  public void setAuthorHandle(String authorHandle) {
    this.authorHandle = authorHandle;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public Timestamp getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Timestamp createdAt) {
    this.createdAt = createdAt;
  }

  public boolean isScored() {
    return scored;
  }

  public void setScored(boolean scored) {
    this.scored = scored;
  }

  public double getCompound() {
    return compound;
  }

  public void setCompound(double compound) {
    this.compound = compound;
  }

  public List<String> getTopics() {
    return topics;
  }

  public void setTopics(List<String> topics) {
    this.topics = topics;
  }
}
