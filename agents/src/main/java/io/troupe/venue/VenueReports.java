package io.troupe.venue;

import io.troupe.model.ExecutionReport;
import io.troupe.persistence.CborSerializable;
import java.util.List;

/** What a venue tells the order manager about its orders, in the order it learned it. */
public record VenueReports(List<ExecutionReport> reports) implements CborSerializable {}
