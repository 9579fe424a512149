package io.siteassist.contract.conversation;

/** Ascending or descending. */
public enum SortDirection {
  ASC,
  DESC
}
