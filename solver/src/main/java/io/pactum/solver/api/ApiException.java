package io.pactum.solver.api;

/** A client mistake, answered with its code's 4xx status and an {@link ApiError} body. */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public ApiException(ErrorCode code, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public ApiError body() {
        return new ApiError(code.name(), getMessage(), field);
    }
}
