package io.pactum.protocol.validation;

/** One broken rule: the field it concerns and why, e.g. {@code mediators: must be strictly ascending}. */
public record Violation(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
