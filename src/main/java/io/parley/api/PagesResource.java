package io.parley.api;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The addresses people type: {@code /console}, {@code /console/wallboard} and {@code /demo} lead to their pages
 * (static files under {@code META-INF/resources}, served from {@code /console/}, {@code /console/wallboard/} and
 * {@code /demo/}).
 */
@Path("/")
public class PagesResource {

    @GET
    @Path("console")
    @Operation(hidden = true)
    public Response console() {
        return Response.seeOther(URI.create("/console/")).build();
    }

    @GET
    @Path("console/wallboard")
    @Operation(hidden = true)
    public Response wallboard() {
        return Response.seeOther(URI.create("/console/wallboard/")).build();
    }

    @GET
    @Path("demo")
    @Operation(hidden = true)
    public Response demo() {
        return Response.seeOther(URI.create("/demo/")).build();
    }
}
