package io.troupe.app.readside;

import io.troupe.app.paper.PaperEvent;
import java.util.Optional;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/** Turns each completed step into its rows, on the projection's transaction. The session is the persistence id. */
class StepHandler extends JdbcHandler<EventEnvelope<PaperEvent>, ReadSideSession> {

  @Override
  public void process(ReadSideSession session, EventEnvelope<PaperEvent> envelope) throws Exception {
    Optional<StepRows> rows = StepRows.of(envelope.persistenceId(), envelope.event());
    if (rows.isEmpty()) return;
    session.withConnection(connection -> {
      ReadSideTables.insert(connection, rows.get());
      return null;
    });
  }
}
