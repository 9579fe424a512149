package io.siteassist.contract.conversation;

import java.util.List;

/** Messages of one conversation, oldest first. */
public record MessageList(List<MessageView> data) {

  public MessageList {
    data = List.copyOf(data);
  }
}
