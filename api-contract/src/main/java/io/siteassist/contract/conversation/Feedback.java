package io.siteassist.contract.conversation;

/** A visitor's verdict on a message. */
public enum Feedback {
  LIKE,
  DISLIKE
}
