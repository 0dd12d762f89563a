package io.troupe.app.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One alert. Its {@code id} names its cause by where it stands in the session (the kind, and the restriction's code
 * and event time, or the step), so the same cause seen again (by another path, or after a resume) is the same alert.
 * {@code eventTime} is epoch milliseconds of event time (null when the cause has none); {@code raisedAt} is the wall
 * clock when it was raised, as ISO-8601.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(String id, String session, String kind, long step, Long eventTime, String raisedAt, String title, String detail) {}
