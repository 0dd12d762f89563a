package io.troupe.app.report;

/** A labelled time span [from, to) in epoch ms, drawn as a coloured band under a price chart (e.g. a regime). */
public record Band(long from, long to, String label) {}
