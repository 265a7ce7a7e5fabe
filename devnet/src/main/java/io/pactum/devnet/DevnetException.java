package io.pactum.devnet;

/** The devnet could not start or run; the message says what and where to look. */
public final class DevnetException extends RuntimeException {
  public DevnetException(String message) {
    super(message);
  }

  public DevnetException(String message, Throwable cause) {
    super(message, cause);
  }
}
