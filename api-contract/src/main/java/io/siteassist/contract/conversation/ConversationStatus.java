package io.siteassist.contract.conversation;

/** Whether a conversation still accepts messages. */
public enum ConversationStatus {
  OPEN,
  CLOSED
}
