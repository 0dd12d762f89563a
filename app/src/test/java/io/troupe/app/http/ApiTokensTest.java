package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {

  static final String SECRET = "a-long-operator-secret-1";

  @Test
  void readsNamesRolesAndSecretsAndAuthenticatesOnlyTheExactSecret(@TempDir Path dir) throws Exception {
    Path file = write(dir, "# who role secret\n\nalice operator " + SECRET + "\n  bob   VIEWER   another-viewer-secret-2  \n", "rw-------");
    StringWriter warnings = new StringWriter();
    ApiTokens tokens = ApiTokens.read(file, new PrintWriter(warnings));
    assertEquals("", warnings.toString(), "owner-only file: no warning");
    assertEquals(1, tokens.count(ApiTokens.Role.OPERATOR));
    assertEquals(1, tokens.count(ApiTokens.Role.VIEWER));
    assertEquals(Optional.of(new ApiTokens.Caller("alice", ApiTokens.Role.OPERATOR)), tokens.authenticate(SECRET));
    assertEquals(Optional.of(new ApiTokens.Caller("bob", ApiTokens.Role.VIEWER)), tokens.authenticate("another-viewer-secret-2"));
    assertEquals(Optional.empty(), tokens.authenticate(SECRET + "x"));
    assertEquals(Optional.empty(), tokens.authenticate(SECRET.substring(1)));
    assertEquals(Optional.empty(), tokens.authenticate(""));
    assertEquals(Optional.empty(), tokens.authenticate(null));
    assertTrue(ApiTokens.Role.OPERATOR.allows(ApiTokens.Role.OPERATOR) && ApiTokens.Role.OPERATOR.allows(ApiTokens.Role.VIEWER));
    assertFalse(ApiTokens.Role.VIEWER.allows(ApiTokens.Role.OPERATOR));
  }

  @Test
  void aFileOthersMayReadIsUsedWithAWarning(@TempDir Path dir) throws Exception {
    Path file = write(dir, "alice operator " + SECRET + "\n", "rw-r--r--");
    StringWriter warnings = new StringWriter();
    ApiTokens tokens = ApiTokens.read(file, new PrintWriter(warnings));
    assertTrue(tokens.authenticate(SECRET).isPresent());
    assertTrue(warnings.toString().contains("warning: --tokens " + file + " can be read by its group or by others"), warnings.toString());
    assertFalse(warnings.toString().contains(SECRET));
  }

  @Test
  void aMalformedLineIsBadInputNamingFileAndLineButNeverTheSecret(@TempDir Path dir) throws Exception {
    String[][] cases = {
      {"alice operator", "line 2: expected 'name role secret', got 2 fields"},
      {"alice admin " + SECRET, "line 2: the role 'admin' is not viewer or operator"},
      {"alice operator short-secret", "line 2: the secret of 'alice' is shorter than 16 characters"},
      {"al/ice operator " + SECRET, "line 2: the name 'al/ice' must be"},
      {"carol viewer " + SECRET, "line 2: the secret of 'carol' is the same as an earlier token's"},
      {"zed viewer " + SECRET + " extra", "line 2: expected 'name role secret', got 4 fields"},
    };
    for (String[] c : cases) {
      String first = c[0].startsWith("carol") ? "dave operator " + SECRET : "dave operator first-secret-is-long";
      Path file = write(dir, first + "\n" + c[0] + "\n", "rw-------");
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> ApiTokens.read(file, new PrintWriter(new StringWriter())));
      assertEquals(file + " " + c[1], e.getMessage().substring(0, (file + " " + c[1]).length()), e.getMessage());
      assertFalse(e.getMessage().contains(SECRET), "the secret is never in a message: " + e.getMessage());
    }
    Path twice = write(dir, "alice operator " + SECRET + "\nalice viewer another-viewer-secret-2\n", "rw-------");
    assertTrue(assertThrows(InvalidInputException.class, () -> ApiTokens.read(twice, new PrintWriter(new StringWriter()))).getMessage()
        .contains("line 2: the name 'alice' is given twice"));
    Path missing = dir.resolve("none");
    assertTrue(assertThrows(InvalidInputException.class, () -> ApiTokens.read(missing, new PrintWriter(new StringWriter()))).getMessage()
        .startsWith("--tokens " + missing + ": cannot read the file"));
  }

  @Test
  void addressesParseAndSayWhatIsWrong() {
    assertEquals(new HttpAddress("127.0.0.1", 8686), HttpAddress.parse("127.0.0.1:8686", "--http"));
    assertEquals(new HttpAddress("::1", 0), HttpAddress.parse("[::1]:0", "--http"));
    assertEquals(null, HttpAddress.parse("OFF", "--http"));
    assertTrue(HttpAddress.parse("localhost:1", "--http").isLoopback());
    assertFalse(HttpAddress.parse("0.0.0.0:1", "--http").isLoopback());
    assertEquals("--http: '8686' is not HOST:PORT or off", assertThrows(InvalidInputException.class, () -> HttpAddress.parse("8686", "--http")).getMessage());
    assertEquals("--http: the port in 'h:x' is not a number", assertThrows(InvalidInputException.class, () -> HttpAddress.parse("h:x", "--http")).getMessage());
    assertEquals("--http: the port in 'h:70000' must be in [0, 65535]", assertThrows(InvalidInputException.class, () -> HttpAddress.parse("h:70000", "--http")).getMessage());
  }

  private static Path write(Path dir, String text, String permissions) throws Exception {
    Path file = Files.createTempFile(dir, "tokens", ".txt");
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }
}
