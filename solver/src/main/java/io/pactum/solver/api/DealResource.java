package io.pactum.solver.api;

import io.pactum.solver.book.DealStatus;
import io.pactum.solver.config.Settings;
import io.pactum.solver.service.DealService;
import io.pactum.solver.service.Json;
import io.pactum.solver.service.RelayWatcher;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /v1/deals}: proposals, their signatures, their relay. */
@Path("/v1/deals")
@Produces(MediaType.APPLICATION_JSON)
public class DealResource {
    @Inject
    Settings settings;

    @Inject
    DealService deals;

    @Inject
    RelayWatcher relay;

    @GET
    public List<Dto.DealView> list(
            @QueryParam("party") String party,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Optional<String> s = Optional.ofNullable(status).map(x -> {
            try {
                return DealStatus.fromWire(x).wire();
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.INVALID_FIELD,
                        "status must be one of proposed, relaying, agreed, failed, expired", "status");
            }
        });
        if (limit < 1 || limit > 1000) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "limit must be within 1..1000", "limit");
        }
        return deals.list(Optional.ofNullable(party).map(p -> Ids.address(p, "party")), s, limit);
    }

    @GET
    @Path("/{dealId}")
    public Dto.DealView get(@PathParam("dealId") String dealId) {
        return deals.view(Ids.id(dealId, "dealId"))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no deal " + dealId));
    }

    @POST
    @Path("/{dealId}/signatures")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = Dto.SignatureSubmission.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Dto.DealView.class)))
    @APIResponse(responseCode = "400", description = "BAD_SIGNATURE (not the client's nor the node's), INVALID_FIELD",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "DEAL_CLOSED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Dto.DealView sign(@PathParam("dealId") String dealId, byte[] body) {
        String id = Ids.id(dealId, "dealId");
        Dto.SignatureSubmission s = Json.parseBody(body, settings.maxBodyBytes(), Dto.SignatureSubmission.class);
        Dto.DealView view = deals.sign(id, s.signature(), OfferResource.now());
        if (DealStatus.RELAYING.wire().equals(view.status())) {
            relay.kick(id);
        }
        return view;
    }
}
