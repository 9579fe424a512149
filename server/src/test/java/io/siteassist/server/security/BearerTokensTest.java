package io.siteassist.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The service finds the same bearer token as Spring Security's resolver, or fails the same way. */
class BearerTokensTest {

  static List<String> headers() {
    List<String> headers =
        new ArrayList<>(
            List.of(
                "Bearer sk_demo_local_0123456789",
                "bearer abc.DEF-ghi_jkl~mno+pqr/stu",
                "BEARER token==",
                "Bearer a=",
                "Bearer =",
                "Bearer ",
                "Bearer",
                "Bearerabc",
                "Bearer  abc",
                "Bearer abc ",
                "Bearer abc=def",
                "Bearer ab\"c",
                "Bearer abc,def",
                "Bearer ümlaut",
                "Basic dXNlcjpwYXNz",
                "Token abc",
                "",
                "bear abc",
                "Bearer\tabc"));
    headers.add("Bearer " + "x".repeat(400) + "==");
    headers.add(null);
    return headers;
  }

  @ParameterizedTest
  @MethodSource("headers")
  void it_resolves_the_authorization_header_as_spring_security_does(String header) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v2/conversations");
    if (header != null) {
      request.addHeader("Authorization", header);
    }
    Object expected = outcome(() -> new DefaultBearerTokenResolver().resolve(request));
    Object actual = outcome(() -> new BearerTokens().resolve(request));
    assertThat(actual).isEqualTo(expected);
  }

  /** The token, or the error code and description of the failure. */
  private static Object outcome(java.util.function.Supplier<String> resolve) {
    String[] token = new String[1];
    Throwable failure = catchThrowable(() -> token[0] = resolve.get());
    if (failure == null) {
      return "token " + token[0];
    }
    assertThat(failure).isInstanceOf(OAuth2AuthenticationException.class);
    var error = ((OAuth2AuthenticationException) failure).getError();
    return "error " + error.getErrorCode() + ": " + error.getDescription();
  }
}
