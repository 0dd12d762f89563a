package io.troupe.app.readside;

import com.typesafe.config.Config;
import io.troupe.persistence.JournalConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2ReadSideTest extends ReadSideContract {

  @TempDir Path state;

  @Override
  Config freshJournal() {
    return JournalConfig.h2(state);
  }
}
