package io.siteassist.server.security;

import io.siteassist.contract.error.ErrorCode;
import io.siteassist.server.config.Projects;
import io.siteassist.server.web.error.ErrorResponses;
import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Bearer credentials for the whole API: a visitor's session token (JWT) or a project's secret key.
 * Every refusal, from a missing token to a URL the firewall rejects, gets the error envelope.
 */
@Configuration
class SecurityConfig {

  static final String[] OPERATOR_ENDPOINTS = {
    "/v2/conversations/*/handover",
    "/v2/conversations/*/release",
    "/v2/conversations/*/agent-messages"
  };

  @Bean
  SecurityFilterChain api(HttpSecurity http, AuthenticationManager credentials) throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .cors(cors -> cors.configurationSource(corsConfiguration()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .anonymous(a -> a.principal("anonymous"))
        .authorizeHttpRequests(
            auth ->
                auth.dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(HttpMethod.OPTIONS, "/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/v2/identity/init")
                    .permitAll()
                    .requestMatchers("/v2/identity/me")
                    .hasAuthority(CallerAuthentication.VISITOR)
                    .requestMatchers(OPERATOR_ENDPOINTS)
                    .hasAuthority(CallerAuthentication.PROJECT_BACKEND)
                    .requestMatchers("/v2/**")
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .oauth2ResourceServer(
            rs ->
                rs.bearerTokenResolver(new BearerTokens())
                    .authenticationManagerResolver(request -> credentials)
                    .authenticationEntryPoint(unauthorized())
                    .accessDeniedHandler(forbidden()))
        .exceptionHandling(
            e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()));
    return http.build();
  }

  /**
   * Spring Security observes each of its filters, for every request: 4 % of the CPU of a GET here
   * (async-profiler), for spans and timers no dashboard reads. {@code http.server.requests} still
   * times every request as a whole.
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  AuthenticationManager credentials(SessionTokens tokens, Projects projects) {
    return new ProviderManager(
        CredentialAuthenticationProviders.secretKeys(projects),
        CredentialAuthenticationProviders.sessionTokens(tokens, projects));
  }

  @Bean
  RequestRejectedHandler rejectedRequests() {
    return (request, response, rejected) ->
        ErrorResponses.write(
            response,
            ErrorCode.INVALID_REQUEST_BODY,
            "The request URL or headers are not acceptable.",
            Map.of());
  }

  private static AuthenticationEntryPoint unauthorized() {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "Bearer");
      ErrorResponses.write(
          response,
          ErrorCode.UNAUTHORIZED,
          ErrorResponses.defaultMessage(ErrorCode.UNAUTHORIZED),
          Map.of());
    };
  }

  private static AccessDeniedHandler forbidden() {
    return (request, response, e) ->
        ErrorResponses.write(
            response,
            ErrorCode.FORBIDDEN,
            ErrorResponses.defaultMessage(ErrorCode.FORBIDDEN),
            Map.of());
  }

  /** The widget runs on the customers' sites; tokens, not cookies, carry the identity. */
  private static CorsConfigurationSource corsConfiguration() {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOriginPatterns(List.of("*"));
    cors.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
    cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Last-Event-ID"));
    cors.setExposedHeaders(List.of("Retry-After"));
    cors.setAllowCredentials(false);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/v2/**", cors);
    return source;
  }
}
