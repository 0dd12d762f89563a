package io.troupe.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.desk.SpecialistSwap;
import io.troupe.model.InvalidInputException;
import io.troupe.specialist.GenomeLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code troupe specialist add|replace|remove}: hot-swaps a specialist of a running paper session's desk through its
 * HTTP API ({@code POST /api/v1/desks/{symbol}/specialists}). A genome file is checked here first, with the checks
 * of every other command; a strategy and its parameters are checked by the session (which may have plugins this
 * command has not). The token is an operator's secret, from {@code TROUPE_API_TOKEN} or {@code --token-file}, never
 * from the command line.
 */
@Command(
    name = "specialist",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Add, replace or remove a specialist of a running paper session's desk, through its HTTP API.",
      "A new or replacing specialist warms up on the desk's recent bars and in shadow (troupe.meta.swap),",
      "then takes over at a step boundary. The swap is journaled with the token's name and --reason.",
      "Exit 0 when the session took it, 2 when it or the desk refused it."
    },
    footer = {"%nExamples:",
      "  TROUPE_API_TOKEN=... troupe specialist replace --desk BTC-PERP --name trending-default --genome examples/genomes/trending-fast.json --reason 'faster trend'",
      "  troupe specialist add --desk BTC-PERP --name trending-b --genome examples/genomes/trending-fast.json --token-file ~/.troupe-token --reason 'second trend'",
      "  troupe specialist remove --desk BTC-PERP --name trending-b --api http://127.0.0.1:8686/api/v1 --token-file ~/.troupe-token --reason 'done'"})
public final class SwapSpecialistCommand implements Callable<Integer> {

  static final String TOKEN_ENV = "TROUPE_API_TOKEN";
  static final String DEFAULT_API = "http://127.0.0.1:8686/api/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", paramLabel = "add|replace|remove", description = "What to do.")
  String action;

  @Option(names = "--desk", required = true, paramLabel = "SYMBOL", description = "The desk's symbol.")
  String desk;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "The specialist's name on the desk (a replacement takes it over).")
  String name;

  @Option(names = "--genome", paramLabel = "FILE", description = "For add and replace: a genome file (JSON, as in config/specialists).")
  Path genome;

  @Option(names = "--strategy", paramLabel = "NAME", description = "For add and replace, instead of a genome: a strategy by name (troupe list strategies).")
  String strategy;

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "The strategy's parameters, e.g. --param period=20.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, in one line: journaled with the swap.")
  String reason;

  @Option(names = "--api", paramLabel = "URL", description = "The session's API (default: " + DEFAULT_API + ").")
  String api = DEFAULT_API;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "A file holding an operator's token secret (its first line); default: the " + TOKEN_ENV + " environment variable.")
  Path tokenFile;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SpecialistSwap.Change change = SpecialistSwap.Change.parse(action, "troupe specialist");
    ObjectNode body = JSON.createObjectNode();
    body.put("action", change.code());
    body.put("name", name);
    body.put("reason", reason);
    if (change == SpecialistSwap.Change.REMOVE) {
      if (genome != null || strategy != null || !params.isEmpty()) throw new InvalidInputException("remove takes no --genome, --strategy or --param");
    } else {
      if ((genome == null) == (strategy == null)) throw new InvalidInputException(change.code() + " needs --genome FILE or --strategy NAME (one of them)");
      if (genome != null) {
        if (!params.isEmpty()) throw new InvalidInputException("--param goes with --strategy; a genome has its own parameters");
        GenomeLoader.load(genome); // the file's problems, named as every command names them
        try {
          body.set("genome", JSON.readTree(Files.readString(genome)));
        } catch (IOException e) {
          throw new InvalidInputException(genome + ": cannot read genome: " + e.getMessage(), e);
        }
      } else {
        body.put("strategy", strategy);
        ObjectNode p = body.putObject("params");
        params.forEach(p::put);
      }
    }
    String token = token();
    URI uri;
    try {
      uri = URI.create(api.replaceAll("/+$", "") + "/desks/" + URLEncoder.encode(desk, StandardCharsets.UTF_8).replace("+", "%20") + "/specialists");
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--api: '" + api + "' is not a URL: " + e.getMessage());
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
      throw new InvalidInputException("--api: '" + api + "' is not an http(s) URL such as " + DEFAULT_API);
    }
    HttpResponse<String> response = post(uri, token, body.toString());
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new InvalidInputException("the API at " + api + " answered " + response.statusCode() + " with something not JSON");
    }
    int status = response.statusCode();
    if (status == 200 || status == 202) {
      if (status == 202) {
        out.println("specialist: accepted by " + api + ", queued for the session's next step boundary (" + answer.path("note").asText() + ")");
      } else {
        out.println("specialist: " + answer.path("message").asText());
        out.println("applied    after step " + answer.path("after_step").asLong() + " (" + answer.path("time").asText() + ") by " + answer.path("by").asText());
        out.println("specialists " + String.join(", ", strings(answer.path("specialists"))));
      }
      out.flush();
      return TroupeCli.EXIT_OK;
    }
    String error = answer.hasNonNull("error") ? answer.get("error").asText() : response.body();
    String field = answer.hasNonNull("field") ? " (field '" + answer.get("field").asText() + "')" : "";
    String what = switch (status) {
      case 400 -> "refused";
      case 401 -> "not authorized (a missing or wrong token)";
      case 403 -> "forbidden (an operator's token is needed)";
      case 404 -> "not found";
      case 409 -> "refused by the desk, nothing changed";
      case 503 -> "the session takes no controls now";
      default -> "failed (HTTP " + status + ")";
    };
    throw new InvalidInputException("specialist: " + what + ": " + error + field);
  }

  private String token() {
    String secret;
    if (tokenFile != null) {
      try {
        secret = Files.readAllLines(tokenFile).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElse("");
      } catch (IOException e) {
        throw new InvalidInputException("--token-file " + tokenFile + ": cannot read it: " + e.getMessage());
      }
      if (secret.isEmpty()) throw new InvalidInputException("--token-file " + tokenFile + ": holds no token");
    } else {
      secret = System.getenv(TOKEN_ENV);
      if (secret == null || secret.isBlank()) throw new InvalidInputException("no token: set " + TOKEN_ENV + " or give --token-file FILE (an operator's secret)");
      secret = secret.strip();
    }
    if (secret.chars().anyMatch(c -> c <= ' ')) throw new InvalidInputException("the token must be one word (no spaces); give the secret alone");
    return secret;
  }

  private HttpResponse<String> post(URI uri, String token, String body) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new InvalidInputException("--api: cannot connect to " + api + " (is a paper session serving its API there?)");
    } catch (IOException e) {
      throw new InvalidInputException("--api: " + api + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + api, e);
    }
  }

  private static java.util.List<String> strings(JsonNode array) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode n : array) out.add(n.asText());
    return out;
  }
}
