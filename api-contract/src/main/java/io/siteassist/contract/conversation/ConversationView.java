package io.siteassist.contract.conversation;

import java.util.List;

/** A conversation with all its messages, oldest first. */
public record ConversationView(ConversationSummary conversation, List<MessageView> messages) {

  public ConversationView {
    messages = List.copyOf(messages);
  }
}
