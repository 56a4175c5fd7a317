package com.envoyx.auth.token.rest;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.Cache;

import com.envoyx.auth.token.service.SigningKeys;

/** The verification keys, in the standard JWK Set shape (not the envelope: JOSE libraries read it). */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final SigningKeys keys;

    JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Cache(maxAge = 300)
    public Map<String, Object> jwks() {
        return Map.of("keys", keys.publishedKeys());
    }
}
