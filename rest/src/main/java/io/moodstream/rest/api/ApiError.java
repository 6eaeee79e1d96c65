package io.moodstream.rest.api;

/**
 * Every error body: a machine-readable code, the offending parameter ({@code null} when the error
 * is not about one), and a sentence for people. Never a stack trace.
 *
 * @param error {@code bad_parameter}, {@code not_found}, {@code method_not_allowed}, {@code
 *     not_acceptable}, {@code unavailable} or {@code internal}
 * @param parameter the query parameter or header at fault, or {@code null}
 * @param detail what is wrong and how to fix it
 */
public record ApiError(String error, String parameter, String detail) {
  public static ApiError badParameter(String parameter, String detail) {
    return new ApiError("bad_parameter", parameter, detail);
  }
}
