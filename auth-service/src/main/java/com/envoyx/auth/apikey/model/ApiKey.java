package com.envoyx.auth.apikey.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.envoyx.contracts.token.InternalTokenClaims;

/**
 * An API key as stored: never the key itself, only its hash and what the dashboard shows. A
 * rotated key keeps {@link #expiresAt} at the end of its grace period and names its successor.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    private static final String SCOPE_SEPARATOR = " ";

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    /** The id of the first key of this key's rotation chain: the rate-limit budget it spends. */
    @Column(name = "budget_id", nullable = false)
    public UUID budgetId;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "key_hash", nullable = false)
    public byte[] keyHash;

    /** {@code envx_<env>_}: what the key starts with. */
    @Column(name = "display_prefix", nullable = false)
    public String displayPrefix;

    @Column(name = "last_four", nullable = false)
    public String lastFour;

    /** Wire name: production, staging or development. */
    @Column(name = "environment", nullable = false)
    public String environment;

    /** Space-separated wire names of the scopes. */
    @Column(name = "scopes", nullable = false)
    public String scopes;

    @Column(name = "created_by")
    public UUID createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    @Column(name = "replaced_by")
    public UUID replacedBy;

    /** When the scheduler announced that the key reached its end (expiry or rotation end). */
    @Column(name = "end_announced_at")
    public Instant endAnnouncedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "requests_per_minute")
    public Integer requestsPerMinute;

    @Column(name = "uploads_per_hour")
    public Integer uploadsPerHour;

    @Column(name = "websocket_connections")
    public Integer websocketConnections;

    public ApiKeyStatus statusAt(Instant now) {
        if (revokedAt != null) {
            return ApiKeyStatus.REVOKED;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return ApiKeyStatus.EXPIRED;
        }
        return ApiKeyStatus.ACTIVE;
    }

    public List<String> scopeList() {
        return Arrays.asList(scopes.split(SCOPE_SEPARATOR));
    }

    public void setScopes(List<String> wireNames) {
        scopes = String.join(SCOPE_SEPARATOR, wireNames);
    }

    public String hint() {
        return displayPrefix + "\u2026" + lastFour;
    }

    /** Only the overridden limits, under the token claim's member names. */
    public Map<String, Integer> limitOverrides() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        if (requestsPerMinute != null) {
            limits.put(InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE, requestsPerMinute);
        }
        if (uploadsPerHour != null) {
            limits.put(InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR, uploadsPerHour);
        }
        if (websocketConnections != null) {
            limits.put(InternalTokenClaims.LIMIT_WEBSOCKET_CONNECTIONS, websocketConnections);
        }
        return limits;
    }
}
