package com.envoyx.auth.apikey.service;

import java.time.Instant;
import java.util.List;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.Scope;

/** A validated request for a new key. */
public record NewKeySpec(String name, List<Scope> scopes, ApiKeyEnvironment environment, Instant expiresAt) {
}
