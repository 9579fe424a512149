package io.siteassist.contract.conversation;

/** Where a message is in its life: still arriving, complete, or failed. */
public enum MessageStatus {
  COMPLETE,
  STREAMING,
  ERROR
}
