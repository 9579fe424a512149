package io.siteassist.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;

/**
 * The module boundaries of STYLE.md: a framework-free contract, a write side and a read side that
 * know only the contract, and an HTTP edge that reaches both through contract messages alone.
 */
@AnalyzeClasses(packages = "io.siteassist", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String CONTRACT = "io.siteassist.contract..";
  private static final String COMMAND = "io.siteassist.command..";
  private static final String QUERY = "io.siteassist.query..";
  private static final String SERVER = "io.siteassist.server..";
  private static final String WEB = "io.siteassist.server.web..";

  @ArchTest
  static final ArchRule the_contract_knows_no_spring_persistence_or_jackson =
      noClasses()
          .that()
          .resideInAPackage(CONTRACT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "jakarta.persistence..",
              "javax.persistence..",
              "com.fasterxml.jackson..")
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule the_contract_knows_no_other_module =
      noClasses()
          .that()
          .resideInAPackage(CONTRACT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(COMMAND, QUERY, SERVER)
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule the_write_side_never_reads_the_read_side =
      noClasses()
          .that()
          .resideInAPackage(COMMAND)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(QUERY)
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule the_read_side_never_reaches_into_the_write_side =
      noClasses()
          .that()
          .resideInAPackage(QUERY)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(COMMAND)
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule neither_side_knows_the_server =
      noClasses()
          .that()
          .resideInAnyPackage(COMMAND, QUERY)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SERVER)
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule controllers_talk_to_the_sides_only_through_contract_messages =
      noClasses()
          .that()
          .resideInAPackage(WEB)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework.jdbc..", "javax.sql..", QUERY, COMMAND)
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule the_server_never_sees_the_read_model =
      noClasses()
          .that()
          .resideInAPackage(SERVER)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(QUERY)
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule projections_and_query_handlers_stay_inside_the_read_side =
      classes()
          .that()
          .resideInAPackage(QUERY)
          .and(handleEventsOrQueries())
          .should()
          .notBePublic()
          .allowEmptyShould(false);

  private static DescribedPredicate<JavaClass> handleEventsOrQueries() {
    return DescribedPredicate.describe(
        "handle events or queries",
        type ->
            type.getMethods().stream()
                .anyMatch(
                    m ->
                        m.isAnnotatedWith(EventHandler.class)
                            || m.isAnnotatedWith(QueryHandler.class)));
  }
}
