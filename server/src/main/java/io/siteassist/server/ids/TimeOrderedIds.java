package io.siteassist.server.ids;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * The ids this service makes: version-7 UUIDs (RFC 9562), which begin with their Unix time in
 * milliseconds and go on with random bits. Ids made one after the other sort one after the other,
 * so the B-tree indexes keyed by them (the read models' primary keys, the event store's event and
 * aggregate ids) take new keys at their right edge instead of on a random page each.
 */
public final class TimeOrderedIds {

  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private TimeOrderedIds() {}

  public static UUID next() {
    return GENERATOR.generate();
  }
}
