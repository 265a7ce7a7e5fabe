package io.pactum.protocol.job;

import io.pactum.protocol.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** A job spec or outcome that does not parse or breaks a rule; {@link #violations()} says which. */
public class InvalidRecordException extends IllegalArgumentException {
    private final List<Violation> violations;

    public InvalidRecordException(String what, List<Violation> violations) {
        super("invalid " + what + ": "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public InvalidRecordException(String what, String reason, Throwable cause) {
        super("invalid " + what + ": " + reason, cause);
        this.violations = List.of(new Violation("$", reason));
    }

    public List<Violation> violations() {
        return violations;
    }
}
