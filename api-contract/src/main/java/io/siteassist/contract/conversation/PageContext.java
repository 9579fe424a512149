package io.siteassist.contract.conversation;

/** The page the visitor was on when writing a message. */
public record PageContext(String url, String title, String content) {

  public static final PageContext NONE = new PageContext(null, null, null);
}
