package io.siteassist.contract.conversation;

import java.util.List;

/** One page of a conversation list and the number of conversations matching in all. */
public record ConversationPage(long total, int limit, int offset, List<ConversationSummary> data) {

  public ConversationPage {
    data = List.copyOf(data);
  }
}
