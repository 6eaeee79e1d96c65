package io.moodstream.ingest.core;

import java.util.List;

/**
 * Input files were damaged (a truncated or corrupt compressed archive): every record before the
 * damage was delivered; {@link #damages()} says where and what was lost. The command exits 3.
 */
public final class DamagedInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> damages;

  public DamagedInputException(List<String> damages) {
    super(
        damages.size()
            + " damaged input file(s); stopped at the first (--continue-on-damage reads on)");
    this.damages = List.copyOf(damages);
  }

  public List<String> damages() {
    return damages;
  }
}
