package io.pactum.node.kubo;

import io.pactum.runtime.store.KuboRpcHandler;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/**
 * The Kubo RPC subset ({@code /api/v0/add, cat, block/get, pin/add, ...}) over the node's content store:
 * a thin JAX-RS adapter; the logic is runtime's framework-free {@link KuboRpcHandler}. The raw body is
 * handed over untouched (the handler parses the multipart itself).
 */
@Path("/api/v0")
@Blocking
public class KuboResource {

    @Inject
    KuboRpcHandler handler;

    @POST
    @Path("{command: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Response post(@PathParam("command") String command, @Context UriInfo uri,
            @HeaderParam("Content-Type") String contentType, InputStream body) {
        return answer("POST", command, uri, contentType, body);
    }

    @GET
    @Path("{command: .+}")
    @Produces(MediaType.WILDCARD)
    public Response get(@PathParam("command") String command, @Context UriInfo uri) {
        return answer("GET", command, uri, null, InputStream.nullInputStream());
    }

    private Response answer(String method, String command, UriInfo uri, String contentType, InputStream body) {
        KuboRpcHandler.Response r = handler.handle(method, KuboRpcHandler.API_PREFIX + command,
                KuboRpcHandler.parseQuery(uri.getRequestUri().getRawQuery()), contentType, body);
        StreamingOutput out = os -> {
            try (InputStream in = r.body()) {
                in.transferTo(os);
            }
        };
        Response.ResponseBuilder b = Response.status(r.status()).type(r.contentType()).entity(out);
        if (r.length() >= 0) {
            b.header("Content-Length", r.length());
        }
        return b.build();
    }
}
