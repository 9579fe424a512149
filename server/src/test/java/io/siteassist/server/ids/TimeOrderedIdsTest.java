package io.siteassist.server.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  @Test
  void ids_are_version_7_and_sort_in_the_order_they_were_made() {
    long before = System.currentTimeMillis();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(TimeOrderedIds.next().toString());
    }
    long after = System.currentTimeMillis();

    assertThat(new HashSet<>(ids)).hasSize(ids.size());
    // the canonical lower-case form sorts as the 128 bits do (PostgreSQL and H2 compare bytes)
    assertThat(ids).isSorted();
    UUID first = UUID.fromString(ids.get(0));
    assertThat(first.version()).isEqualTo(7);
    assertThat(first.variant()).isEqualTo(2); // RFC 9562
    assertThat(first.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  void axon_makes_its_message_identifiers_with_them() {
    IdentifierFactory factory = IdentifierFactory.getInstance();

    assertThat(factory).isInstanceOf(TimeOrderedIdentifierFactory.class);
    String a = factory.generateIdentifier();
    String b = factory.generateIdentifier();
    assertThat(UUID.fromString(a).version()).isEqualTo(7);
    assertThat(a).isLessThan(b);
  }
}
