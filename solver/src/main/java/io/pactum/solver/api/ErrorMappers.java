package io.pactum.solver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception into the documented error JSON. Client mistakes are 4xx with a code; a
 * 5xx is only ever an internal fault and never carries a validation problem.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    static Response of(ApiError body, int status) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return of(e.body(), e.code().status());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        ApiException mapped = JsonErrors.map(e);
        return of(mapped.body(), mapped.code().status());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return of(new ApiError(ErrorCode.NOT_FOUND.name(), "no such resource", null), 404);
    }

    @ServerExceptionMapper
    public Response media(NotSupportedException e) {
        return of(new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE.name(), "send application/json", null), 415);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return of(new ApiError(ErrorCode.TOO_LARGE.name(), "request body too large", null), 413);
        }
        if (status >= 500) {
            LOG.error("internal error", e);
            return of(new ApiError("INTERNAL", "internal error", null), status);
        }
        String code = e instanceof NotAllowedException ? "METHOD_NOT_ALLOWED" : "BAD_REQUEST";
        return of(new ApiError(code, String.valueOf(e.getMessage()), null), status);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("internal error", e);
        return of(new ApiError("INTERNAL", "internal error", null), 500);
    }
}
