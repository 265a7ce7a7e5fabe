package io.pactum.solver.api;

/** The error body of every 4xx: {@code {"error", "message", "field"}}. */
public record ApiError(String error, String message, String field) {}
