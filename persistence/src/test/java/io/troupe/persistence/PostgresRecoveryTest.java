package io.troupe.persistence;

import com.typesafe.config.Config;

class PostgresRecoveryTest extends RecoveryContract {

  @Override
  Config journalConfig() {
    return TestJournals.postgres();
  }
}
