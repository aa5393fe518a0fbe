package io.ampbraze.connect.braze.input;

/** The revenue fields of an event; any may be null. */
public record Revenue(
    Double price,
    Double quantity,
    Double revenue,
    String productId,
    String revenueType,
    String currency) {}
