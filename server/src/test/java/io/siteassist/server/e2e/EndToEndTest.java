package io.siteassist.server.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The service on a real port, on its embedded default (Axon's JDBC event store and the read models
 * on one H2 database file), with two projects whose keys the tests know.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/e2e-data/${random.uuid};WRITE_DELAY=0",
      "management.server.port=0",
      "siteassist.projects[0].id=p1",
      "siteassist.projects[0].name=Project one",
      "siteassist.projects[0].publishable-keys[0]=" + EndToEndTest.PK_1,
      "siteassist.projects[0].secret-keys[0]=" + EndToEndTest.SK_1,
      "siteassist.projects[1].id=p2",
      "siteassist.projects[1].name=Project two",
      "siteassist.projects[1].publishable-keys[0]=" + EndToEndTest.PK_2,
      "siteassist.projects[1].secret-keys[0]=" + EndToEndTest.SK_2,
      "siteassist.projects[1].allowed-origins[0]=https://shop.example"
    })
@interface EndToEndTest {
  String PK_1 = "pk_test_project_one";
  String SK_1 = "sk_test_project_one";
  String PK_2 = "pk_test_project_two";
  String SK_2 = "sk_test_project_two";
}
