package io.pactum.solver.api;

import io.pactum.protocol.did.Did;
import io.pactum.protocol.did.DidDocuments;
import io.pactum.protocol.did.DidReader;
import io.pactum.protocol.did.DidResolver;
import io.pactum.solver.config.Settings;
import io.pactum.solver.did.DidReaderProducer;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * {@code GET /v1/dids/{did}}: the W3C DID Core document ({@code application/did+json}) of a
 * {@code did:pactum} DID of this solver's chain, built by the pure {@link DidResolver} over the
 * {@link DidReader} port (DIDRegistry on chain).
 */
@Path("/v1/dids")
public class DidResource {
    private static final Logger LOG = Logger.getLogger(DidResource.class);

    @Inject
    Settings settings;

    @Inject
    DidReader reader;

    @GET
    @Path("/{did}")
    @Produces({DidDocuments.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    public Response resolve(@PathParam("did") String did) {
        DidResolver.Resolution r;
        try {
            r = new DidResolver(settings.chainId(), reader).resolve(did);
        } catch (DidReaderProducer.DidsUnavailable e) {
            throw new ApiException(ErrorCode.CHAIN_UNAVAILABLE, e.getMessage());
        } catch (IOException e) {
            LOG.warnf("cannot read %s from the DIDRegistry: %s", did, e.getMessage());
            throw new ApiException(ErrorCode.CHAIN_UNAVAILABLE, "cannot read the DID registry now; retry later");
        }
        if (r instanceof DidResolver.Resolution.Found f) {
            return Response.ok(f.document().toString(), DidDocuments.MEDIA_TYPE).build();
        }
        if (r instanceof DidResolver.Resolution.NotFound n) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no DID " + n.did() + " in the registry", "did");
        }
        DidResolver.Resolution.Invalid i = (DidResolver.Resolution.Invalid) r;
        throw new ApiException(otherChain(did) ? ErrorCode.WRONG_CHAIN : ErrorCode.INVALID_FIELD, i.reason(), "did");
    }

    /** Whether {@code text} is a well-formed DID (so the resolver refused it for its chain). */
    private static boolean otherChain(String text) {
        try {
            Did.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
