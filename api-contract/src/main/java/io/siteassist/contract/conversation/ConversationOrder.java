package io.siteassist.contract.conversation;

/** The orders in which conversations can be listed. */
public enum ConversationOrder {
  ID,
  CREATED_AT,
  UPDATED_AT,
  LAST_INTERACTION_AT,
  STATUS,
  CLOSED_AT,
  IS_HUMAN_HANDLED,
  TITLE
}
