package io.troupe.app.readside;

import com.typesafe.config.Config;

class PostgresReadSideTest extends ReadSideContract {

  private ScratchPostgres database;

  @Override
  Config freshJournal() throws Exception {
    database = ScratchPostgres.create();
    return database.journal();
  }

  @Override
  void dropJournal() throws Exception {
    if (database != null) database.drop();
  }
}
