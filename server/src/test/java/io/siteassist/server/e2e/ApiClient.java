package io.siteassist.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A black-box HTTP client of the API, as a widget or a back end would call it. */
final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  ApiClient(int port) {
    this.base = "http://localhost:" + port;
  }

  record Response(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
      }
    }

    String text(String field) {
      return json().path(field).asText();
    }
  }

  Response get(String path, String token) {
    return send(request(path, token).GET());
  }

  Response post(String path, String token, String jsonBody) {
    HttpRequest.Builder builder = request(path, token);
    if (jsonBody == null) {
      builder.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      builder.header("Content-Type", "application/json");
      builder.POST(HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    return send(builder);
  }

  Response send(String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder builder = request(path, token);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return send(builder);
  }

  /** Starts a visitor session for a device and returns its token. */
  String visitorToken(String publishableKey, String deviceId) {
    Response init =
        post(
            "/v2/identity/init",
            null,
            "{\"apiKey\":\"" + publishableKey + "\",\"saVid\":\"" + deviceId + "\"}");
    if (init.status() / 100 != 2) {
      throw new IllegalStateException("init failed: " + init);
    }
    return init.text("sessionToken");
  }

  /** Starts a conversation as the visitor and returns its id. */
  String startConversation(String token) {
    Response started = post("/v2/conversations", token, null);
    if (started.status() != 201) {
      throw new IllegalStateException("start failed: " + started);
    }
    return started.text("id");
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
