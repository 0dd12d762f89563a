package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's dashboard files and /whoami, on a server started in this JVM with no session behind it: the page and
 * its assets need no token (they hold no data), carry a policy that lets them load nothing from elsewhere, and name
 * nothing off this server; only the listed files are served; /whoami names the caller, never the secret.
 */
class DashboardServingTest {

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void thePageAndItsAssetsAreServedWithoutATokenAndWhoamiNamesTheCaller(@TempDir Path dir) throws Exception {
    ApiTokens tokens = ApiTokens.read(ApiSession.tokens(dir), new PrintWriter(new StringWriter()));
    try (OperatorApi api = start(tokens)) {
      String root = "http://127.0.0.1:" + api.address().getPort();
      Map<String, String> types = new LinkedHashMap<>();
      types.put("/", "text/html; charset=UTF-8");
      types.put("/assets/dashboard.js", "application/javascript; charset=UTF-8");
      types.put("/assets/dashboard.css", "text/css; charset=UTF-8");
      types.put("/assets/favicon.svg", "image/svg+xml");
      types.put("/assets/uplot/uPlot.iife.min.js", "application/javascript; charset=UTF-8");
      types.put("/assets/uplot/uPlot.min.css", "text/css; charset=UTF-8");
      for (var e : types.entrySet()) {
        HttpResponse<String> r = get(root + e.getKey(), null);
        assertEquals(200, r.statusCode(), e.getKey() + ": " + r.body());
        assertEquals(e.getValue(), r.headers().firstValue("Content-Type").orElse(""), e.getKey());
        assertEquals(DashboardRoutes.CONTENT_SECURITY_POLICY, r.headers().firstValue("Content-Security-Policy").orElse(""), e.getKey());
        assertFalse(r.body().isEmpty(), e.getKey());
      }
      // The page and its own script and style name nothing off this server: no CDN, no font service.
      for (String own : List.of("/", "/assets/dashboard.js", "/assets/dashboard.css")) {
        String body = get(root + own, null).body();
        assertFalse(body.contains("http://") || body.contains("https://") || body.contains("src=\"//") || body.contains("href=\"//"), own + " names another server");
      }
      assertTrue(get(root + "/", null).body().contains("/assets/uplot/uPlot.iife.min.js"));
      // Only the listed files: nothing else from the classpath, however the path is spelt.
      for (String path : List.of("/assets/nothing.js", "/assets/application.conf", "/assets/%2e%2e/application.conf", "/assets/uplot/uPlot.d.ts",
          "/assets/io/troupe/app/http/openapi.json")) {
        assertEquals(404, get(root + path, null).statusCode(), path);
      }

      JsonNode bob = ApiSession.JSON.readTree(get(root + "/api/v1/whoami", ApiSession.VIEWER_SECRET).body());
      assertEquals("bob", bob.get("name").asText());
      assertEquals("viewer", bob.get("role").asText());
      assertFalse(bob.get("controls").asBoolean());
      HttpResponse<String> alice = get(root + "/api/v1/whoami", ApiSession.OPERATOR_SECRET);
      assertEquals(200, alice.statusCode());
      JsonNode aliceBody = ApiSession.JSON.readTree(alice.body());
      assertEquals("alice", aliceBody.get("name").asText());
      assertEquals("operator", aliceBody.get("role").asText());
      assertTrue(aliceBody.get("controls").asBoolean());
      assertTrue(aliceBody.get("tokens_configured").asBoolean());
      assertFalse(alice.body().contains(ApiSession.OPERATOR_SECRET), "the answer holds the secret");
      assertEquals(401, get(root + "/api/v1/whoami", null).statusCode());
      assertEquals(401, get(root + "/api/v1/whoami", "wrong-" + ApiSession.OPERATOR_SECRET).statusCode());
    }
  }

  @Test
  void withoutTokensTheCallerIsAnAnonymousViewerWithNoControls() throws Exception {
    try (OperatorApi api = start(ApiTokens.none())) {
      HttpResponse<String> r = get("http://127.0.0.1:" + api.address().getPort() + "/api/v1/whoami", null);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode who = ApiSession.JSON.readTree(r.body());
      assertEquals("anonymous", who.get("name").asText());
      assertEquals("viewer", who.get("role").asText());
      assertFalse(who.get("controls").asBoolean());
      assertFalse(who.get("tokens_configured").asBoolean());
    }
  }

  @Test
  void statusAnswersBeforeTheSessionIsLive() throws Exception {
    // A session recovering its journal serves /status before its first step: it says so instead of failing with a 500.
    try (OperatorApi api = start(ApiTokens.none())) {
      HttpResponse<String> r = get("http://127.0.0.1:" + api.address().getPort() + "/api/v1/status", null);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode status = ApiSession.JSON.readTree(r.body());
      assertEquals("starting", status.get("phase").asText());
      assertTrue(status.get("step").isNull(), r.body());
      assertTrue(status.get("steps").isNull(), r.body());
      assertEquals("ACTIVE", status.get("trading_state").asText());
    }
  }

  private static OperatorApi start(ApiTokens tokens) {
    return OperatorApi.start(new HttpAddress("127.0.0.1", 0), "--http", tokens, ConfigFactory.load(), new PrintWriter(new StringWriter()), List.of());
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
