package io.troupe.persistence;

import com.typesafe.config.Config;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2RecoveryTest extends RecoveryContract {

  @TempDir
  Path stateDir;

  @Override
  Config journalConfig() {
    return TestJournals.h2(stateDir);
  }
}
