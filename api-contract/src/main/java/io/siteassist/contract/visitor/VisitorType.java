package io.siteassist.contract.visitor;

/** Whether the visitor is known to the project by an external id. */
public enum VisitorType {
  ANONYMOUS,
  IDENTIFIED
}
