package io.pactum.solver.api;

import io.pactum.solver.config.Settings;
import io.pactum.solver.service.Json;
import io.pactum.solver.service.Matcher;
import io.pactum.solver.service.OrderBookService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /v1/job-offers} and {@code /v1/resource-offers}. Bodies are read as bytes and parsed
 * strictly here, so every malformed request gets a precise 4xx and nothing is written.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class OfferResource {
    @Inject
    Settings settings;

    @Inject
    OrderBookService book;

    @Inject
    Matcher matcher;

    @POST
    @Path("/job-offers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = Dto.JobOfferSubmission.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Dto.Submitted.class)))
    @APIResponse(responseCode = "400", description = "BAD_SIGNATURE, EXPIRED, UNKNOWN_FIELD, INVALID_FIELD",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "NONCE_REUSED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "TOO_LARGE",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response postJobOffer(byte[] body) {
        Dto.JobOfferSubmission s = Json.parseBody(body, settings.maxBodyBytes(), Dto.JobOfferSubmission.class);
        OrderBookService.Admitted a = book.admit(s.offer(), s.signature(), now());
        if (a.created()) {
            matcher.matchQuietly();
        }
        return Response.status(a.created() ? 201 : 200).entity(a.body()).build();
    }

    @POST
    @Path("/resource-offers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = Dto.ResourceOfferSubmission.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Dto.Submitted.class)))
    @APIResponse(responseCode = "400", description = "BAD_SIGNATURE, EXPIRED, UNKNOWN_FIELD, INVALID_FIELD",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "NONCE_REUSED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "TOO_LARGE",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response postResourceOffer(byte[] body) {
        Dto.ResourceOfferSubmission s =
                Json.parseBody(body, settings.maxBodyBytes(), Dto.ResourceOfferSubmission.class);
        OrderBookService.Admitted a = book.admit(s.offer(), s.signature(), now());
        if (a.created()) {
            matcher.matchQuietly();
        }
        return Response.status(a.created() ? 201 : 200).entity(a.body()).build();
    }

    @GET
    @Path("/job-offers/{id}")
    public Dto.OfferView jobOffer(@PathParam("id") String id) {
        return book.jobOffer(Ids.id(id, "id"))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no job offer " + id));
    }

    @GET
    @Path("/resource-offers/{id}")
    public Dto.OfferView resourceOffer(@PathParam("id") String id) {
        return book.resourceOffer(Ids.id(id, "id"))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no resource offer " + id));
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}
