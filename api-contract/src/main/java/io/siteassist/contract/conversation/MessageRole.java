package io.siteassist.contract.conversation;

/** Who wrote a message. */
public enum MessageRole {
  USER,
  ASSISTANT,
  HUMAN_AGENT
}
