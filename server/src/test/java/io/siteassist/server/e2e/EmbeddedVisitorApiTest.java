package io.siteassist.server.e2e;

/** The visitor API scenarios on the embedded default: one H2 database file. */
@EndToEndTest
class EmbeddedVisitorApiTest extends VisitorApiScenarios {}
