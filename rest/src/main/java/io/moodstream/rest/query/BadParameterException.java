package io.moodstream.rest.query;

/** A request parameter is missing or invalid: answered with 400 naming the parameter. */
public final class BadParameterException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String parameter;

  public BadParameterException(String parameter, String detail) {
    super(detail);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
