package ai.cinboard.service;

/** Outcome of "Test connection": a message fit to show the user. */
public record ConnectionResult(boolean ok, String message) {}
